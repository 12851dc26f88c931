/**
 * The checklist runner, used by `signoff run` and by the editor's "Run Phase Checks". Node only (child processes,
 * files); of ours it imports the protocol, src/node's helpers and the one pure core module it shares with the
 * rules (core/snippet-syntax.ts), never the core's index (eslint.config.mjs), so the extension bundles it without
 * the parser.
 */
export { runPhases, commandHash, sha256, isManual, isRunnable, expectedChecks, snippetPassed, type RunOutcome, type ExpectedCheck } from './run';
export { interpreterFor, programFor, normalizeCode, execProgram, killRunningSnippets, DEFAULT_TIMEOUT_MS, DEFAULT_KILL_GRACE_MS, DEFAULT_EXCERPT_BYTES } from './exec';
export { writeRecord, buildRecord, gitCommit, recordStem, recordTimestamp } from './record';
export { tickBytes, checkboxEdits, matchResult, withFileLock } from './tick';
export { taskFromInfo, phaseFromInfo } from './input';
export type { RunnerPhase, RunnerTask, RunnerSnippet, RunCallbacks, RunOptions, PhaseResult, ReviewPrompt } from './types';
export { classifyExpectation, aboutTolerance, type Classified, type ExpectationClass } from './expectations';
export { snippetFailed, snippetPending, taskStatus, phaseVerdict, recountPhase } from './verdict';
export { SecretMasker, MASK } from './mask';
export { quotedExpectation, expectationLabel, failureReason, verdictReason } from './describe';
export { applyReview, rewriteRecord, reviewerName, runPerson, type ReviewTarget } from './review';
export { RunSession, ref as taskRef, type SessionSpec, type SessionResult, type RunnableSnippet } from './session';
export { signRecord, recordPrincipal } from './sign';
export { setBoxes, boxEdits } from './tick';
export { recordHost, type RecordHost } from './record-host';
export { latestRunByPhase, checklistRecords, readRecord, inputsByPhase, awaitingReview as awaitsReview, SECRET_NAME, type StoredRecord } from '../core/runs/index';
// What the CLI and the editor print around a run's output goes through the one escaping (the client reaches it here).
export { escapeControl } from '../core/text/sanitize';
