/** What the status bar shows for a document the server described. Pure, so it is unit-tested without VS Code. */
import type { DocumentInfo } from '../protocol/index';

const STATUS_ICONS: Record<string, string> = {
  APPROVED: '$(verified)',
  CONDITIONALLY_APPROVED: '$(pass)',
  REJECTED: '$(error)',
};

/** Text, tooltip and whether to warn, for a document the server described; undefined hides the item. */
export function describe(info: DocumentInfo | undefined): { text: string; tooltip: string; warn: boolean } | undefined {
  if (!info) return undefined;
  if (info.kind === 'certificate') {
    const id = info.certificateId ? `Certificate ${info.certificateId}` : 'Certificate';
    if (!info.status) return { text: '$(question) no status', tooltip: `${id}: no **Status** line`, warn: true };
    const value = info.status.value;
    if (!value) return { text: `$(warning) ${info.status.raw}`, tooltip: `${id}: status "${info.status.raw}" is not in the vocabulary`, warn: true };
    return withSuperseded(info.superseded, withSeal(info.seal, { text: `${STATUS_ICONS[value] ?? '$(info)'} ${value}`, tooltip: `${id}: ${value}`, warn: false }));
  }
  if (info.kind === 'checklist') {
    const { done, total } = info.progress ?? { done: 0, total: 0 };
    const phases = (info.phases ?? []).map((p) => `Phase ${p.number}: ${p.done}/${p.total}${p.lastRun ? ` · ${p.lastRun.verdict}` : ''}`);
    return { text: `$(checklist) ${done}/${total}`, tooltip: [info.title ?? 'Checklist', ...phases].join('\n'), warn: false };
  }
  return undefined;
}

/** The seal's state after the status: Sealed, Modified since sealing, or N references stale (docs/sealing.md). */
function withSeal(seal: DocumentInfo['seal'], shown: { text: string; tooltip: string; warn: boolean }): { text: string; tooltip: string; warn: boolean } {
  if (!seal || seal.state === 'pending') return shown;
  const parts: string[] = [];
  if (seal.state === 'modified') parts.push('$(unlock) Modified since sealing');
  if (seal.staleReferences) parts.push(`$(warning) ${seal.staleReferences} reference${seal.staleReferences === 1 ? '' : 's'} stale`);
  if (seal.signature === 'failed') parts.push('$(error) signature fails');
  const broken = parts.length > 0;
  if (!broken) parts.push(seal.signature === 'valid' ? '$(lock) Sealed and signed' : '$(lock) Sealed');
  const signature = { none: 'not signed', valid: 'signature valid', failed: 'signature does not hold', unverified: 'signature not verified (no allowed-signers file)' }[seal.signature];
  return {
    text: `${shown.text} · ${parts.join(' · ')}`,
    tooltip: `${shown.tooltip}\nSeal: ${seal.state === 'modified' ? 'the text changed since sealing' : 'text as sealed'}; ${seal.staleReferences ? `${seal.staleReferences} cited range${seal.staleReferences === 1 ? '' : 's'} stale` : 'evidence intact'}; ${signature}`,
    warn: shown.warn || broken,
  };
}

/** A certificate the review ledger says no longer holds: which one does (docs/ledger.md). */
function withSuperseded(superseded: DocumentInfo['superseded'], shown: { text: string; tooltip: string; warn: boolean }): { text: string; tooltip: string; warn: boolean } {
  if (!superseded) return shown;
  const by = superseded.byId ?? superseded.by;
  return {
    text: `${shown.text} · $(history) Superseded by ${by}`,
    tooltip: `${shown.tooltip}\nSuperseded by ${by} (${superseded.by})${superseded.explicit ? ', which names it in Supersedes' : ', a later review of the same component'}`,
    warn: shown.warn,
  };
}
