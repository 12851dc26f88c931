/**
 * Segments: the searchable text of a document, block by block, as the extractor sees it. An inline block (paragraph,
 * heading, table cell) becomes the concatenation of its text and inline-code values (emphasis and backticks gone,
 * link URLs, images and HTML replaced by a boundary character), so `` `x.py` (lines 1-5) `` and `**Lines 2-3**: x.py``
 * read as plain prose. Every character maps back to its exact source offset. A code fence is its own segment.
 */
import type { Nodes, Root } from 'mdast';
import type { LineIndex } from '../text/line-index';

/** Stands for text that is not searchable (URLs, images, HTML): not a path character, not whitespace. */
export const BOUNDARY = '\u0001';

export interface CodePiece {
  /** Clean-text range of the inline code's value. */
  start: number;
  end: number;
  value: string;
}

export interface Segment {
  clean: string;
  /** Source offset of a clean-text index (for an end index, use `sourceEnd`). */
  toSource(i: number): number;
  code: boolean;
  /** Inline code pieces, in order. */
  codes: CodePiece[];
  /** The block after this one in its container (a fence after a paragraph quotes what the paragraph cites). */
  next?: Nodes;
  /** Source offset where the block starts. */
  offset: number;
}

export function sourceEnd(seg: Segment, cleanEnd: number): number {
  return cleanEnd <= 0 ? seg.toSource(0) : seg.toSource(cleanEnd - 1) + 1;
}

const URL = /\b(?:[a-z][a-z0-9+.-]{1,20}:\/\/|www\.|mailto:)[^\s<>()[\]"'`]*/gi;

/**
 * E-mail, `mailto:` and `xmpp:` addresses in prose, as GFM's literal autolinks find them (mdast-util-gfm-autolink-
 * literal's patterns and checks). The parser leaves literal autolinks out (parse/gfm-subset.ts), so these are
 * masked here instead, where GFM would have made them links: in text outside code spans and outside links. Without
 * this, `ops@example.com` reads as a cited file `ops@example.com`. URLs need no such step: URL above masks them in
 * all text.
 */
const ADDRESS = /(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?|(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)|(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;

/** Ranges [start, end) of a text node's value that GFM would have turned into address links. */
function addressRanges(value: string): [number, number][] {
  const out: [number, number][] = [];
  if (!value.includes('@')) return out;
  ADDRESS.lastIndex = 0;
  for (let m = ADDRESS.exec(value); m; m = ADDRESS.exec(value)) {
    const label = m[2] ?? m[5] ?? m[7];
    const resource = m[3];
    if (/[\d\-_]$/.test(label)) continue;
    if (resource && (!/[A-Za-z]$/.test(resource) || value.charAt(m.index + m[0].length) === '@')) continue;
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** Every segment of the document, in document order (iterative: trees may be deep). */
export function collectSegments(tree: Root, lines: LineIndex): Segment[] {
  const out: Segment[] = [];
  const text = lines.text;
  type Frame = { nodes: Nodes[]; i: number };
  const stack: Frame[] = [{ nodes: tree.children as Nodes[], i: 0 }];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.i >= frame.nodes.length) { stack.pop(); continue; }
    const node = frame.nodes[frame.i];
    const next = frame.nodes[frame.i + 1];
    frame.i++;
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        out.push(inlineSegment(node, text, next));
        break;
      case 'code':
        out.push(codeSegment(node, lines));
        break;
      case 'list':
      case 'listItem':
      case 'blockquote':
      case 'table':
      case 'tableRow':
      case 'footnoteDefinition':
        stack.push({ nodes: node.children as Nodes[], i: 0 });
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * The clean text of a segment and the source offset of each of its characters, built in runs: a text node written
 * as is is one string and one filled range of the offset table, not a string and an array slot per character.
 */
class CleanBuilder {
  private readonly parts: string[] = [];
  private offsets: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.offsets = new Int32Array(Math.max(16, capacity));
  }

  private room(n: number): void {
    if (this.length + n <= this.offsets.length) return;
    const grown = new Int32Array(Math.max(this.offsets.length * 2, this.length + n));
    grown.set(this.offsets.subarray(0, this.length));
    this.offsets = grown;
  }

  /** One character of the clean text, from source offset `at`. */
  char(c: string, at: number): void {
    this.room(1);
    this.parts.push(c);
    this.offsets[this.length++] = at;
  }

  /** `run` as written in the source from offset `at`, one character per source character. */
  run(run: string, at: number): void {
    this.room(run.length);
    this.parts.push(run);
    for (let i = 0; i < run.length; i++) this.offsets[this.length++] = at + i;
  }

  text(): string {
    return this.parts.join('');
  }

  table(): Int32Array {
    return this.offsets.subarray(0, this.length);
  }
}

function inlineSegment(block: Nodes, text: string, next: Nodes | undefined): Segment {
  const blockStart = block.position?.start.offset ?? 0;
  const out = new CleanBuilder((block.position?.end.offset ?? blockStart) - blockStart);
  const codes: CodePiece[] = [];
  const masked: [number, number][] = [];
  const stack: Nodes[] = 'children' in block ? [...(block.children as Nodes[])].reverse() : [];
  // Text inside a link is never an address link (GFM ignores links and link references when it finds them).
  const inLink = new Set<Nodes>();
  while (stack.length) {
    const n = stack.pop()!;
    const s = n.position?.start.offset ?? 0;
    const e = n.position?.end.offset ?? s;
    if ((n.type === 'link' || n.type === 'linkReference' || inLink.has(n)) && 'children' in n) for (const c of n.children) inLink.add(c as Nodes);
    if (n.type === 'text') {
      const from = out.length;
      align(n.value, text, s, e, out);
      // align adds one character per character of the value, so value index i is clean index from + i.
      if (!inLink.has(n)) for (const [a, b] of addressRanges(n.value)) masked.push([from + a, from + b]);
    }
    else if (n.type === 'inlineCode') {
      let k = s;
      while (k < e && text[k] === '`') k++;
      const start = out.length;
      align(n.value, text, k, Math.max(k, e - (k - s)), out);
      codes.push({ start, end: out.length, value: n.value });
    } else if (n.type === 'break') out.char('\n', s);
    else if (n.type === 'link' && /^(?:[a-z][a-z0-9+.-]*:|www\.|#)/i.test(n.url)) out.char(BOUNDARY, s);
    else if ((n.type === 'strong' || n.type === 'emphasis') && underscoresInPath(text, s, e, n.type === 'strong' ? 2 : 1)) {
      // `pkg/__init__.py` outside a code span parses as pkg/<strong>init</strong>.py: keep the underscores, they
      // are part of the file name (otherwise the reference reads pkg/init.py and is reported missing).
      const k = n.type === 'strong' ? 2 : 1;
      const delimiter = (at: number): Nodes => ({ type: 'text', value: '_'.repeat(k), position: { start: { line: 0, column: 0, offset: at }, end: { line: 0, column: 0, offset: at + k } } });
      stack.push(delimiter(e - k));
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
      stack.push(delimiter(s));
    } else if ('children' in n) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
    } else out.char(BOUNDARY, s);
  }
  let clean = out.text();
  for (const [a, b] of masked) clean = clean.slice(0, a) + BOUNDARY.repeat(b - a) + clean.slice(b);
  clean = clean.replace(URL, (m) => BOUNDARY.repeat(m.length));
  const offsets = out.table();
  return {
    clean,
    toSource: (i) => (offsets.length === 0 ? blockStart : offsets[Math.max(0, Math.min(i, offsets.length - 1))]),
    code: false,
    codes,
    next,
    offset: blockStart,
  };
}

/**
 * `_x_` / `__x__` emphasis written with underscores that is glued to path characters (`/__init__.py`,
 * `__main__.py`): the underscores belong to a file name. Emphasis between spaces or punctuation (`the _new_ API.`)
 * is not.
 */
function underscoresInPath(src: string, s: number, e: number, k: number): boolean {
  if (e - s < 2 * k + 1 || src.slice(s, s + k) !== '_'.repeat(k) || src.slice(e - k, e) !== '_'.repeat(k)) return false;
  const before = src[s - 1] ?? '';
  const after = src.slice(e, e + 2);
  return /[A-Za-z0-9/.-]/.test(before) || /^(?:[A-Za-z0-9/-]|\.[A-Za-z0-9])/.test(after);
}

/**
 * Maps the characters of a node's value onto its source text: equal characters map one to one; backslash escapes,
 * entities, container prefixes (`> `, list indentation) and line-ending differences are skipped over.
 */
function align(value: string, src: string, s: number, e: number, out: CleanBuilder): void {
  if (e - s === value.length && src.startsWith(value, s)) {
    // The usual case, written as is: each character maps to its own offset (what the loop below finds too).
    out.run(value, s);
    return;
  }
  const push = (c: string, at: number) => out.char(c, at);
  let j = s;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let k = j;
    let found = -1;
    while (k < e && k - j < 16) {
      const sc = src[k];
      if (sc === c || (c === ' ' && (sc === '\n' || sc === '\r')) || (c === '\n' && sc === '\r')) { found = k; break; }
      if (sc === '&') {
        const m = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/iy;
        m.lastIndex = 0;
        const hit = m.exec(src.slice(k, k + 40));
        if (hit) {
          push(c, k);
          j = k + hit[0].length;
          found = -2;
          break;
        }
      }
      k++;
    }
    if (found === -2) continue;
    if (found < 0) { push(c, Math.min(j, Math.max(s, e - 1))); continue; }
    push(c, found);
    j = found + 1;
    if (c === '\n' && src[found] === '\r' && src[found + 1] === '\n') j++;
  }
}

function codeSegment(node: Extract<Nodes, { type: 'code' }>, lines: LineIndex): Segment {
  const value = node.value;
  const startLine = node.position?.start.line ?? 1;
  const fenced = /^[ \t>]*(?:`{3,}|~{3,})/.test(lines.lineText(startLine));
  const first = fenced ? startLine + 1 : startLine;
  const valueStarts: number[] = [0];
  for (let i = 0; i < value.length; i++) if (value[i] === '\n') valueStarts.push(i + 1);
  const bases: number[] = [];
  for (let k = 0; k < valueStarts.length; k++) {
    const line = Math.min(first + k, lines.lineCount);
    const src = lines.lineText(line);
    const endOfVal = k + 1 < valueStarts.length ? valueStarts[k + 1] - 1 : value.length;
    const val = value.slice(valueStarts[k], endOfVal);
    const lineStart = lines.lineStarts[line - 1];
    bases.push(src.endsWith(val) ? lineStart + src.length - val.length : lineStart);
  }
  const toSource = (i: number) => {
    let lo = 0;
    let hi = valueStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (valueStarts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return bases[lo] + (i - valueStarts[lo]);
  };
  return { clean: value.replace(URL, (m) => BOUNDARY.repeat(m.length)), toSource, code: true, codes: [], offset: node.position?.start.offset ?? 0 };
}
