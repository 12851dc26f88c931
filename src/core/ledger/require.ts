/** `signoff status --require approved,fresh,sealed,signed`: what a component's current review must be. */
import type { LedgerComponentStatus } from '../../protocol/index';

export const REQUIREMENTS = ['approved', 'fresh', 'sealed', 'signed'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** The requirements of a comma-separated list; throws a one-line message naming an unknown one. */
export function parseRequirements(list: string): Requirement[] {
  const out: Requirement[] = [];
  for (const word of list.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean)) {
    if (!(REQUIREMENTS as readonly string[]).includes(word)) throw new Error(`unknown requirement "${word}" (known: ${REQUIREMENTS.join(', ')})`);
    if (!out.includes(word as Requirement)) out.push(word as Requirement);
  }
  if (!out.length) throw new Error(`no requirement given (known: ${REQUIREMENTS.join(', ')})`);
  return out;
}

/** What a component's current review fails of the requirements, in words ("REJECTED", "stale" ...); empty: it passes. */
export function unmetRequirements(c: LedgerComponentStatus, required: readonly Requirement[]): string[] {
  const out: string[] = [];
  if (required.includes('approved') && c.verdict !== 'APPROVED') out.push(c.verdict ? `${c.verdict}, not APPROVED` : 'no verdict');
  if (required.includes('fresh') && c.fresh !== true) out.push(c.fresh === false ? `stale (${c.evidence.total - c.evidence.fresh} of ${c.evidence.total} references)` : 'freshness unknown');
  if (required.includes('sealed') && !c.sealed) out.push('not sealed');
  if (required.includes('signed') && !c.signed) out.push('not signed');
  return out;
}

export interface GateFailure {
  component: string;
  certificate: string;
  unmet: string[];
}

export function gateFailures(components: readonly LedgerComponentStatus[], required: readonly Requirement[]): GateFailure[] {
  return components
    .map((c) => ({ component: c.component, certificate: c.certificate, unmet: unmetRequirements(c, required) }))
    .filter((f) => f.unmet.length > 0);
}
