/** The words the status formatters share for a component's row (text and markdown say the same things). */
import type { LedgerComponentStatus, LedgerStatus } from '../../protocol/index';
import type { GateFailure, Requirement } from '../../core/ledger/require';

/** What the formatters get: the ledger, and the gate when `--require` was given. */
export interface StatusReport {
  ledger: LedgerStatus;
  /** `--changed-since REF`: only the components the change touches are listed and gated. */
  changedSince?: string;
  gate?: { required: Requirement[]; failures: GateFailure[] };
  now: Date;
}

const DAY = 86_400_000;

/** How long ago a certificate's Date was: `today`, `3d`, `5w`, `4mo`, `2y` (empty when the Date is unreadable). */
export function age(date: string | null, now: Date): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(date);
  if (!m) return '';
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (Number.isNaN(t)) return '';
  const days = Math.floor((now.getTime() - t) / DAY);
  if (days < 0) return 'in the future';
  if (days === 0) return 'today';
  if (days < 14) return `${days}d`;
  if (days < 60) return `${Math.floor(days / 7)}w`;
  if (days < 730) return `${Math.floor(days / 30.44)}mo`;
  return `${Math.floor(days / 365.25)}y`;
}

export function evidenceCell(c: LedgerComponentStatus): string {
  const counts = `${c.evidence.fresh}/${c.evidence.total}`;
  return c.fresh === null ? `unchecked ${counts}` : `${c.fresh ? 'fresh' : 'STALE'} ${counts}`;
}

export function sealCell(c: LedgerComponentStatus): string {
  return c.signed ? 'sealed, signed' : c.sealed ? 'sealed' : '-';
}

export function conditionsCell(c: LedgerComponentStatus): string {
  return c.conditions.length ? `${c.conditions.length} open` : '-';
}
