/**
 * Findings grouped by file, the shape of ESLint's stylish formatter (VS Code's `$eslint-stylish` problem matcher
 * reads it): the path on its own line, then `  line:col  severity  message  rule-id` per finding, then one summary
 * line "N errors, M warnings, K infos (J fixable with --fix)". Findings of one rule on consecutive lines (a run of
 * encoding damage, one per line) are folded into one line naming the range and how many there are; every other
 * format keeps them all.
 */
import type { CheckResult } from '../check';
import type { Finding } from '../../core/index';
import { escapeControl } from '../../core/text/sanitize';
import { summarize } from './summary';

export function formatText(result: CheckResult, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = { error: paint('31', 'error'), warning: paint('33', 'warning'), info: paint('36', 'info') };
  const out: string[] = [];
  const all = [...result.files];
  if (result.configFindings.findings.length) all.unshift({ path: result.configFindings.path, kind: 'certificate', findings: result.configFindings.findings });
  let fixable = 0;
  for (const file of all) {
    if (!file.findings.length) continue;
    const rows = fold(file.findings).map((g) => {
      fixable += g.fixable;
      const range = g.lastLine > g.first.start.line ? `${g.first.start.line}-${g.lastLine}` : undefined;
      const where = range ?? `${g.first.start.line}:${g.first.start.column}`;
      // Messages and rule ids carry document and config text: escaped, so no line can move the terminal.
      const message = escapeControl(g.first.message) + (g.count > 1 ? ` (and ${g.count - 1} more like it on ${range ? `lines ${range}` : `line ${g.first.start.line}`})` : '');
      return { where, severity: g.first.severity, message, rule: escapeControl(g.first.ruleId) };
    });
    const w = Math.max(...rows.map((r) => r.where.length));
    const s = Math.max(...rows.map((r) => r.severity.length));
    // A path line never starts with `::` (a workflow command to a GitHub runner): `./` in front keeps it the same path.
    const name = escapeControl(file.path);
    out.push(paint('4', name.startsWith('::') ? `./${name}` : name));
    for (const r of rows) out.push(`  ${r.where.padEnd(w)}  ${sev[r.severity]}${' '.repeat(s - r.severity.length)}  ${r.message}  ${paint('2', r.rule)}`);
    out.push('');
  }
  const sum = summarize(result);
  const errors = sum.errors + result.configFindings.findings.length;
  const total = errors + sum.warnings + sum.infos;
  const counts = `${plural(errors, 'error')}, ${plural(sum.warnings, 'warning')}, ${plural(sum.infos, 'info')}${fixable ? ` (${fixable} fixable with --fix)` : ''}`;
  const docs = `${plural(sum.files, 'document')} (${plural(result.files.filter((f) => f.kind === 'certificate').length, 'certificate')}, ${plural(result.files.filter((f) => f.kind === 'checklist').length, 'checklist')})`;
  out.push(`${total === 0 ? paint('32', '✔') : paint(errors ? '31' : '33', '✖')} ${counts} in ${docs}`);
  if (result.fixedFiles.length) out.push(`fixed ${plural(result.fixedFiles.length, 'file')}: ${result.fixedFiles.map(escapeControl).join(', ')}`);
  return out.join('\n') + '\n';
}

interface Group {
  first: Finding;
  lastLine: number;
  count: number;
  /** Findings of the group with a safe fix `--fix` would apply. */
  fixable: number;
}

/** Consecutive findings of one rule and severity whose lines touch or follow each other become one group. */
function fold(findings: readonly Finding[]): Group[] {
  const groups: Group[] = [];
  for (const f of findings) {
    const last = groups.at(-1);
    const safe = f.fixes?.some((x) => x.safe && !x.path) ? 1 : 0;
    if (last && last.first.ruleId === f.ruleId && last.first.severity === f.severity && f.start.line >= last.first.start.line && f.start.line <= last.lastLine + 1) {
      last.lastLine = Math.max(last.lastLine, f.end.line);
      last.count++;
      last.fixable += safe;
    } else groups.push({ first: f, lastLine: f.end.line, count: 1, fixable: safe });
  }
  return groups;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
