/** What a checklist's `Requires review: <Certificate ID or component>` points at in the ledger. */
import type { Config } from '../config/schema';
import type { Finding } from '../types';
import type { Ledger, LedgerComponent } from './build';
import { componentOf } from './component';

export function gateComponent(ledger: Ledger, config: Config, target: string): LedgerComponent | undefined {
  const byId = ledger.byId.get(target)?.[0];
  if (byId) return ledger.componentOfPath.get(byId.path);
  // Path groups name certificates by where they are, not a gate's words: only the name and aliases count here.
  const key = componentOf({ ...config, components: Object.fromEntries(Object.entries(config.components).map(([n, g]) => [n, { ...g, paths: [] }])) }, '', target)?.key;
  return key ? ledger.byKey.get(key) : undefined;
}

/** A cheap look before any checking: whether a checklist's text could say `Requires review` at all. */
export function mayRequireReview(text: string): boolean {
  return /\brequires[ \t]+review\b/i.test(text);
}

/**
 * The tasks a run fails without running (`signoff run` and the editor's): the checklist-review-gate findings, by the
 * 1-based line of their task (`data.taskLine`), with the finding's words.
 */
export function gatedTasks(findings: readonly Finding[] | undefined): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  for (const f of findings ?? []) {
    const line = f.data?.taskLine;
    if (f.ruleId === 'checklist-review-gate' && typeof line === 'number') out.push({ line, message: f.message });
  }
  return out;
}
