/** Small helpers the evidence rules share: getting the engine, wording ranges and bindings, editing line numbers. */
import type { RuleContext } from '../rules/types';
import type { TextEdit } from '../types';
import type { EvidenceService, ResolvedRef } from './service';
import type { EvidenceRef, LineRange } from './types';

export function evidenceService(ctx: RuleContext): EvidenceService {
  return ctx.workspace.evidence(ctx.host, ctx.config);
}

export async function resolvedRefs(ctx: RuleContext): Promise<ResolvedRef[]> {
  return evidenceService(ctx).resolve(ctx.doc);
}

export function formatRange(r: { start: number; end: number }): string {
  return r.start === r.end ? `line ${r.start}` : `lines ${r.start}-${r.end}`;
}

export function formatRanges(ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 1) return formatRange(ranges[0]);
  return 'lines ' + ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(', ');
}

/** ` (bound to x.py on line 12)` for a bare reference, so a reader sees which file a bare range was read against. */
export function bindingNote(ref: EvidenceRef): string {
  if (ref.form !== 'bare-lines') return '';
  const how = { 'same-line': 'named on the same line', heading: 'named under the same heading', scope: 'attached to this heading in the review scope', section: 'the only file named in this section' }[ref.binding ?? 'same-line'];
  return ` (read against ${ref.path}, ${how}, line ${ref.boundToLine})`;
}

/** Edits that rewrite a line range item in place, keeping how it was written (`55-66`, `L55-L66`, `55–66`). */
export function rangeEdits(range: LineRange, start: number, end: number): TextEdit[] {
  if (range.endSpan) {
    return [
      { start: range.startSpan.start, end: range.startSpan.end, newText: String(start) },
      { start: range.endSpan.start, end: range.endSpan.end, newText: String(end) },
    ];
  }
  return [{ start: range.startSpan.start, end: range.startSpan.end, newText: start === end ? String(start) : `${start}-${end}` }];
}

/** Only references written with a path of their own (a bare reference's path is reported where it is written). */
export function hasOwnPath(ref: EvidenceRef): boolean {
  return ref.form !== 'bare-lines';
}
