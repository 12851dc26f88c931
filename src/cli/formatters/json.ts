/** The JSON contract of product.md: exactly one document on stdout, version 1. */
import type { CheckResult } from '../check';
import { summarize } from './summary';

export function formatJson(result: CheckResult): string {
  const doc = {
    version: 1,
    files: result.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      findings: f.findings.map((x) => ({
        ruleId: x.ruleId,
        severity: x.severity,
        message: x.message,
        line: x.start.line,
        column: x.start.column,
        endLine: x.end.line,
        endColumn: x.end.column,
        // Evidence findings say how the cited path was resolved (an addition to version 1: readers ignore it).
        ...(x.data?.resolution ? { resolution: x.data.resolution } : {}),
      })),
    })),
    // Files named on the command line that are neither kind, with why (only when there are some: v1 stays as it was).
    ...(result.skipped?.length ? { skipped: result.skipped } : {}),
    summary: summarize(result),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
