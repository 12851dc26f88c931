/**
 * Cheap line scans that run before micromark, so inputs it handles badly are reported instead of parsed.
 * micromark's cost grows much faster than linearly with container nesting (measured: 500 list levels, one per
 * line, take 6 s; 1,000 take 39 s; 100,000 never finish), while real documents nest a handful of levels.
 */

/** Deepest block-quote + list nesting a document may have and still be parsed. */
export const MAX_NESTING = 64;

const FENCE = /^(`{3,}|~{3,})/;

/**
 * An estimate of the deepest container nesting (block quotes and list items) in the text, stopping as soon as it
 * exceeds `limit`. Quote markers and list markers at the start of a line count one level each; list items nested
 * by indentation are tracked with a stack of their content columns. Fenced code contents are skipped.
 */
export function nestingDepth(text: string, limit = MAX_NESTING): number {
  let max = 0;
  const stack: number[] = []; // content column of each open list item
  let fence: string | null = null;
  let offset = 0;
  const n = text.length;
  while (offset < n) {
    // One line: [offset, end).
    let end = offset;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    let i = offset;
    let col = 0;
    let quotes = 0;
    let markers = 0;
    let firstMarkerCol = -1;
    let contentCol = -1;
    for (;;) {
      while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) { col += text.charCodeAt(i) === 9 ? 4 - (col % 4) : 1; i++; }
      if (i >= end) break;
      const c = text.charCodeAt(i);
      if (c === 62 /* > */) { quotes++; i++; col++; continue; }
      let m = 0;
      if (c === 45 || c === 42 || c === 43) m = 1; // - * +
      else if (c >= 48 && c <= 57) {
        let k = i;
        while (k < end && k - i < 9 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
        const d = text.charCodeAt(k);
        if (d === 46 || d === 41) m = k - i + 1; // . )
      }
      if (m && (i + m >= end || text.charCodeAt(i + m) === 32 || text.charCodeAt(i + m) === 9)) {
        if (firstMarkerCol < 0) firstMarkerCol = col;
        markers++;
        i += m;
        col += m;
        contentCol = col + 1;
        continue;
      }
      break;
    }
    const rest = text.slice(i, Math.min(end, i + 4));
    if (fence) {
      if (rest.startsWith(fence.slice(0, 3))) fence = null;
    } else if (i < end) {
      const f = FENCE.exec(rest);
      if (f) fence = f[1];
      // Items whose content column is right of where this line starts are closed (or this line is lazy text:
      // closing them only underestimates, which lets a document through to the parser, never wrongly stops it).
      const lineCol = firstMarkerCol >= 0 ? firstMarkerCol : col;
      while (stack.length && stack[stack.length - 1] > lineCol) stack.pop();
      if (markers) stack.push(contentCol);
      const depth = quotes + stack.length + Math.max(0, markers - 1);
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    }
    offset = end;
    if (text.charCodeAt(offset) === 13) offset++;
    if (text.charCodeAt(offset) === 10) offset++;
  }
  return max;
}

/**
 * The parse's work budgets. micromark's time and memory grow faster than linearly with the Markdown events of one
 * parse and with the inline markers of one paragraph (an unclosed `[a](` rescans what follows it, each resolver
 * splices the whole event list; measured: 52 KB of `[a](` on one line take 14 s on a loaded machine, four times
 * that 57 s; 1.9 MB of `[`/`\` runs take 3 GB). So, counted before parsing:
 * - per parse piece (split.ts: a stretch with no heading nor safe paragraph break), its lines plus its Markdown
 *   punctuation outside code fences, at most MAX_PIECE_WORK;
 * - per inline block (a paragraph, a list item's first lines, a table row), its Markdown punctuation, at most
 *   MAX_BLOCK_MARKERS: where the parse is quadratic, this keeps it within a few times the linear cost.
 * Real documents stay far below both: the most in the 169 corpus certificates, the seeds and our fixtures is 50
 * markers in a block and 202 units in a piece (test/property/fuzz-adversarial.test.ts keeps them under a tenth).
 */
export const MAX_PIECE_WORK = 40_000;
export const MAX_BLOCK_MARKERS = 5_000;

/** Characters that start or end inline constructs (emphasis, code, links, escapes, tables, HTML, references). */
const PUNCTUATION = new Set(['`', '*', '_', '[', ']', '(', ')', '\\', '|', '<', '>', '!', '~', '&']);

/** A line that starts a block of its own: a list item, a table row or a heading (after quote markers). */
const BLOCK_START = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|\||#)/;

export interface WorkExcess {
  /** 1-based line the piece or block starts on. */
  line: number;
  /** Which budget: a parse piece's (lines + punctuation) or an inline block's (punctuation). */
  scope: 'piece' | 'block';
  limit: number;
  /** What most of it is: 'lines', or the punctuation character that occurs most. */
  mostly: string;
}

/**
 * The first piece or block over its budget, or undefined. `pieces` are the document's parse pieces (split.ts), with
 * their 0-based first line. One pass over the text.
 */
export function workOverBudget(pieces: readonly { line: number; text: string }[], pieceLimit = MAX_PIECE_WORK, blockLimit = MAX_BLOCK_MARKERS): WorkExcess | undefined {
  for (const piece of pieces) {
    const text = piece.text;
    if (text.length < Math.min(pieceLimit, blockLimit)) continue; // each character is at most one unit
    const counts = new Map<string, number>();
    let blockCounts = new Map<string, number>();
    let lines = 0;
    let work = 0;
    let block = 0;
    let blockLine = 0;
    let fence: string | null = null;
    let offset = 0;
    const most = (m: Map<string, number>, floor: number, label: string) => {
      let mostly = label;
      let n = floor;
      for (const [c, k] of m) if (k > n) { mostly = c; n = k; }
      return mostly;
    };
    while (offset < text.length) {
      let end = text.indexOf('\n', offset);
      if (end < 0) end = text.length;
      const line = text.slice(offset, end);
      lines++;
      work++;
      const f = FENCE.exec(line.trimStart());
      if (fence) {
        if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      } else if (f && line.length - line.trimStart().length < 4) {
        fence = f[1];
        block = 0;
      } else {
        if (line.trim() === '' || BLOCK_START.test(line)) {
          block = 0;
          blockCounts = new Map();
          blockLine = lines - 1;
        }
        for (let i = 0; i < line.length; i++) {
          const c = line[i];
          if (PUNCTUATION.has(c)) {
            counts.set(c, (counts.get(c) ?? 0) + 1);
            blockCounts.set(c, (blockCounts.get(c) ?? 0) + 1);
            work++;
            block++;
          }
        }
        if (block > blockLimit) return { line: piece.line + blockLine + 1, scope: 'block', limit: blockLimit, mostly: most(blockCounts, 0, 'lines') };
      }
      if (work > pieceLimit) return { line: piece.line + 1, scope: 'piece', limit: pieceLimit, mostly: most(counts, lines, 'lines') };
      offset = end + 1;
    }
  }
  return undefined;
}
