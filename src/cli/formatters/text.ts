/** `path:line:col  severity  message  rule-id`, the shape editors' problem matchers and people both read. */
import type { CheckResult } from '../check';
import { escapeControl } from '../../core/text/sanitize';
import { summarize } from './summary';

export function formatText(result: CheckResult, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = { error: paint('31', 'error'), warning: paint('33', 'warning'), info: paint('36', 'info') };
  const lines: string[] = [];
  const all = [...result.files];
  if (result.configFindings.findings.length) all.unshift({ path: result.configFindings.path, kind: 'certificate', findings: result.configFindings.findings });
  for (const file of all) {
    for (const f of file.findings) {
      // Paths and messages carry document and config text: escaped so no line can start a workflow command.
      lines.push(`${escapeControl(file.path)}:${f.start.line}:${f.start.column}  ${sev[f.severity]}  ${escapeControl(f.message)}  ${paint('2', escapeControl(f.ruleId))}`);
    }
  }
  const s = summarize(result);
  const cfgErrors = result.configFindings.findings.length;
  const total = s.errors + cfgErrors + s.warnings + s.infos;
  const parts = [`${s.errors + cfgErrors} error${s.errors + cfgErrors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`, `${s.infos} info`];
  if (lines.length) lines.push('');
  lines.push(`${total === 0 ? paint('32', '✔') : paint(s.errors + cfgErrors ? '31' : '33', '✖')} ${parts.join(', ')} in ${s.files} document${s.files === 1 ? '' : 's'} (${plural(result.files.filter((f) => f.kind === 'certificate').length, 'certificate')}, ${plural(result.files.filter((f) => f.kind === 'checklist').length, 'checklist')})`);
  if (result.fixedFiles.length) lines.push(`fixed ${result.fixedFiles.length} file${result.fixedFiles.length === 1 ? '' : 's'}: ${result.fixedFiles.map(escapeControl).join(', ')}`);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
