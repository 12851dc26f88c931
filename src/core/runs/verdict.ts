/**
 * Task statuses and phase verdicts, from snippet results: one definition for the runner (a fresh run), reviews (a
 * person confirming or rejecting a prose expectation afterwards), `checklist-check-failed` and the server's lenses,
 * so a record is judged the same wherever it is read.
 *
 * A snippet fails when it did not parse, exited with another code than `{exit=N}` (default 0), timed out or was
 * cancelled, a literal / pattern / numeric expectation was not met, or a prose expectation was rejected. It is
 * pending when it did not fail but a prose expectation waits for a person, or when the person declined to run it.
 */
import type { RunExpectationResult, RunPhaseResult, RunSnippetResult, RunTaskResult } from '../../protocol/index';

type Snippet = Pick<RunSnippetResult, 'declined' | 'notRun' | 'syntaxError' | 'setupError' | 'exitCode' | 'expectedExit' | 'timedOut' | 'cancelled' | 'expected'>;
type Expectation = Pick<RunExpectationResult, 'class' | 'met' | 'review'>;

/** A prose expectation nobody decided on yet, and that the output did not show word for word. */
export function awaitingReview(e: Expectation): boolean {
  return e.class === 'prose' && !e.review && !e.met;
}

export function expectationFailed(e: Expectation): boolean {
  return e.class === 'prose' ? e.review?.decision === 'rejected' : !e.met;
}

export function snippetFailed(s: Snippet): boolean {
  if (s.declined) return false;
  if (s.notRun) return false;
  if (s.syntaxError || s.setupError) return true;
  if (s.exitCode !== (s.expectedExit ?? 0) || s.timedOut || s.cancelled) return true;
  return s.expected.some(expectationFailed);
}

export function snippetPending(s: Snippet): boolean {
  if (s.declined) return true;
  return !snippetFailed(s) && s.expected.some(awaitingReview);
}

/** For callers that only ask "did it pass": not failed and nothing waits for a person. */
export function snippetPassed(s: Snippet): boolean {
  return !s.notRun && !snippetFailed(s) && !snippetPending(s);
}

export function taskStatus(snippets: readonly Snippet[], awaitsManual = false): RunTaskResult['status'] {
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

/** The worst verdict of several phases: any NO-GO, else any PENDING, else GO. */
export function overallVerdict(results: readonly Pick<RunPhaseResult, 'verdict'>[]): RunPhaseResult['verdict'] {
  if (results.some((p) => p.verdict === 'NO-GO')) return 'NO-GO';
  if (results.some((p) => p.verdict === 'PENDING')) return 'PENDING';
  return 'GO';
}

/** Prose expectations of these tasks waiting for a person. */
export function toReviewCount(tasks: readonly Pick<RunTaskResult, 'snippets'>[]): number {
  // A snippet that failed (or did not run) leaves nothing for a person to judge.
  return tasks.reduce((n, t) => n + t.snippets.reduce((m, s) => m + (s.notRun || snippetFailed(s) ? 0 : s.expected.filter(awaitingReview).length), 0), 0);
}
