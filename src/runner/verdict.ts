/** Verdicts are defined once, in the pure core (src/core/runs/verdict.ts), so every reader of a record agrees. */
export { snippetFailed, snippetPending, snippetPassed, taskStatus, phaseVerdict, recountPhase, overallVerdict, awaitingReview, toReviewCount, type PhaseCounts } from '../core/runs/verdict';
