/** A parsed document: text, line index, mdast, kind and model. Created once per document version. */
import type { Root } from 'mdast';
import type { CertificateModel } from './model/certificate';
import type { ChecklistModel } from './model/checklist';
import type { DocumentKind } from './types';
import type { DocumentEvidence } from './evidence/types';
import { LineIndex } from './text/line-index';
import { parseMarkdown, type PieceCache } from './parse/markdown';
import { decideKind, type KindDecision } from './parse/detect';
import { extractCertificate } from './parse/certificate';
import { extractChecklist } from './parse/checklist';
import type { StatusVocabulary } from './parse/status';
import { MAX_BLOCK_MARKERS, MAX_NESTING, nestingDepth, workOverBudget, type WorkExcess } from './parse/limits';
import { mayBeDocument } from './parse/prescan';
import { splitAtTopHeadings } from './parse/split';

export interface DecodedText {
  text: string;
  /** The file started with a UTF-8 byte order mark (removed from `text`; writers put it back). */
  bom: boolean;
  /** Byte offset of the first invalid UTF-8 sequence, when the bytes are not valid UTF-8. */
  invalidUtf8At?: number;
  /** The bytes look binary (NUL bytes): such a file is reported, never parsed. */
  binary: boolean;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const binary = body.subarray(0, 8192).includes(0);
  try {
    return { text: strictDecoder.decode(body), bom, binary };
  } catch {
    return { text: lenientDecoder.decode(body), bom, binary, invalidUtf8At: firstInvalidUtf8(body) };
  }
}

/** Byte offset of the first malformed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

export interface ParsedDocument {
  /** Workspace-relative path with `/` separators. */
  path: string;
  text: string;
  lines: LineIndex;
  tree: Root;
  kind?: DocumentKind;
  /** Why the document has its kind, or none (detect.ts; `--explain-kinds`, the editor's hint). */
  decision?: KindDecision;
  certificate?: CertificateModel;
  checklist?: ChecklistModel;
  /** Decoding facts, when the document came from bytes (the CLI, closed files in the server). */
  decoded?: Omit<DecodedText, 'text'>;
  /** Evidence references, extracted on first use by `evidenceOf(doc)` (src/core/evidence) and kept here. */
  evidence?: DocumentEvidence;
  /**
   * Set when the document was too large, too deeply nested, too complex to parse in bounded time, or binary, and
   * was not parsed (the engine reports it), or when a scan of its text ruled out both kinds ('ordinary': it has no
   * kind and is never reported).
   */
  notParsed?: 'binary' | 'too-large' | 'too-deep' | 'too-complex' | 'ordinary';
  /** For 'too-deep': the nesting depth found (at least MAX_NESTING + 1). */
  nesting?: number;
  /** For 'too-complex': the piece that was over the parse's work budget (parse/limits.ts). */
  work?: WorkExcess;
}

export interface ParseOptions {
  vocabulary: StatusVocabulary;
  /** Kind forced by configuration globs (`none`: documents.exclude). */
  forcedKind?: DocumentKind | 'none';
  maxDocumentBytes: number;
  cache?: PieceCache;
  decoded?: Omit<DecodedText, 'text'>;
}

const EMPTY_TREE: Root = { type: 'root', children: [] };
const ORDINARY: KindDecision = { by: 'content', reasons: ['no heading names a certificate, a checklist or a release, and no Certificate ID field or directive'] };

export function parseDocument(path: string, text: string, options: ParseOptions): ParsedDocument {
  const lines = new LineIndex(text);
  const base = { path, text, lines, decoded: options.decoded };
  // Ordinary Markdown is never parsed: a scan of the text rules both kinds out (exact w.r.t. detectKind/headKind).
  if (options.forcedKind === 'none') return { ...base, tree: EMPTY_TREE, notParsed: 'ordinary', decision: { by: 'config', reasons: ['documents.exclude'] } };
  if (!options.forcedKind && !mayBeDocument(text)) return { ...base, tree: EMPTY_TREE, notParsed: 'ordinary', decision: ORDINARY };
  if (options.decoded?.binary) return { ...base, tree: EMPTY_TREE, kind: options.forcedKind ?? headKind(text), notParsed: 'binary' };
  if (text.length > options.maxDocumentBytes) {
    // Too large to parse within bounded time and memory; still classify by a cheap look at its start.
    const kind = options.forcedKind ?? headKind(text);
    return { ...base, tree: EMPTY_TREE, kind, notParsed: 'too-large' };
  }
  const nesting = nestingDepth(text, MAX_NESTING);
  if (nesting > MAX_NESTING) return { ...base, tree: EMPTY_TREE, kind: options.forcedKind ?? headKind(text), notParsed: 'too-deep', nesting };
  const work = text.length >= MAX_BLOCK_MARKERS ? workOverBudget(splitAtTopHeadings(text)) : undefined;
  if (work) return { ...base, tree: EMPTY_TREE, kind: options.forcedKind ?? headKind(text), notParsed: 'too-complex', work };
  const tree = parseMarkdown(text, options.cache);
  const decision: KindDecision = options.forcedKind ? { kind: options.forcedKind, by: 'config', reasons: [`documents.${options.forcedKind}s`] } : decideKind(tree, text, lines);
  const kind = decision.kind;
  const doc: ParsedDocument = { ...base, tree, kind, decision };
  if (kind === 'certificate') doc.certificate = extractCertificate(tree, lines, options.vocabulary);
  else if (kind === 'checklist') doc.checklist = extractChecklist(tree, lines);
  return doc;
}

/** The kind of a document that is not parsed, from a cheap look at its start (so it is still reported). */
export function headKind(text: string): DocumentKind | undefined {
  const head = text.slice(0, 4096);
  return /^# .*CERTIFICATE|\*\*Certificate ID\*\*/m.test(head) ? 'certificate' : /^# .*checklist/im.test(head) ? 'checklist' : undefined;
}
