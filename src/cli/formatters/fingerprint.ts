/**
 * Stable identities for findings, so CI systems (GitHub code scanning, GitLab Code Quality) keep an alert's
 * identity across runs: a hash of what the finding says and where (rule, document, message), never of its line
 * number, so an edit above a finding does not make it a new alert. Identical findings in one document are told
 * apart by their order.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../core/index';
import type { CheckResult } from '../check';

export interface LocatedFinding {
  /** Workspace-relative path, `/` separators. */
  path: string;
  finding: Finding;
  fingerprint: string;
}

/** Every finding of a check (the configuration file's first), each with its fingerprint. */
export function locatedFindings(result: CheckResult): LocatedFinding[] {
  const files = result.configFindings.findings.length ? [result.configFindings, ...result.files] : result.files;
  const out: LocatedFinding[] = [];
  for (const file of files) {
    const seen = new Map<string, number>();
    for (const finding of file.findings) {
      const key = `${finding.ruleId}\0${file.path}\0${finding.message}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      out.push({ path: file.path, finding, fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex') });
    }
  }
  return out;
}
