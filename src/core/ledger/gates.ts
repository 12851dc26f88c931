/** What a checklist's `Requires review: <Certificate ID or component>` points at in the ledger. */
import type { Config } from '../config/schema';
import type { Ledger, LedgerComponent } from './build';
import { componentOf } from './component';

export function gateComponent(ledger: Ledger, config: Config, target: string): LedgerComponent | undefined {
  const byId = ledger.byId.get(target)?.[0];
  if (byId) return ledger.componentOfPath.get(byId.path);
  // Path groups name certificates by where they are, not a gate's words: only the name and aliases count here.
  const key = componentOf({ ...config, components: Object.fromEntries(Object.entries(config.components).map(([n, g]) => [n, { ...g, paths: [] }])) }, '', target)?.key;
  return key ? ledger.byKey.get(key) : undefined;
}
