/**
 * Finds and repairs UTF-8 text that was decoded as Mac OS Roman or Windows-1252 and saved again (format.md,
 * "Encoding damage"): `✅` (E2 9C 85) read as Mac OS Roman is `‚úÖ`, read as Windows-1252 `âœ…`.
 *
 * The scanner is generic, not a list of known damaged strings: at each non-ASCII character it maps the following
 * characters back to bytes through a code page and keeps the sequence when those bytes are exactly one well-formed
 * UTF-8 character. Adjacent sequences form a damaged run; the repair replaces the run with the decoded text.
 * Characters that are not part of such a sequence (a real `é`, `©`, `≤`, an emoji) are never touched, so the
 * repair changes nothing outside the runs and is idempotent (repaired text never re-encodes to a sequence of
 * several code-page characters: it is made of characters outside ASCII whose UTF-8 has two or more bytes, and
 * their own damage would be needed to form a sequence again).
 *
 * A run must also be plausible, since two ordinary characters can happen to form a 2-byte sequence (`’é` in
 * French is Mac OS Roman D5 8E, the Armenian U+054E): a run is repaired when it holds a 3- or 4-byte sequence
 * (emoji, arrows, symbols: never by chance), or several sequences (a damaged word), or a single 2-byte sequence
 * decoding to a Latin-1 or Latin Extended-A letter or sign (`Ã©` for é). Sequences decoding to control,
 * unassigned or private-use characters are never repairs.
 */
import { MAC_ROMAN, WINDOWS_1252, type CodePage } from './codepages';

export interface MojibakeRun {
  /** Offsets (UTF-16 code units) of the damaged text. */
  start: number;
  end: number;
  /** The damaged text as found. */
  damaged: string;
  /** The original text the run decodes to. */
  repaired: string;
  /** The code page the damage went through (of the run's first sequence). */
  encoding: string;
}

interface Sequence {
  start: number;
  end: number;
  codePoint: number;
  bytes: number;
  encoding: string;
}

const CODE_PAGES: readonly CodePage[] = [MAC_ROMAN, WINDOWS_1252];

/** Every damaged run of the text, in order. */
export function findMojibake(text: string): MojibakeRun[] {
  const sequences: Sequence[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    let found: Sequence | undefined;
    for (const page of CODE_PAGES) {
      found = sequenceAt(text, i, page);
      if (found) break;
    }
    if (found && plausibleCharacter(found.codePoint)) {
      sequences.push(found);
      i = found.end - 1;
    }
  }
  const runs: MojibakeRun[] = [];
  for (let k = 0; k < sequences.length; ) {
    let j = k + 1;
    while (j < sequences.length && sequences[j].start === sequences[j - 1].end) j++;
    const group = sequences.slice(k, j);
    if (plausibleRun(group)) {
      const start = group[0].start;
      const end = group[group.length - 1].end;
      runs.push({
        start,
        end,
        damaged: text.slice(start, end),
        repaired: String.fromCodePoint(...group.map((s) => s.codePoint)),
        encoding: group[0].encoding,
      });
    }
    k = j;
  }
  return runs;
}

/** The text with every damaged run repaired. */
export function repairMojibake(text: string): string {
  let out = '';
  let last = 0;
  for (const run of findMojibake(text)) {
    out += text.slice(last, run.start) + run.repaired;
    last = run.end;
  }
  return out + text.slice(last);
}

/** Bytes a UTF-8 lead byte announces (2..4), or 0 when the byte cannot start a multi-byte character. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The one UTF-8 character that the code-page bytes of text[i..] form, if they form one. */
function sequenceAt(text: string, i: number, page: CodePage): Sequence | undefined {
  const lead = page.byteOf(text.charCodeAt(i));
  if (lead === undefined) return undefined;
  const n = sequenceLength(lead);
  if (n === 0 || i + n > text.length) return undefined;
  let codePoint = lead & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const b = page.byteOf(text.charCodeAt(i + k));
    if (b === undefined || (b & 0xc0) !== 0x80) return undefined;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    if (k === 1) {
      if (lead === 0xe0 && b < 0xa0) return undefined;
      if (lead === 0xed && b > 0x9f) return undefined;
      if (lead === 0xf0 && b < 0x90) return undefined;
      if (lead === 0xf4 && b > 0x8f) return undefined;
    }
    codePoint = (codePoint << 6) | (b & 0x3f);
  }
  return { start: i, end: i + n, codePoint, bytes: n, encoding: page.name };
}

const NOT_TEXT = /[\p{Cc}\p{Co}\p{Cs}\p{Cn}]/u;

/** Whether a decoded character could be original text (not a control, unassigned or private-use character). */
function plausibleCharacter(codePoint: number): boolean {
  // Emoji blocks are accepted even where this runtime's Unicode tables predate them.
  if (codePoint >= 0x1f000 && codePoint <= 0x1faff) return true;
  return !NOT_TEXT.test(String.fromCodePoint(codePoint));
}

function plausibleRun(group: readonly Sequence[]): boolean {
  if (group.length > 1) return true;
  const only = group[0];
  if (only.bytes > 2) return true;
  return only.codePoint >= 0xa0 && only.codePoint <= 0x17f;
}
