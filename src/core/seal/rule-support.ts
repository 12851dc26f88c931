/** What the four seal rules share: the document's readable seal and the host's hashing, or nothing to check. */
import type { SealHost } from '../host';
import type { RuleContext } from '../rules/types';
import { sealOf, type SealBlock } from './content';
import type { SealData } from './format';

export interface SealContext {
  block: SealBlock;
  data: SealData;
  sealHost: SealHost;
}

/**
 * The seal to check, when the document has a readable one and the host can hash (the core cannot). An unreadable
 * seal is cert-hash-mismatch's to report; the other rules then say nothing.
 */
export function readableSeal(ctx: RuleContext): SealContext | undefined {
  const sealHost = ctx.host.seal;
  const block = sealOf(ctx.doc);
  if (!sealHost || !block || !block.parsed.ok) return undefined;
  return { block, data: block.parsed.data, sealHost };
}

/** The opening line of the seal block, where findings about the seal as a whole are shown. */
export function openingSpan(ctx: RuleContext, block: SealBlock): { start: number; end: number } {
  return { start: block.span.start, end: ctx.doc.lines.lineEnd(block.line) };
}
