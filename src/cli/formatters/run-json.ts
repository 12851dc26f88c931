/**
 * `signoff run --format json`: one JSON document on stdout, for CI. The record's content (masked), plus where the
 * record was written and the run's overall verdict and exit code.
 */
import type { RunRecord } from '../../protocol/index';

export function formatRunJson(record: RunRecord, recordPath: string | undefined, verdict: 'GO' | 'NO-GO' | 'PENDING', exitCode: number): string {
  return JSON.stringify({ version: 1, verdict, exitCode, record: recordPath ?? null, ...withoutVersion(record) }, null, 2) + '\n';
}

function withoutVersion(r: RunRecord): Omit<RunRecord, 'version'> {
  const { version: _v, ...rest } = r;
  return rest;
}
