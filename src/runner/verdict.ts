/**
 * Task statuses and phase verdicts, from snippet results. Shared by the runner and by reviews (a person confirming
 * or rejecting a prose expectation after the run), so a reviewed record is judged exactly like a fresh one.
 *
 * A snippet passes when it exited with its expected code (`{exit=N}`, default 0), did not time out, parsed, and every
 * literal, pattern and numeric expectation was met, and no prose expectation was rejected. It is pending when it
 * passed that far but a prose expectation waits for review, or when the person declined to run it.
 */
import type { RunPhaseResult, RunSnippetResult, RunTaskResult } from '../protocol/index';

export function snippetFailed(s: RunSnippetResult): boolean {
  if (s.declined) return false;
  if (s.notRun) return false;
  if (s.syntaxError) return true;
  if (s.exitCode !== (s.expectedExit ?? 0) || s.timedOut || s.cancelled) return true;
  return s.expected.some((e) => (e.class === 'prose' ? e.review?.decision === 'rejected' : !e.met));
}

export function snippetPending(s: RunSnippetResult): boolean {
  if (s.declined) return true;
  return !snippetFailed(s) && s.expected.some((e) => e.class === 'prose' && !e.review);
}

/** For callers that only ask "did it pass": not failed and nothing waits for a person. */
export function snippetPassed(s: RunSnippetResult): boolean {
  return !s.notRun && !snippetFailed(s) && !snippetPending(s);
}

export function taskStatus(snippets: readonly RunSnippetResult[], awaitsManual = false): RunTaskResult['status'] {
  if (snippets.some(snippetFailed)) return 'failed';
  if (awaitsManual || snippets.some(snippetPending)) return 'pending';
  return 'passed';
}

export type PhaseCounts = Omit<RunPhaseResult, 'phase' | 'verdict'> & { pending: number; manualOpen: number };

export function phaseVerdict(c: PhaseCounts): RunPhaseResult['verdict'] {
  if (c.failed > 0 || c.skipped > 0) return 'NO-GO';
  if (c.pending > 0 || c.manualOpen > 0 || c.passed + c.manual === 0) return 'PENDING';
  return 'GO';
}

/** Recounts a phase from its task results (after a review), keeping the manual counts of the run. */
export function recountPhase(prev: RunPhaseResult, tasks: readonly RunTaskResult[]): RunPhaseResult {
  const mine = tasks.filter((t) => t.phase === prev.phase);
  const counts: PhaseCounts = {
    passed: mine.filter((t) => t.status === 'passed').length,
    failed: mine.filter((t) => t.status === 'failed').length,
    skipped: mine.filter((t) => t.status === 'skipped').length,
    pending: mine.filter((t) => t.status === 'pending').length,
    manual: prev.manual,
    manualOpen: prev.manualOpen ?? 0,
  };
  return { phase: prev.phase, verdict: phaseVerdict(counts), ...counts };
}
