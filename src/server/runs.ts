/**
 * The latest recorded verdict of each checklist phase, for the code lenses and documentInfo. Records are read by
 * the core's one reader (src/core/runs/reader.ts), the same that `checklist-check-failed` uses, so a lens verdict
 * and the rule's diagnostics always come from the same record.
 */
import { forgetRecords, latestRunByPhase, snippetFailed, toReviewCount } from '../core/runs/index';
import type { PhaseVerdictValue } from '../protocol/index';
import type { Folder } from './folders';

export interface PhaseVerdict {
  verdict: PhaseVerdictValue;
  at: string;
  /** Workspace-relative path of the record. */
  record: string;
  /** Command hashes of the snippets the run saw in this phase (an edited snippet or expectation changes its hash). */
  hashes: string[];
  /** Prose expectations of this phase waiting for a person in that record. */
  toReview: number;
  /** Tasks of this phase that failed (or were skipped after a failure) in that record. */
  failed: number;
}

export class RunRecords {
  /** Forgets cached records of a folder (a record was written or removed). */
  invalidate(folder: Folder): void {
    forgetRecords(folder.host);
  }

  async latestByPhase(folder: Folder, checklistPath: string): Promise<Map<number, PhaseVerdict>> {
    const out = new Map<number, PhaseVerdict>();
    for (const [n, run] of await latestRunByPhase(folder.host, checklistPath)) {
      const tasks = run.record.tasks.filter((t) => t.phase === n);
      out.set(n, {
        verdict: run.phase.verdict,
        at: run.record.endedAt,
        record: run.path,
        hashes: tasks.flatMap((t) => t.snippets).map((s) => s.commandSha256),
        toReview: toReviewCount(tasks),
        failed: tasks.filter((t) => t.status === 'failed' || t.status === 'skipped' || t.snippets.some(snippetFailed)).length,
      });
    }
    return out;
  }
}

