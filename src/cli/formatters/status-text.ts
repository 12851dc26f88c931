/**
 * `signoff status` for a terminal: a table of components (current verdict, date and age, agent, evidence, seal,
 * open conditions, superseded count, certificate), each stale reference and open condition below its row, then
 * the checklists' phases. Everything from documents goes through escapeControl.
 */
import { escapeControl } from '../../core/text/sanitize';
import type { StatusReport } from './status-cells';
import { age, conditionsCell, evidenceCell, sealCell } from './status-cells';

export function formatStatusText(report: StatusReport): string {
  const { ledger } = report;
  const out: string[] = [];
  if (report.changedSince !== undefined) out.push(`Components whose cited code the change since ${escapeControl(report.changedSince)} touches: ${ledger.components.length}`);
  if (!ledger.components.length) out.push(report.changedSince !== undefined ? 'none' : 'No certificates with a Component.');
  else {
    const head = ['COMPONENT', 'VERDICT', 'DATE', 'AGENT', 'EVIDENCE', 'SEAL', 'CONDITIONS', 'SUPERSEDES', 'CERTIFICATE'];
    const rows = ledger.components.map((c) => [
      c.component,
      c.verdict ?? '(none)',
      c.date ? `${c.date}${age(c.date, report.now) ? ` (${age(c.date, report.now)})` : ''}` : '-',
      c.agent ?? '-',
      evidenceCell(c),
      sealCell(c),
      conditionsCell(c),
      String(c.supersedes.length),
      c.certificate,
    ].map(escapeControl));
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
    out.push(line(head));
    ledger.components.forEach((c, i) => {
      out.push(line(rows[i]));
      for (const s of c.stale) out.push(`    stale: ${escapeControl(c.certificate)}:${s.line}:${s.column}  ${escapeControl(s.reference)}  ${escapeControl(s.message)}  ${escapeControl(s.ruleId)}`);
      for (const cond of c.conditions) out.push(`    condition: ${escapeControl(cond)}`);
    });
  }
  for (const cl of ledger.checklists) {
    out.push('', `CHECKLIST ${escapeControl(cl.path)}${cl.title ? `  ${escapeControl(cl.title)}` : ''}`);
    if (!cl.phases.length) out.push('    (no phases)');
    for (const p of cl.phases) out.push(`    Phase ${p.phase}: ${escapeControl(p.name)}  ${p.verdict ?? 'not run'}${p.at ? `  (${escapeControl(p.at)})` : ''}`);
  }
  if (report.gate) {
    const { required, failures } = report.gate;
    out.push('', failures.length
      ? `✖ ${failures.length} of ${ledger.components.length} component${ledger.components.length === 1 ? '' : 's'} fail --require ${required.join(',')}`
      : `✔ every component listed meets --require ${required.join(',')}`);
    for (const f of failures) out.push(`    ${escapeControl(f.component)}: ${escapeControl(f.unmet.join('; '))}`);
  }
  return out.join('\n') + '\n';
}
