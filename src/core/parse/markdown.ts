/**
 * One remark parse (CommonMark and the GFM constructs the rules read: gfm-subset.ts) per document, done in pieces
 * (see split.ts) with the trees of unchanged pieces reused from a small cache keyed by the piece's text. Positions in
 * the returned tree are those of the whole document.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent } from 'mdast';
import { remarkGfmSubset } from './gfm-subset';
import { splitAtTopHeadings, type Piece } from './split';

/** CommonMark plus the GFM constructs the rules read (tables, task lists, strikethrough, footnotes): gfm-subset.ts. */
const processor = unified().use(remarkParse).use(remarkGfmSubset);

function parsePiece(text: string): Root {
  return processor.parse(text) as Root;
}

interface CachedPiece {
  tree: Root;
  /** Offset/line the cached tree's positions currently refer to. */
  start: number;
  line: number;
}

/** Trees of recently parsed pieces by their exact text. Bounded so a long session does not grow without limit. */
export class PieceCache {
  private readonly map = new Map<string, CachedPiece>();
  constructor(private readonly maxEntries = 2000) {}

  take(text: string): CachedPiece | undefined {
    const hit = this.map.get(text);
    if (hit) this.map.delete(text);
    return hit;
  }

  put(text: string, piece: CachedPiece): void {
    if (text.length < 64) return; // tiny pieces are cheaper to parse than to keep
    this.map.set(text, piece);
    if (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
}

/** Parses a Markdown document to mdast. `cache` lets callers (the language server) reuse unchanged pieces. */
export function parseMarkdown(text: string, cache?: PieceCache): Root {
  // Without a cache nothing is reused, so neighbouring pieces are parsed together: each parse call costs about
  // 0.3 ms of set-up (micromark combines its constructs per call), which on real certificates (7 pieces of ~1 KB
  // each on average) was a tenth of the parse time.
  const pieces = cache ? splitAtTopHeadings(text) : coalesce(splitAtTopHeadings(text), MERGED_PIECE_CHARS);
  const children: RootContent[] = [];
  for (const piece of pieces) {
    let tree: Root;
    const hit = cache?.take(piece.text);
    if (hit) {
      // Never shifted in place: the cached tree belongs to documents handed out before (the server keeps each
      // open version's tree for its features). Same place: shared as is; moved: a copy with moved positions.
      tree = shiftedCopy(hit.tree, piece.start - hit.start, piece.line - hit.line);
    } else {
      tree = parsePiece(piece.text);
      shiftPositions(tree, piece.start, piece.line);
    }
    cache?.put(piece.text, { tree, start: piece.start, line: piece.line });
    for (const child of tree.children) children.push(child);
  }
  return {
    type: 'root',
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: endPoint(text),
    },
  };
}

/** Pieces are contiguous, so consecutive ones joined still parse as they do inside the whole document. */
const MERGED_PIECE_CHARS = 16 * 1024;

function coalesce(pieces: Piece[], minChars: number): Piece[] {
  if (pieces.length < 2) return pieces;
  const out: Piece[] = [];
  let cur: Piece | undefined;
  for (const p of pieces) {
    if (!cur) cur = { ...p };
    else cur.text += p.text;
    if (cur.text.length >= minChars) {
      out.push(cur);
      cur = undefined;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function endPoint(text: string): { line: number; column: number; offset: number } {
  let line = 1;
  let lastStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lastStart = i + 1;
    }
  }
  return { line, column: text.length - lastStart + 1, offset: text.length };
}

interface Positioned {
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
  children?: Positioned[];
}

/**
 * A copy of a tree with every position moved (iterative: trees can be very deep); the tree itself when nothing
 * moves. Nodes and positions are new objects; other fields (values, data) are shared, as nothing mutates them.
 */
function shiftedCopy(tree: Root, deltaOffset: number, deltaLine: number): Root {
  if (deltaOffset === 0 && deltaLine === 0) return tree;
  const move = (p: NonNullable<Positioned['position']>['start']) => ({ ...p, line: p.line + deltaLine, ...(p.offset !== undefined ? { offset: p.offset + deltaOffset } : {}) });
  const copyOf = (node: Positioned): Positioned => {
    const out: Positioned = { ...node };
    if (node.position) out.position = { ...node.position, start: move(node.position.start), end: move(node.position.end) };
    return out;
  };
  const root = copyOf(tree as Positioned);
  const stack: Positioned[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (!node.children) continue;
    node.children = node.children.map(copyOf);
    for (const c of node.children) stack.push(c);
  }
  return root as Root;
}

/** Moves every position of a freshly parsed tree, in place (nobody else holds it yet). */
function shiftPositions(tree: Root, deltaOffset: number, deltaLine: number): void {
  if (deltaOffset === 0 && deltaLine === 0) return;
  const stack: Positioned[] = [tree as Positioned];
  while (stack.length) {
    const node = stack.pop()!;
    const p = node.position;
    if (p) {
      p.start.line += deltaLine;
      p.end.line += deltaLine;
      if (p.start.offset !== undefined) p.start.offset += deltaOffset;
      if (p.end.offset !== undefined) p.end.offset += deltaOffset;
    }
    if (node.children) for (const c of node.children) stack.push(c);
  }
}
