/** Lines of a cited file as tools hand them out: 1-based and inclusive, capped so one answer stays readable. */

/** Lines of a cited file returned at most, per reference or citation. */
export const MAX_LINES = 200;

export interface CitedLines {
  start: number;
  end: number;
  /** The lines start..end (at most MAX_LINES of them), joined with `\n`. */
  text: string;
  /** Lines of the range left out by the cap. */
  omitted: number;
}

/** The file's lines, counted as the evidence rules count them (core/evidence/resolve.ts countLines). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  // A final line break ends the last line; it does not start another.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The lines of `start..end` that exist (undefined when none does). */
export function citedLines(lines: readonly string[], start: number, end: number, cap = MAX_LINES): CitedLines | undefined {
  const from = Math.max(1, Math.min(start, end));
  const to = Math.min(lines.length, Math.max(start, end));
  if (from > to) return undefined;
  const shown = Math.min(to, from + cap - 1);
  return { start: from, end: to, text: lines.slice(from - 1, shown).join('\n'), omitted: to - shown };
}
