/**
 * The certificate header reader and the one Certificate-ID matcher. The header is where the fields of a certificate
 * (Component, Agent, Date, Certificate ID, Status ...) stand: the blocks before the first H2, or, when those hold
 * none, up to the second H2 if the first section holds them (a subtitle `## ...` right under the H1, or a first
 * section such as `## Certificate Information`). Fields are `**Key**: value` lines and the rows of a field table
 * (`| **Key** | value |`). The model (certificate.ts), the kind detection (detect.ts), the scan before parsing
 * (prescan.ts) and the workspace's look at documents it did not check (workspace.ts) all read IDs through here.
 */
import type { Root, RootContent, Table } from 'mdast';
import type { Field } from '../model/common';
import type { LineIndex } from '../text/line-index';
import { endOffset, fieldsInRange, startOffset, stripEmphasis } from './mdast-utils';

/** Keys that belong in a certificate's header (what makes a block "a header"). */
const HEADER_KEY = /^(?:component|agent|agents|reviewer|reviewers|reviewed by|auditor|author|date|certificate id|status|decision|verdict|certification(?: [a-z]+)?|approval|approved by|issue date)$/i;

export interface Header {
  /** Offset where the header region ends. */
  end: number;
  fields: Field[];
  /** Where the fields were found, in words (for `--explain-kinds`). */
  where: 'before the first H2' | 'in the first section';
}

export function normalKey(key: string): string {
  return stripEmphasis(key).replace(/\s+/g, ' ').trim();
}

export function isHeaderKey(key: string): boolean {
  return HEADER_KEY.test(normalKey(key));
}

/** The header of a document (see above). */
export function readHeader(tree: Root, lines: LineIndex): Header {
  const h2s = tree.children.filter((c) => c.type === 'heading' && c.depth === 2);
  const firstEnd = h2s[0] ? startOffset(h2s[0]) : lines.text.length;
  const first = fieldsIn(tree.children, 0, firstEnd, lines);
  if (first.some((f) => isHeaderKey(f.key)) || !h2s[0]) return { end: firstEnd, fields: first, where: 'before the first H2' };
  const secondEnd = h2s[1] ? startOffset(h2s[1]) : lines.text.length;
  const second = fieldsIn(tree.children, 0, secondEnd, lines);
  if (second.filter((f) => isHeaderKey(f.key)).length >= 2) return { end: secondEnd, fields: second, where: 'in the first section' };
  return { end: firstEnd, fields: first, where: 'before the first H2' };
}

/** Fields of the top-level paragraphs and tables between two offsets. */
function fieldsIn(children: RootContent[], start: number, end: number, lines: LineIndex): Field[] {
  const out: Field[] = [];
  for (const node of children) {
    const s = startOffset(node);
    if (s >= end) break;
    if (s < start) continue;
    if (node.type === 'paragraph') out.push(...fieldsInRange(lines, s, endOffset(node)));
    else if (node.type === 'table') out.push(...tableFields(node, lines));
  }
  return out;
}

/** `| Key | Value |` rows after the table's head row: the first cell's source is the key, the second's the value. */
function tableFields(table: Table, lines: LineIndex): Field[] {
  const out: Field[] = [];
  for (const row of table.children.slice(1)) {
    if (row.children.length < 2) continue;
    const k = cellSource(row.children[0], lines.text);
    const v = cellSource(row.children[1], lines.text);
    if (!k.text) continue;
    out.push({
      key: k.text,
      value: v.text,
      line: row.position?.start.line ?? 1,
      span: { start: k.start, end: v.start + v.text.length },
      keySpan: { start: k.start, end: k.start + k.text.length },
      valueSpan: { start: v.start, end: v.start + v.text.length },
    });
  }
  return out;
}

/** A cell's source without its pipes and surrounding spaces (mdast's cell positions include the pipes). */
function cellSource(cell: Table['children'][number]['children'][number], text: string): { text: string; start: number } {
  let start = startOffset(cell);
  let end = endOffset(cell);
  if (text[start] === '|') start++;
  if (end > start && text[end - 1] === '|' && text[end - 2] !== '\\') end--;
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), start: start + lead };
}

// ---- The Certificate ID.

const ID_KEY = /^certificate id$/i;
/**
 * A necessary condition for a Certificate ID field, on the raw text. A `**Key**:` field's key is its source between
 * `**` (no `*` in it) with `_` emphasis removed and spaces collapsed and trimmed: the text holds `**`, spaces or `_`,
 * `Certificate`, spaces or `_`, `ID`. A field table's key is a first cell's source (after a `|` or at a line's start)
 * with emphasis removed: spaces, `*` or `_`, then the same. The same case folding as ID_KEY.
 */
const ID_HINT = /\*\*[\s_]*certificate[\s_]*id|(?:^|\|)[ \t]*[*_]*\s*certificate[\s*_]*id/im;

export function isCertificateIdKey(key: string): boolean {
  return ID_KEY.test(normalKey(key));
}

/** False when the text cannot hold a Certificate ID field. */
export function mayHoldCertificateId(text: string): boolean {
  return ID_HINT.test(text);
}

/** The Certificate ID: the first header field of that name with a value, emphasis and backticks removed. */
export function certificateIdOf(header: readonly Field[]): { value: string; span: Field['valueSpan']; line: number } | undefined {
  for (const f of header) {
    if (!isCertificateIdKey(f.key)) continue;
    const value = f.value.replace(/[*`]/g, '').trim();
    if (value) return { value, span: f.valueSpan, line: f.line };
  }
  return undefined;
}
