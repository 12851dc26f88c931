/**
 * Fingerprints of cited lines (docs/sealing.md, "Evidence fingerprints"): the lines split on LF, CRLF or CR, each
 * with its trailing whitespace dropped, joined by LF and hashed with SHA-256; the seal keeps the first 24 hex digits
 * (96 bits). A file cited without lines is fingerprinted whole (trailing blank lines dropped). Line-ending and
 * trailing-space changes therefore never make evidence stale; any other change to the cited lines does. A cited
 * certificate is read without its own seal block and Certificate Hash value, so sealing it is not a change to it.
 */
import { SEAL_OPENING } from './format';

export type Sha256 = (text: string) => string;

export const RANGE_HASH_DIGITS = 24;
export const SECTION_HASH_DIGITS = 16;

/** A cited file's lines as fingerprints see them. */
export function fingerprintLines(fileText: string): string[] {
  const lines = fileText.split(/\r\n|\r|\n/).map((l) => l.replace(/\s+$/, ''));
  if (lines.length && lines[lines.length - 1] === '' && /[\r\n]$/.test(fileText)) lines.pop(); // the final newline ends a line, it is not one
  if (!fileText.includes('Certificate Hash') && !fileText.includes(SEAL_OPENING)) return lines;
  const open = lines.lastIndexOf(SEAL_OPENING);
  const close = open < 0 ? -1 : lines.indexOf('-->', open);
  if (close >= 0) lines.splice(open, close - open + 1);
  return lines.map((l) => l.replace(CERTIFICATE_HASH_LINE, '$1'));
}

/** A `Certificate Hash:` line (plain, bold or listed) and its value, which sealing writes. */
const CERTIFICATE_HASH_LINE = /^(\s*(?:[-*+]\s+)?\**Certificate Hash\**\s*:\**)\s*\S.*$/i;

export function rangeHash(sha256: Sha256, lines: readonly string[], start: number, end: number): string | undefined {
  if (start < 1 || end < start || end > lines.length) return undefined;
  return sha256(lines.slice(start - 1, end).join('\n')).slice(0, RANGE_HASH_DIGITS);
}

export function wholeFileHash(sha256: Sha256, lines: readonly string[]): string {
  let n = lines.length;
  while (n > 0 && lines[n - 1] === '') n--;
  return sha256(lines.slice(0, n).join('\n')).slice(0, RANGE_HASH_DIGITS);
}

/** At most this many line hashes are computed looking for lines that moved (a 5,000-line file, a 100-line range). */
const SEARCH_BUDGET = 500_000;

/**
 * Where a run of `length` lines with fingerprint `hash` sits in the file now (1-based starts, at most `max`), when the
 * sealed lines moved unchanged. Undefined when the search would cost more than its budget.
 */
export function findMoved(sha256: Sha256, lines: readonly string[], length: number, hash: string, max = 3): { start: number; end: number }[] | undefined {
  if (length < 1 || length > lines.length) return [];
  if ((lines.length - length + 1) * length > SEARCH_BUDGET) return undefined;
  const out: { start: number; end: number }[] = [];
  for (let s = 1; s + length - 1 <= lines.length && out.length < max; s++) {
    if (rangeHash(sha256, lines, s, s + length - 1) === hash) out.push({ start: s, end: s + length - 1 });
  }
  return out;
}
