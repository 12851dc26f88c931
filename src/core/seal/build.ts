/**
 * Making a seal (used by `signoff seal` and the editor's Seal Certificate command through src/node/seal-write.ts):
 * the fingerprints of every resolved reference, the content hash and the edits that write them into the document.
 * Pure: hashing, file reading and signing are passed in.
 */
import type { ParsedDocument } from '../document';
import type { ResolvedRef } from '../evidence/service';
import { dominantEol } from '../text/line-index';
import type { TextEdit } from '../types';
import { certificateHashField, hashedContent, sealOf } from './content';
import { fingerprintLines, rangeHash, SECTION_HASH_DIGITS, wholeFileHash, type Sha256 } from './fingerprint';
import { formatSeal, type SealData, type SealedFile, type SealedRange } from './format';

/** The value sealing writes first when a certificate has no Certificate Hash line, replaced by the real hash. */
export const PENDING_HASH = 'sha256:pending';

/** Fingerprints of the cited ranges of every reference that resolved to a readable file, sorted and de-duplicated. */
export async function fingerprintEvidence(
  resolved: readonly ResolvedRef[],
  readText: (path: string) => Promise<string | undefined>,
  sha256: Sha256,
  blobs: ReadonlyMap<string, string> = new Map(),
): Promise<SealedFile[]> {
  const files = new Map<string, Map<string, SealedRange>>();
  for (const { ref, location, facts } of resolved) {
    if (location.status !== 'found' || facts?.status !== 'ok') continue;
    const text = await readText(location.path);
    if (text === undefined) continue;
    const lines = fingerprintLines(text);
    const ranges = files.get(location.path) ?? new Map<string, SealedRange>();
    if (!ref.ranges.length) ranges.set('all', { start: 1, end: 1, whole: true, hash: wholeFileHash(sha256, lines) });
    for (const r of ref.ranges) {
      const hash = rangeHash(sha256, lines, r.start, r.end);
      if (hash) ranges.set(`${r.start}-${r.end}`, { start: r.start, end: r.end, whole: false, hash }); // out of range: evidence-line-range says so
    }
    if (ranges.size) files.set(location.path, ranges);
  }
  return [...files.keys()].sort().map((path) => ({
    path,
    blob: blobs.get(path),
    ranges: [...files.get(path)!.values()].sort((a, b) => Number(b.whole) - Number(a.whole) || a.start - b.start || a.end - b.end),
  }));
}

/** Content hash and section hashes of a document (without signature or evidence). */
export function contentDigests(doc: ParsedDocument, sha256: Sha256): { hash: string; sections: string[] } {
  const content = hashedContent(doc);
  return { hash: sha256(content.text), sections: content.parts.map((p) => sha256(p.text).slice(0, SECTION_HASH_DIGITS)) };
}

/**
 * The edit that gives a certificate a Certificate Hash line (value PENDING_HASH) when its SIGNATURE has none, so the
 * hash is then taken over the text as it will be. Undefined when the line exists or there is no SIGNATURE section.
 */
export function hashLineEdit(doc: ParsedDocument): TextEdit | undefined {
  const sig = doc.certificate?.signature;
  if (!sig || certificateHashField(doc)) return undefined;
  const eol = dominantEol(doc.text);
  const seal = sealOf(doc);
  const fields = sig.fields.filter((f) => !seal || f.span.start < seal.lineSpan.start);
  const last = fields[fields.length - 1];
  if (!last) {
    const at = doc.lines.lineEnd(sig.section.heading.line);
    return { start: at, end: at, newText: `${eol}${eol}Certificate Hash: ${PENDING_HASH}` };
  }
  // Written like the field above it: the same list marker or emphasis, the same hard line break.
  const lineText = doc.lines.lineText(last.line);
  const prefix = lineText.slice(0, last.keySpan.start - doc.lines.lineStarts[last.line - 1]);
  const bold = doc.text.startsWith('**', last.keySpan.start);
  const keyText = bold ? (doc.text.slice(last.keySpan.start, last.keySpan.end).includes(':**') ? '**Certificate Hash:**' : '**Certificate Hash**:') : 'Certificate Hash:';
  const hardBreak = !prefix.trim() && fields.slice(0, -1).some((f) => / {2,}$/.test(doc.lines.lineText(f.line))) && !/ {2,}$/.test(lineText);
  const at = doc.lines.lineEnd(last.line);
  return { start: at, end: at, newText: `${hardBreak ? '  ' : ''}${eol}${prefix}${keyText} ${PENDING_HASH}` };
}

/**
 * The edits that write a seal: the Certificate Hash value, and the block at the end of the document (an old block
 * is replaced; one that is not at the end is moved there). The document must already have its Certificate Hash
 * line when it has a SIGNATURE (hashLineEdit), or the hash would not cover the text as written.
 */
export function sealEdits(doc: ParsedDocument, data: SealData): TextEdit[] {
  const text = doc.text;
  const eol = dominantEol(text);
  const edits: TextEdit[] = [];
  const field = certificateHashField(doc);
  const seal = sealOf(doc);
  if (field && !(seal && field.span.start >= seal.lineSpan.start && field.span.start < seal.lineSpan.end)) {
    edits.push({ start: field.valueSpan.start, end: field.valueSpan.end, newText: `sha256:${data.hash}` });
  }
  let bodyEnd = text.length;
  if (seal && !/\S/.test(text.slice(seal.lineSpan.end))) bodyEnd = seal.lineSpan.start;
  else if (seal) edits.push({ start: seal.lineSpan.start, end: seal.lineSpan.end, newText: '' });
  // The block goes after the last line with content, keeping that line as it is (trailing spaces included).
  const before = text.slice(0, bodyEnd);
  const lastContent = before.search(/\s*$/);
  const lineBreak = /\r\n|\r|\n/.exec(before.slice(lastContent));
  const at = lineBreak ? lastContent + lineBreak.index : bodyEnd;
  edits.push({ start: at, end: text.length, newText: `${at > 0 ? eol + eol : ''}${formatSeal(data, eol)}${eol}` });
  return edits;
}
