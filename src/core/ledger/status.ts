/**
 * The review ledger as `signoff status` prints it and the server answers `signoff/ledger` (src/protocol/ledger.ts):
 * one row per component (its current certificate, freshness, seal, open conditions, what it superseded, its
 * history) and each checklist's phases with their latest run. One function for both, so they cannot disagree.
 */
import type { Config } from '../config/schema';
import type { Host } from '../host';
import type { WorkspaceIndex } from '../workspace';
import type { LedgerChecklistStatus, LedgerComponentStatus, LedgerStatus } from '../../protocol/index';
import type { LedgerComponent } from './build';
import { isFresh } from './freshness';
import { latestPhaseRuns } from './runs';

export interface LedgerStatusOptions {
  /** Only components whose current certificate's cited lines the change under review touches (`--changed-since`). */
  touchedOnly?: boolean;
  /** Leave the checklists out. */
  withoutChecklists?: boolean;
}

export async function ledgerStatus(workspace: WorkspaceIndex, config: Config, host: Host, options: LedgerStatusOptions = {}): Promise<LedgerStatus> {
  const ledger = workspace.ledger(config);
  let components = ledger.components.map(componentStatus);
  if (options.touchedOnly) components = components.filter((c) => c.touched);
  const checklists: LedgerChecklistStatus[] = [];
  if (!options.withoutChecklists) {
    for (const c of ledger.checklists) {
      const runs = await latestPhaseRuns(host, c.path);
      checklists.push({
        path: c.path,
        title: c.facts.title ?? null,
        phases: c.facts.phases.map((p) => ({ phase: p.number, name: p.name, line: p.line, verdict: runs.get(p.number)?.verdict ?? null, at: runs.get(p.number)?.at ?? null })),
      });
    }
  }
  return { version: 1, components, checklists };
}

function componentStatus(component: LedgerComponent): LedgerComponentStatus {
  const cur = component.current;
  const f = cur.facts;
  const ev = f.evidence;
  return {
    component: component.name,
    verdict: f.verdict ?? null,
    certificate: cur.path,
    certificateId: cur.id ?? null,
    date: f.date ?? null,
    agent: f.agent ?? null,
    line: f.line,
    fresh: isFresh(f) ?? null,
    evidence: { fresh: ev ? ev.total - ev.staleRefs : 0, total: ev?.total ?? 0 },
    stale: ev?.stale ?? [],
    sealed: ev?.sealed ?? false,
    signed: ev?.signed ?? false,
    conditions: f.conditions,
    supersedes: component.certificates.filter((c) => c !== cur).map((c) => c.id ?? c.path),
    touched: ev?.touched ?? false,
    history: [cur, ...component.certificates.filter((c) => c !== cur)].map((c) => ({
      certificate: c.path,
      certificateId: c.id ?? null,
      date: c.facts.date ?? null,
      verdict: c.facts.verdict ?? null,
      line: c.facts.line,
      supersededBy: c.supersededBy?.path ?? null,
      explicit: !!c.supersededBy && c.supersededBy === c.explicitlyBy,
    })),
  };
}
