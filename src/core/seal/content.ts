/**
 * What the content hash of a certificate covers (docs/sealing.md, "Content hash"): the document's text with
 *   1. the seal block removed (its whole lines),
 *   2. the value of the SIGNATURE `Certificate Hash` line emptied (it holds the hash itself),
 *   3. line endings normalised to LF (the BOM is never part of the text), trailing whitespace at the end of the
 *      document dropped and one final LF added,
 * and the same cut into parts (the header before the first H2, then one part per H2 section) so a mismatch can say
 * which section changed. Pure: the caller hashes (the core has no crypto).
 */
import type { ParsedDocument } from '../document';
import type { Field } from '../model/common';
import { normKey } from '../rules/shared/header';
import type { Span, TextEdit } from '../types';
import { SEAL_OPENING, parseSeal, type SealParse } from './format';

export interface SealBlock {
  /** The comment itself (`<!--` to `-->`). */
  span: Span;
  /** Whole lines of the block, with the blank lines before it: what sealing replaces and hashing leaves out. */
  lineSpan: Span;
  /** 1-based line of the opening. */
  line: number;
  parsed: SealParse;
}

const blocks = new WeakMap<ParsedDocument, SealBlock | null>();

/** The document's seal: the last top-level HTML comment that opens with `<!-- signoff-seal v1`. */
export function sealOf(doc: ParsedDocument): SealBlock | undefined {
  const hit = blocks.get(doc);
  if (hit !== undefined) return hit ?? undefined;
  let found: SealBlock | undefined;
  for (let i = doc.tree.children.length - 1; i >= 0; i--) {
    const node = doc.tree.children[i];
    if (node.type !== 'html' || !node.value.startsWith(SEAL_OPENING)) continue;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const line = doc.lines.positionAt(start).line;
    const endLine = doc.lines.positionAt(end).line;
    let firstLine = line;
    while (firstLine > 1 && doc.lines.lineText(firstLine - 1).trim() === '') firstLine--;
    const lineStart = doc.lines.lineStarts[firstLine - 1];
    const lineEnd = endLine < doc.lines.lineCount ? doc.lines.lineStarts[endLine] : doc.text.length;
    found = { span: { start, end }, lineSpan: { start: lineStart, end: lineEnd }, line, parsed: parseSeal(doc.text.slice(start, end)) };
    break;
  }
  blocks.set(doc, found ?? null);
  return found;
}

/** The SIGNATURE section's `Certificate Hash` line, when there is one. */
export function certificateHashField(doc: ParsedDocument): Field | undefined {
  return doc.certificate?.signature?.fields.find((f) => normKey(f.key) === 'certificate hash');
}

export interface HashedContent {
  /** The whole normalised text. */
  text: string;
  /** The same text cut into parts: header, then each H2 section (their concatenation is `text`). */
  parts: { title: string; line: number; text: string }[];
}

/** The text the content hash is taken over, whole and in parts. */
export function hashedContent(doc: ParsedDocument): HashedContent {
  const edits: TextEdit[] = [];
  const seal = sealOf(doc);
  if (seal) edits.push({ start: seal.lineSpan.start, end: seal.lineSpan.end, newText: '' });
  const field = certificateHashField(doc);
  if (field && (!seal || field.valueSpan.end <= seal.lineSpan.start || field.valueSpan.start >= seal.lineSpan.end)) {
    edits.push({ start: field.valueSpan.start, end: field.valueSpan.end, newText: '' });
  }
  edits.sort((a, b) => a.start - b.start);
  const sections = doc.certificate?.sections ?? [];
  const cuts = [0, ...sections.map((s) => s.span.start), doc.text.length];
  const titles = [{ title: 'the header', line: 1 }, ...sections.map((s) => ({ title: `section "${s.heading.text}"`, line: s.heading.line }))];
  const parts: HashedContent['parts'] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    let piece = '';
    let at = cuts[i];
    for (const e of edits) {
      if (e.end <= cuts[i] || e.start >= cuts[i + 1]) continue;
      piece += doc.text.slice(at, Math.max(at, e.start));
      at = Math.min(cuts[i + 1], e.end);
    }
    piece += doc.text.slice(at, cuts[i + 1]);
    parts.push({ ...titles[i], text: piece.replace(/\r\n?/g, '\n') });
  }
  // Trailing whitespace of the document is not content: the last part ends with exactly one LF.
  const last = parts[parts.length - 1];
  last.text = last.text.replace(/\s+$/, '') + '\n';
  return { text: parts.map((p) => p.text).join(''), parts };
}
