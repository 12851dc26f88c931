/**
 * `signoff status --format markdown`: a table fit for `$GITHUB_STEP_SUMMARY` or a pull-request comment. Cells
 * carry document text, so pipes, HTML and line breaks are neutralised and control characters escaped.
 */
import { escapeControl } from '../../core/text/sanitize';
import type { LedgerComponentStatus } from '../../protocol/index';
import type { StatusReport } from './status-cells';
import { age, conditionsCell, evidenceCell, sealCell } from './status-cells';

const VERDICT_ICON: Record<string, string> = { APPROVED: '✅', CONDITIONALLY_APPROVED: '🟡', REJECTED: '❌' };
const PHASE_ICON: Record<string, string> = { GO: '✅', 'NO-GO': '❌', PENDING: '⏳' };

export function formatStatusMarkdown(report: StatusReport): string {
  const { ledger } = report;
  const out: string[] = ['## Review ledger', ''];
  if (report.changedSince !== undefined) out.push(`Components whose cited code the change since \`${cell(report.changedSince).replace(/`/g, '')}\` touches.`, '');
  if (report.gate) {
    const { required, failures } = report.gate;
    out.push(failures.length
      ? `❌ **${failures.length} of ${ledger.components.length}** component${ledger.components.length === 1 ? '' : 's'} fail the requirement *${required.join(', ')}*: ${failures.map((f) => `**${cell(f.component)}** (${cell(f.unmet.join('; '))})`).join(', ')}`
      : `✅ Every component listed meets the requirement *${required.join(', ')}*.`, '');
  }
  if (!ledger.components.length) out.push(report.changedSince !== undefined ? 'The change touches no reviewed code.' : 'No certificates with a Component.');
  else {
    out.push('| Component | Verdict | Date | Agent | Evidence | Seal | Open conditions | Supersedes | Certificate |', '|---|---|---|---|---|---|---|---|---|');
    for (const c of ledger.components) out.push(row(c, report.now));
    const notes = ledger.components.filter((c) => c.stale.length || c.conditions.length);
    if (notes.length) out.push('');
    for (const c of notes) {
      out.push(`<details><summary>${cell(c.component)}: ${[c.stale.length ? `${c.stale.length} stale reference${c.stale.length === 1 ? '' : 's'}` : '', c.conditions.length ? `${c.conditions.length} open condition${c.conditions.length === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ')}</summary>`, '');
      for (const s of c.stale) out.push(`- line ${s.line}: \`${code(s.reference)}\`: ${cell(s.message)} (${cell(s.ruleId)})`);
      for (const cond of c.conditions) out.push(`- [ ] ${cell(cond)}`);
      out.push('', '</details>');
    }
  }
  if (ledger.checklists.length) {
    out.push('', '| Checklist | Phase | Latest run |', '|---|---|---|');
    for (const cl of ledger.checklists) {
      for (const p of cl.phases) out.push(`| ${cell(cl.title ?? cl.path)} | ${p.phase}. ${cell(p.name)} | ${p.verdict ? `${PHASE_ICON[p.verdict]} ${p.verdict}` : 'not run'}${p.at ? ` (${cell(p.at)})` : ''} |`);
    }
  }
  return out.join('\n') + '\n';
}

function row(c: LedgerComponentStatus, now: Date): string {
  const verdict = c.verdict ? `${VERDICT_ICON[c.verdict] ?? ''} ${c.verdict}`.trim() : '(none)';
  const when = c.date ? `${cell(c.date)}${age(c.date, now) ? ` (${age(c.date, now)})` : ''}` : '-';
  const cert = `\`${code(c.certificate)}\`${c.certificateId ? ` ${cell(c.certificateId)}` : ''}`;
  return `| ${cell(c.component)} | ${verdict} | ${when} | ${cell(c.agent ?? '-')} | ${evidenceCell(c)} | ${sealCell(c)} | ${conditionsCell(c)} | ${c.supersedes.length} | ${cert} |`;
}

/** Text in a table cell: one line, no pipe, no HTML, no control characters. */
function cell(s: string): string {
  return escapeControl(s.replace(/[\r\n]+/g, ' ')).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Text inside a code span in a cell: no backticks to end it early, no pipe. */
function code(s: string): string {
  return escapeControl(s.replace(/[\r\n]+/g, ' ')).replace(/`/g, "'").replace(/\|/g, '\\|');
}
