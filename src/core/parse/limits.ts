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
