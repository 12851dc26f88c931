/**
 * The Reviews view's tree as plain data, from the server's ledger (signoff/ledger): components with their current
 * verdict and badges, expanding to their certificates newest first (superseded ones dimmed), stale references and
 * open conditions; then checklists with their phases' latest run. Pure (no `vscode` import), so it is unit-tested
 * without VS Code; view.ts turns nodes into TreeItems.
 */
import type { LedgerComponentStatus, LedgerStatus } from '../../protocol/index';

export interface ReviewNode {
  /** Stable within a refresh (the tree keeps expansion state by it). */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id, and a theme color id for it (undefined: the default). */
  icon: string;
  color?: string;
  /** Superseded certificates are shown dimmed. */
  dimmed?: boolean;
  /** Where a click goes: a workspace-relative path and a 1-based line. */
  open?: { path: string; line: number };
  /** For menus and for tests: component, certificate, stale, condition, checklist, phase, folder, empty. */
  contextValue: string;
  children?: ReviewNode[];
}

const VERDICT: Record<string, { icon: string; color: string }> = {
  APPROVED: { icon: 'pass-filled', color: 'testing.iconPassed' },
  CONDITIONALLY_APPROVED: { icon: 'warning', color: 'list.warningForeground' },
  REJECTED: { icon: 'error', color: 'testing.iconFailed' },
};
const PHASE: Record<string, { icon: string; color: string }> = {
  GO: { icon: 'pass-filled', color: 'testing.iconPassed' },
  'NO-GO': { icon: 'error', color: 'testing.iconFailed' },
  PENDING: { icon: 'clock', color: 'list.warningForeground' },
};

export function ledgerNodes(ledger: LedgerStatus, prefix = ''): ReviewNode[] {
  const out: ReviewNode[] = ledger.components.map((c) => componentNode(c, prefix));
  for (const cl of ledger.checklists) {
    out.push({
      id: `${prefix}checklist:${cl.path}`,
      label: cl.title ?? cl.path,
      description: cl.title ? cl.path : undefined,
      icon: 'checklist',
      open: { path: cl.path, line: 1 },
      contextValue: 'checklist',
      children: cl.phases.map((p) => ({
        id: `${prefix}phase:${cl.path}:${p.phase}`,
        label: `Phase ${p.phase}: ${p.name}`,
        description: p.verdict ? `${p.verdict}${p.at ? ` · ${p.at.slice(0, 16).replace('T', ' ')}` : ''}` : 'not run',
        icon: p.verdict ? PHASE[p.verdict].icon : 'circle-large-outline',
        color: p.verdict ? PHASE[p.verdict].color : undefined,
        open: { path: cl.path, line: p.line },
        contextValue: 'phase',
      })),
    });
  }
  if (!out.length) out.push({ id: `${prefix}empty`, label: 'No certificates with a Component', icon: 'info', contextValue: 'empty' });
  return out;
}

function componentNode(c: LedgerComponentStatus, prefix: string): ReviewNode {
  const v = c.verdict ? VERDICT[c.verdict] : undefined;
  const badges = [c.verdict ?? 'no verdict'];
  if (c.fresh === false) badges.push('stale');
  if (c.signed) badges.push('sealed, signed');
  else if (c.sealed) badges.push('sealed');
  if (c.conditions.length) badges.push(`${c.conditions.length} open condition${c.conditions.length === 1 ? '' : 's'}`);
  const children: ReviewNode[] = c.history.map((h) => ({
    id: `${prefix}certificate:${h.certificate}`,
    label: h.certificateId ?? h.certificate,
    description: [h.date ?? 'no date', h.verdict ?? 'no verdict', h.supersededBy ? `superseded${h.explicit ? ' (Supersedes)' : ''}` : 'current'].join(' · '),
    tooltip: `${h.certificate}${h.supersededBy ? `\nSuperseded by ${h.supersededBy}` : '\nThe current review of ' + c.component}`,
    icon: h.supersededBy ? 'history' : (h.verdict && VERDICT[h.verdict]?.icon) || 'file',
    color: h.supersededBy ? 'disabledForeground' : h.verdict ? VERDICT[h.verdict]?.color : undefined,
    dimmed: !!h.supersededBy,
    open: { path: h.certificate, line: h.line },
    contextValue: h.supersededBy ? 'certificate.superseded' : 'certificate',
  }));
  c.stale.forEach((s, i) => children.push({
    id: `${prefix}stale:${c.certificate}:${i}`,
    label: `stale: ${s.reference}`,
    description: s.ruleId,
    tooltip: s.message,
    icon: 'warning',
    color: 'list.warningForeground',
    open: { path: c.certificate, line: s.line },
    contextValue: 'stale',
  }));
  c.conditions.forEach((text, i) => children.push({
    id: `${prefix}condition:${c.certificate}:${i}`,
    label: text,
    description: 'open condition',
    icon: 'circle-large-outline',
    open: { path: c.certificate, line: c.line },
    contextValue: 'condition',
  }));
  return {
    id: `${prefix}component:${c.component}`,
    label: c.component,
    description: badges.join(' · '),
    tooltip: `${c.component}: ${c.verdict ?? 'no verdict'} (${c.certificateId ?? c.certificate}, ${c.date ?? 'no date'}${c.agent ? `, ${c.agent}` : ''})\nEvidence ${c.fresh === null ? 'not checked' : c.fresh ? 'fresh' : 'stale'}: ${c.evidence.fresh}/${c.evidence.total}${c.supersedes.length ? `\nSupersedes ${c.supersedes.join(', ')}` : ''}`,
    icon: v?.icon ?? 'question',
    color: c.fresh === false ? 'list.warningForeground' : v?.color,
    open: { path: c.certificate, line: c.line },
    contextValue: 'component',
    children,
  };
}
