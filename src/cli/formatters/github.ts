/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): findings become PR annotations without
 * uploading anything. Paths are given relative to the directory the command runs in (the repository root in a
 * workflow), since GitHub matches annotations against repository paths.
 */
import * as path from 'node:path';
import type { Severity } from '../../core/index';
import type { CheckResult } from '../check';
import { locatedFindings } from './fingerprint';
import { posixRelative } from '../../node/paths';
import { escapeControl } from '../../core/text/sanitize';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(result: CheckResult, cwd: string): string {
  const lines = locatedFindings(result).map(({ path: rel, finding: f }) => {
    const file = posixRelative(cwd, path.join(result.root, rel));
    const props = [
      ['file', file],
      ['line', String(f.start.line)],
      ['col', String(f.start.column)],
      ['endLine', String(f.end.line)],
      ['endColumn', String(f.end.column)],
      ['title', f.ruleId],
    ].map(([k, v]) => `${k}=${escapeProperty(escapeControl(v))}`);
    // Control characters (ESC too, which GitHub does not encode) are shown escaped before the runner's own encoding.
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(escapeControl(f.message))}`;
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** The message part of a workflow command: `%`, CR and LF are encoded (the runner decodes them). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which would otherwise end the value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
