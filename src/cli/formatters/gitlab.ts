/**
 * GitLab Code Quality report (a JSON array of CodeClimate-style issues): `description`, `check_name`,
 * `fingerprint` (stable across runs, see fingerprint.ts), `severity` and `location.path` / `location.lines.begin`.
 * Paths are relative to the directory the command runs in (the project root in a GitLab job).
 */
import * as path from 'node:path';
import { docsUrl, type Severity } from '../../core/index';
import type { CheckResult } from '../check';
import { locatedFindings } from './fingerprint';
import { posixRelative } from '../../node/paths';

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

export function formatGitlab(result: CheckResult, cwd: string): string {
  const issues = locatedFindings(result).map(({ path: rel, finding: f, fingerprint }) => ({
    type: 'issue',
    description: f.message,
    check_name: f.ruleId,
    fingerprint,
    severity: SEVERITY[f.severity],
    categories: ['Style'],
    content: { body: `Rule \`${f.ruleId}\`: ${docsUrl(f.ruleId)}` },
    location: {
      path: posixRelative(cwd, path.join(result.root, rel)),
      lines: { begin: f.start.line, end: f.end.line },
    },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
