/**
 * Words about a run's results shared by `signoff run` and the editor: an expectation as shown beside its result,
 * and the one-line reason of a verdict, failures first ("NO-GO: Changelog present failed (exit 1); 1 expectation to
 * review"). Plain strings, no colours (callers add theirs).
 */
import type { RunExpectationResult, RunPhaseResult, RunSnippetResult, RunTaskResult } from '../protocol/index';
import { overallVerdict, snippetFailed, toReviewCount } from '../core/runs/index';

/** An expectation's text in quotes, unless it is quoted already (`"bridge present"` stays as written). */
export function quotedExpectation(text: string): string {
  return /^(["'`]).*\1$/s.test(text) ? text : `"${text}"`;
}

/** What the expectation is, for "expected X: met": a pattern as /re/, a number as written, a text quoted once. */
export function expectationLabel(e: Pick<RunExpectationResult, 'text' | 'class' | 'pattern'>): string {
  return e.class === 'numeric' ? `${e.text} (numeric)` : e.class === 'pattern' ? `/${e.pattern}/` : quotedExpectation(e.text);
}

/** Why a snippet failed, in a few words: `exit 1`, `timed out`, `"x" not in the output`. */
export function failureReason(s: RunSnippetResult): string {
  if (s.syntaxError) return 'does not parse';
  if (s.setupError) return s.setupError;
  if (s.timedOut) return 'timed out';
  if (s.cancelled) return 'cancelled';
  if (s.exitCode === null) return s.signal ? `killed by ${s.signal}` : 'could not start';
  if (s.exitCode !== (s.expectedExit ?? 0)) return `exit ${s.exitCode}`;
  const e = s.expected.find((x) => (x.class === 'prose' ? x.review?.decision === 'rejected' : !x.met));
  if (!e) return 'failed';
  return e.class === 'prose' ? `${quotedExpectation(e.text)} rejected` : `${expectationLabel(e)} not met`;
}

/**
 * The verdict and its reasons, failures first: `NO-GO: Changelog present failed (exit 1); 1 expectation to review`.
 * `GO` alone when nothing needs saying.
 */
export function verdictReason(tasks: readonly RunTaskResult[], phases: readonly RunPhaseResult[]): string {
  const verdict = overallVerdict(phases);
  const failed = tasks.filter((t) => t.status === 'failed').map((t) => {
    const s = t.snippets.find(snippetFailed);
    if (t.reviewGate) return `${t.label ?? t.text} failed (its required review does not hold)`;
    return `${t.label ?? t.text} failed${s ? ` (${failureReason(s)})` : ''}`;
  });
  const skipped = tasks.filter((t) => t.status === 'skipped').length;
  const review = toReviewCount(tasks);
  const manual = phases.reduce((n, p) => n + (p.manualOpen ?? 0), 0);
  const parts = [
    ...failed,
    skipped ? `${skipped} skipped after a failure` : '',
    review ? `${review} expectation${review === 1 ? '' : 's'} to review` : '',
    verdict === 'PENDING' && manual ? `${manual} manual task${manual === 1 ? '' : 's'} unticked` : '',
  ].filter(Boolean);
  return parts.length ? `${verdict}: ${parts.join('; ')}` : verdict;
}
