/**
 * Splits Markdown into pieces at ATX headings at column 0 (`# ` ... `###### `) that are outside code fences.
 * Each piece parses on its own to the same tree it has inside the whole document, because such a heading always
 * closes the block before it (lists, quotes, paragraphs). Parsing pieces keeps micromark's cost linear (it is
 * superlinear on one huge input) and lets an edit re-parse only the piece it touched.
 */
export interface Piece {
  /** Offset of the piece's first character in the document. */
  start: number;
  /** 0-based line of the piece's first line. */
  line: number;
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function splitAtTopHeadings(text: string, maxPieceChars = 32_000): Piece[] {
  const pieces: Piece[] = [];
  let pieceStart = 0;
  let pieceLine = 0;
  let fence: string | null = null;
  let inHtmlComment = false;
  let offset = 0;
  let line = 0;
  while (offset < text.length) {
    let nl = offset;
    while (nl < text.length) {
      const c = text.charCodeAt(nl);
      if (c === 10 || c === 13) break;
      nl++;
    }
    const lineText = text.slice(offset, nl);
    let next = nl;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10 && text.charCodeAt(next - 1) !== 10) next++;
    if (next === nl) next = nl + 1; // end of text

    if (fence) {
      const m = FENCE.exec(lineText);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && lineText.slice(m[0].length).trim() === '') fence = null;
    } else if (inHtmlComment) {
      if (lineText.includes('-->')) inHtmlComment = false;
    } else {
      const m = FENCE.exec(lineText);
      if (m && !(m[1][0] === '`' && lineText.slice(m[0].length).includes('`'))) {
        fence = m[1];
      } else if (lineText.startsWith('<!--') && !lineText.includes('-->')) {
        inHtmlComment = true;
      } else if (offset > pieceStart && isTopHeading(lineText)) {
        pieces.push({ start: pieceStart, line: pieceLine, text: text.slice(pieceStart, offset) });
        pieceStart = offset;
        pieceLine = line;
      } else if (offset - pieceStart > maxPieceChars && lineText.trim() === '' && isSafeBreak(text, next)) {
        // A huge section with no headings: break at a blank line followed by an unindented paragraph start,
        // which closes any open list or quote, so the pieces still parse as they would together.
        pieces.push({ start: pieceStart, line: pieceLine, text: text.slice(pieceStart, next) });
        pieceStart = next;
        pieceLine = line + 1;
      }
    }
    offset = next;
    line++;
  }
  if (pieceStart < text.length || pieces.length === 0) pieces.push({ start: pieceStart, line: pieceLine, text: text.slice(pieceStart) });
  return pieces;
}

/**
 * Any ATX heading at column 0 (not only H1/H2): it closes every open block just as well (a heading is never a
 * paragraph's lazy continuation, so lists, quotes and tables end before it), and finer pieces make an edit
 * re-parse less (bench/keystroke).
 */
function isTopHeading(line: string): boolean {
  return /^#{1,6}(?:[ \t]|$)/.test(line);
}

/** True when the line starting at `offset` begins a plain paragraph at column 0 (no list, quote, fence, table). */
function isSafeBreak(text: string, offset: number): boolean {
  const c = text[offset];
  if (c === undefined) return false;
  return /[A-Za-z0-9]/.test(c) && !/^\d+[.)]/.test(text.slice(offset, offset + 12));
}
