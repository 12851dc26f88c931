/**
 * One line per finding, `path:line:col  severity  message  rule-id`: the shape tools that read `file:line` from a
 * linter's output expect (Aider's --lint-cmd, editors' generic problem matchers, grep). Unlike `text` nothing is
 * grouped or folded. Paths and messages are escaped, and a path that would start a line with `::` (a workflow
 * command to a GitHub runner) is written `./::...`, the same path.
 */
import type { CheckResult } from '../check';
import { escapeControl } from '../../core/text/sanitize';

export function formatCompact(result: CheckResult): string {
  const files = result.configFindings.findings.length ? [result.configFindings, ...result.files] : result.files;
  const lines: string[] = [];
  for (const file of files) {
    const name = escapeControl(file.path);
    const shown = name.startsWith('::') ? `./${name}` : name;
    for (const f of file.findings) lines.push(`${shown}:${f.start.line}:${f.start.column}  ${f.severity}  ${escapeControl(f.message)}  ${escapeControl(f.ruleId)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
