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
 * The parse's work budget per block. micromark's time and memory grow faster than linearly with the Markdown
 * events of one parse (an unclosed `[a](` rescans the rest of its line, each resolver splices the whole event list;
 * measured: 80 KB of `[a](` on one line take 4.6 s, twice that 28 s; 1.9 MB of `[`/`\` runs take 3 GB). The
 * document is parsed in pieces (split.ts), so the budget is per piece: a piece is a stretch with no heading nor safe
 * paragraph break, and what it costs is counted as its lines plus its Markdown punctuation outside code fences. Real
 * documents stay far below (a 40 KB certificate: about 4,000); the inputs above are 160,000 to 1,900,000.
 */
export const MAX_PIECE_WORK = 40_000;

/** Characters that start or end inline constructs (emphasis, code, links, escapes, tables, HTML, references). */
const PUNCTUATION = new Set(['`', '*', '_', '[', ']', '(', ')', '\\', '|', '<', '>', '!', '~', '&']);

export interface WorkExcess {
  /** 1-based line the piece starts on. */
  line: number;
  /** Its lines plus its Markdown punctuation outside code fences. */
  work: number;
  /** What most of it is: 'lines', or the punctuation character that occurs most. */
  mostly: string;
}

/**
 * The first piece over `limit`, or undefined. `pieces` are the document's parse pieces (split.ts), with their
 * 0-based first line. One pass over the text, stopping early in a piece that is already over.
 */
export function workOverBudget(pieces: readonly { line: number; text: string }[], limit = MAX_PIECE_WORK): WorkExcess | undefined {
  for (const piece of pieces) {
    const text = piece.text;
    if (text.length < limit) continue; // each character is at most one unit (a newline: its line's)
    const counts = new Map<string, number>();
    let lines = 0;
    let work = 0;
    let fence: string | null = null;
    let offset = 0;
    while (offset < text.length && work <= limit) {
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
      } else {
        for (let i = 0; i < line.length; i++) {
          const c = line[i];
          if (PUNCTUATION.has(c)) {
            counts.set(c, (counts.get(c) ?? 0) + 1);
            work++;
          }
        }
      }
      offset = end + 1;
    }
    if (work > limit) {
      let mostly = 'lines';
      let most = lines;
      for (const [c, n] of counts) if (n > most) { mostly = c; most = n; }
      return { line: piece.line + 1, work, mostly };
    }
  }
  return undefined;
}
