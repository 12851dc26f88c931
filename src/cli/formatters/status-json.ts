/** `signoff status --format json`: the ledger as the server answers `signoff/ledger`, plus the gate when asked for. */
import type { StatusReport } from './status-cells';

export function formatStatusJson(report: StatusReport): string {
  const out: Record<string, unknown> = { ...report.ledger };
  if (report.changedSince !== undefined) out.changedSince = report.changedSince;
  if (report.gate) out.require = { requirements: report.gate.required, failing: report.gate.failures };
  return JSON.stringify(out, null, 2) + '\n';
}
