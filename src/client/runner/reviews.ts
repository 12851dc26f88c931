/**
 * After a run, each prose expectation (`# Should …`, descriptions in words) waits for a person: a notification shows
 * it with the end of the output, and "Confirm" / "Reject" amend the run record (who and when; see
 * src/runner/review.ts). The server is told at once, so the phase's code lens turns GO (or NO-GO); a task whose last
 * expectation is confirmed is ticked like any passing task. Decisions are applied one at a time, in the order made.
 */
import * as vscode from 'vscode';
import type { RunRecord } from '../../protocol/index';
import { applyReview, reviewerName, rewriteRecord, type ReviewTarget } from '../../runner/index';

export interface ReviewContext {
  record: RunRecord;
  recordPath: string;
  root: string;
  /** Called after each decision is recorded, with the amended record and the task it changed. */
  onRecorded: (record: RunRecord, task: number) => Promise<void>;
  log: Pick<vscode.LogOutputChannel, 'info' | 'error'>;
}

export const CONFIRM = 'Confirm';
export const REJECT = 'Reject';

/** Shows one notification per prose expectation waiting for review. Returns how many were offered. */
export function offerReviews(ctx: ReviewContext): number {
  let record = ctx.record;
  let queue = Promise.resolve();
  let reviewer: string | undefined;
  const targets: { target: ReviewTarget; message: string }[] = [];
  record.tasks.forEach((t, ti) => t.snippets.forEach((s, si) => s.expected.forEach((e, ei) => {
    if (e.class !== 'prose' || e.review || s.notRun || t.status !== 'pending') return;
    const tail = s.outputExcerpt.replace(/\s+$/, '').split(/\r?\n/).slice(-3).join(' ⏎ ').slice(-200);
    targets.push({
      target: { task: ti, snippet: si, expectation: ei },
      message: `Signoff: does the output of "${t.label ?? t.text}" (line ${t.line}) show this? “${e.text}”${tail ? ` — output ends: ${tail}` : ' — no output'}`,
    });
  })));
  for (const { target, message } of targets) {
    void vscode.window.showInformationMessage(message, CONFIRM, REJECT).then((pick) => {
      if (pick !== CONFIRM && pick !== REJECT) return;
      queue = queue.then(async () => {
        reviewer ??= reviewerName(ctx.root);
        record = applyReview(record, target, pick === CONFIRM ? 'confirmed' : 'rejected', reviewer);
        await rewriteRecord(ctx.recordPath, record);
        ctx.log.info(`${pick === CONFIRM ? 'confirmed' : 'rejected'} by ${reviewer}: ${record.tasks[target.task].snippets[target.snippet].expected[target.expectation].text} (${ctx.recordPath})`);
        await ctx.onRecorded(record, target.task);
      }).catch((e) => {
        ctx.log.error(`recording a review in ${ctx.recordPath} failed: ${(e as Error)?.stack ?? e}`);
        void vscode.window.showErrorMessage(`Signoff: could not record the review: ${(e as Error)?.message ?? e}`);
      });
    });
  }
  return targets.length;
}
