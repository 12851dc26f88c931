/**
 * checklist-check-failed: the last recorded run of a task's snippet failed. Records are the runner's JSON files in
 * `.signoff/runs/`, read through the one reader (src/core/runs/reader.ts) that the lenses use too: for each phase
 * the newest record that ran it counts, so running phase 2 does not hide phase 1's failures, and a later passing run
 * clears them. A recorded task is matched to the document by its snippets' command hashes (an edited snippet makes
 * the old result stale: not reported), then by label and text, then by the nearest line, since lines move.
 */
import type { Task } from '../model/checklist';
import type { RunSnippetResult, RunTaskResult } from '../../protocol/index';
import { commandHash, latestRunByPhase, snippetFailed } from '../runs/index';
import { checklistRule } from './types';

const TAIL_LINES = 5;
const TAIL_CHARS = 400;

export default checklistRule(
  {
    id: 'checklist-check-failed',
    description: 'The last recorded run of this task\'s snippet failed (exit code, timeout, or `# Expected:` not met).',
    defaultSeverity: 'error',
    kinds: ['checklist'],
    fixable: false,
    tags: ['checklist', 'runs'],
    usesWorkspace: true,
  },
  async ({ doc, model, host, report }) => {
    if (!host.listDirectory || !model.phases.length) return;
    const latest = await latestRunByPhase(host, doc.path);
    if (!latest.size) return;
    const hashes = new Map<Task, Set<string>>();
    for (const t of model.tasks) hashes.set(t, new Set(t.snippets.map((s) => commandHash(s.code))));

    for (const phase of model.phases) {
      const run = latest.get(phase.number);
      if (!run) continue;
      const record = { path: run.path, endedAt: run.record.endedAt };
      const taken = new Set<Task>();
      for (const rt of run.record.tasks) {
        if (rt.phase !== phase.number || rt.status !== 'failed') continue;
        const task = matchTask(rt, phase.tasks, hashes, taken);
        if (!task) continue; // the task or its snippet changed since: the result no longer applies
        taken.add(task);
        const failing = rt.snippets.find(snippetFailed);
        if (!failing) continue;
        const lineEnd = doc.text.indexOf('\n', task.span.start);
        const end = lineEnd < 0 || lineEnd > task.span.end ? task.span.end : lineEnd;
        report({
          message: describe(failing, record.endedAt),
          span: { start: task.span.start, end: Math.max(task.span.start, doc.text[end - 1] === '\r' ? end - 1 : end) },
          related: [{ path: record.path, message: 'Run record' }],
          data: {
            record: record.path,
            command: failing.command,
            exitCode: failing.exitCode,
            timedOut: failing.timedOut,
            expected: failing.expected,
            outputTail: tail(failing.outputExcerpt),
          },
        });
      }
    }
  },
);

function matchTask(rt: RunTaskResult, tasks: readonly Task[], hashes: Map<Task, Set<string>>, taken: Set<Task>): Task | undefined {
  const wanted = rt.snippets.map((s) => s.commandSha256);
  if (!wanted.length) return undefined;
  const candidates = tasks.filter((t) => !taken.has(t) && wanted.every((h) => hashes.get(t)?.has(h)));
  const score = (t: Task) => ((t.label ?? '') === (rt.label ?? '') && t.text === rt.text ? 0 : 1_000_000) + Math.abs(t.line - rt.line);
  let best: Task | undefined;
  for (const t of candidates) if (!best || score(t) < score(best)) best = t;
  return best;
}

/** `Last run (…): exit code 3, expected 0; "X" not in the output. Output ends: …` */
function describe(s: RunSnippetResult, at: string): string {
  const parts: string[] = [];
  const want = s.expectedExit ?? 0;
  if (s.syntaxError) parts.push(`does not parse (${s.syntaxError}), not run`);
  else if (s.setupError) parts.push(s.setupError);
  else if (s.timedOut) parts.push(`timed out after ${Math.round((s.timeoutMs ?? s.durationMs) / 100) / 10} s (killed)`);
  else if (s.cancelled) parts.push('cancelled');
  else if (s.exitCode === null) parts.push(s.signal ? `killed by ${s.signal}` : 'could not start');
  else if (s.exitCode !== want) parts.push(`exit code ${s.exitCode}, expected ${want}`);
  for (const e of s.expected) {
    if (e.error) parts.push(e.error);
    else if (e.class === 'prose') { if (e.review?.decision === 'rejected') parts.push(`"${e.text}" rejected by ${e.review.by} (${e.review.at})`); }
    else if (!e.met) parts.push(e.actual ? `expected "${e.text}", the output shows ${e.actual}` : `expected "${e.text}", not in the output`);
  }
  const diff = s.expected.find((e) => !e.met && e.diff && e.class !== 'prose')?.diff;
  const firstLine = s.command.split(/\r?\n/).find((l) => l.trim() && !l.trim().startsWith('#'))?.trim() ?? s.command.trim();
  const out = tail(s.outputExcerpt);
  const shown = diff ? `Expected vs actual:\n${diff.split('\n').slice(0, 30).join('\n')}` : out ? `Output ends: ${JSON.stringify(out)}` : 'No output.';
  return `Check failed in the last run (${at}): \`${firstLine.slice(0, 120)}\`: ${parts.join('; ') || 'failed'}. ${shown}`;
}

function tail(excerpt: string): string {
  const lines = excerpt.replace(/\s+$/, '').split(/\r?\n/);
  const t = lines.slice(-TAIL_LINES).join('\n');
  return t.length > TAIL_CHARS ? '…' + t.slice(-TAIL_CHARS) : t;
}
