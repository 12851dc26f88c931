/**
 * Prose expectations waiting for a person (`# Should …`, descriptions in words) live in places that stay: a status
 * bar item "N to review", the phase's code lens, and the *Review Pending Expectations* command, a quick pick showing
 * each expectation with the end of its output, then Confirm / Reject. Notifications only point here. What waits is
 * read from the latest record of each phase (the core's reader, as the lenses read it); a decision amends that
 * record (who and when; src/runner/review.ts), re-signs it when `signoff.seal.key` is set, and the server is told so
 * the lens follows. Decisions are applied one at a time, in the order made.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { COMMAND_REVIEW_PENDING, RUNS_FOLDER, type RunPerson, type RunRecord, type RunTaskResult } from '../../protocol/index';
import {
  applyReview, awaitsReview, latestRunByPhase, readRecord, recordHost, rewriteRecord, runPerson, signRecord, snippetFailed, type ReviewTarget,
} from '../../runner/index';
import { keyPath } from '../commands/seal';

export const CONFIRM = 'Confirm';
export const REJECT = 'Reject';

export interface PendingReview {
  root: string;
  /** Workspace-relative record and checklist paths. */
  record: string;
  checklist: string;
  target: ReviewTarget;
  task: RunTaskResult;
  text: string;
  /** The last lines of the snippet's output. */
  tail: string;
}

/** Told after a decision is recorded: the checklist, the amended record and the task it changed. */
export type OnDecided = (p: PendingReview, record: RunRecord, decision: 'confirmed' | 'rejected') => Promise<void>;

type Log = Pick<vscode.LogOutputChannel, 'info' | 'error'>;

export class ReviewQueue implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('signoff.reviews', vscode.StatusBarAlignment.Left, 49);
  private pending: PendingReview[] = [];
  private queue = Promise.resolve();
  private reviewer: RunPerson | undefined;

  constructor(private readonly log: Log, private readonly onDecided: OnDecided) {
    this.item.name = 'Signoff: expectations to review';
    this.item.command = COMMAND_REVIEW_PENDING;
  }

  get count(): number {
    return this.pending.length;
  }

  /**
   * Re-reads what waits in every file-system workspace folder's records, and updates the status bar. Refreshes run
   * one after another, so one started before a decision was written never ends last with what it read before it.
   */
  refresh(): Promise<PendingReview[]> {
    const next = this.refreshing.then(() => this.scan());
    this.refreshing = next.then(() => undefined, () => undefined);
    return next;
  }

  private refreshing: Promise<void> = Promise.resolve();

  private async scan(): Promise<PendingReview[]> {
    const found: PendingReview[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const root = folder.uri.fsPath;
      const host = recordHost(root);
      const names = (await host.listDirectory(RUNS_FOLDER)) ?? [];
      const checklists = new Set<string>();
      for (const n of names.filter((x) => x.endsWith('.json'))) {
        const r = await readRecord(host, `${RUNS_FOLDER}/${n}`);
        if (r) checklists.add(r.checklist);
      }
      for (const checklist of checklists) {
        const latest = await latestRunByPhase(host, checklist);
        for (const [phase, run] of latest) found.push(...pendingIn(root, run.path, checklist, run.record, phase));
      }
    }
    this.pending = found;
    if (found.length) {
      this.item.text = `$(checklist) ${found.length} to review`;
      this.item.tooltip = `Signoff: ${found.length} expectation${found.length === 1 ? '' : 's'} of checklist runs wait${found.length === 1 ? 's' : ''} for a person. Click to review.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.show();
    } else this.item.hide();
    return found;
  }

  /** *Review Pending Expectations*: pick an expectation (of the given checklist first), then Confirm or Reject. */
  async pick(uri?: vscode.Uri): Promise<void> {
    const all = await this.refresh();
    if (!all.length) {
      void vscode.window.showInformationMessage('Signoff: no expectation of a checklist run waits for review.');
      return;
    }
    const first = uri ? all.filter((p) => vscode.Uri.file(path.join(p.root, ...p.checklist.split('/'))).toString() === uri.toString()) : [];
    const ordered = [...first, ...all.filter((p) => !first.includes(p))];
    const chosen = await vscode.window.showQuickPick(
      ordered.map((p) => ({
        label: p.text,
        description: `${p.task.label ?? p.task.text} · ${p.checklist}:${p.task.line}`,
        detail: p.tail ? `Output ends: ${p.tail}` : 'No output.',
        review: p,
      })),
      { title: 'Signoff: Review Pending Expectations', placeHolder: 'Which expectation? (then Confirm or Reject)', matchOnDescription: true, matchOnDetail: true },
    );
    if (!chosen) return;
    const p = chosen.review;
    const decision = await vscode.window.showQuickPick(
      [
        { label: `$(check) ${CONFIRM}`, description: 'the output shows it', value: 'confirmed' as const },
        { label: `$(x) ${REJECT}`, description: 'it does not: the task fails', value: 'rejected' as const },
      ],
      { title: `Does the output of "${p.task.label ?? p.task.text}" show this? ${p.text}`, placeHolder: p.tail ? `Output ends: ${p.tail}` : 'No output.' },
    );
    if (decision) await this.decide(p, decision.value);
  }

  /** Records a decision in the record (queued, so two decisions never overwrite each other). */
  decide(p: PendingReview, decision: 'confirmed' | 'rejected'): Promise<void> {
    this.queue = this.queue.then(async () => {
      const file = path.join(p.root, ...p.record.split('/'));
      const current = await readRecord(recordHost(p.root), p.record);
      if (!current) throw new Error(`${p.record} is no longer a readable run record`);
      this.reviewer ??= runPerson(p.root);
      let amended = applyReview(current, p.target, decision, this.reviewer);
      const key = keyPath(vscode.workspace.getConfiguration('signoff', vscode.Uri.file(file)).get<string>('seal.key'));
      if (key && current.signature) amended = await signRecord({ ...amended, by: amended.by ?? this.reviewer }, key, p.root);
      await rewriteRecord(file, amended);
      this.log.info(`${decision} by ${this.reviewer.name}: ${p.text} (${p.record})`);
      await this.onDecided(p, amended, decision);
      await this.refresh();
    }).catch((e) => {
      this.log.error(`recording a review in ${p.record} failed: ${(e as Error)?.stack ?? e}`);
      void vscode.window.showErrorMessage(`Signoff: could not record the review: ${(e as Error)?.message ?? e}`);
    });
    return this.queue;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The prose expectations of one phase waiting for a person in a record. */
export function pendingIn(root: string, record: string, checklist: string, r: RunRecord, phase: number): PendingReview[] {
  const out: PendingReview[] = [];
  r.tasks.forEach((t, ti) => {
    if (t.phase !== phase || t.status !== 'pending') return;
    t.snippets.forEach((s, si) => {
      if (s.notRun || snippetFailed(s)) return;
      s.expected.forEach((e, ei) => {
        if (!awaitsReview(e)) return;
        const tail = s.outputExcerpt.replace(/\s+$/, '').split(/\r?\n/).slice(-3).join(' ⏎ ').slice(-200);
        out.push({ root, record, checklist, target: { task: ti, snippet: si, expectation: ei }, task: t, text: e.text, tail });
      });
    });
  });
  return out;
}

