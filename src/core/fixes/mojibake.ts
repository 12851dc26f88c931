/**
 * Finds and repairs UTF-8 text that was decoded as Mac OS Roman or Windows-1252 and saved again (format.md,
 * "Encoding damage"): `✅` (E2 9C 85) read as Mac OS Roman is `‚úÖ`, read as Windows-1252 `âœ…`.
 *
 * The scanner is generic, not a list of known damaged strings: in each stretch of non-ASCII characters it maps
 * characters back to bytes through a code page and keeps a sequence when those bytes are exactly one well-formed
 * UTF-8 character. Adjacent sequences form a damaged run; the repair replaces the run with the decoded text.
 * Characters that are not part of such a sequence (a real `é`, `©`, `≤`, an emoji) are never touched, so the
 * repair changes nothing outside the runs. Repairing again changes nothing as a rule: emoji, arrows and most
 * symbols are in neither code page, so they cannot take part in a new sequence. A repaired Latin letter can (it is
 * in both): text damaged twice (`√É©`, the damage of `√©`) loses one layer per pass, and in theory a repaired
 * letter could pair with a good neighbour (`√` then repaired `é` reads as `Î`).
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
  /** The code page the damage went through. */
  encoding: string;
  /**
   * Set when a byte Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) was lost in the round trip: the
   * characters it could have been. With one likely candidate `repaired` is it; with several the run is ambiguous
   * (`repaired` is the first, and no repair is applied without a person's choice).
   */
  candidates?: string[];
  ambiguous?: boolean;
}

interface Sequence {
  start: number;
  end: number;
  codePoint: number;
  bytes: number;
}

const CODE_PAGES: readonly CodePage[] = [MAC_ROMAN, WINDOWS_1252];

/** Every damaged run of the text, in order. */
export function findMojibake(text: string): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) < 0x80) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= 0x80) j++;
    const found = bestReading(text, i, j);
    runs.push(...withLostBytes(text, i, j, found));
    i = j;
  }
  return runs;
}

/**
 * The damaged runs of one stretch of non-ASCII characters, read through the code page that explains it best. Both
 * may read something: `Â©âœ…` (©✅ through Windows-1252) starts with `Â©â`, a valid 3-byte sequence through Mac OS
 * Roman, but only Windows-1252 reads all of it; `Ã©Ã±` (éñ) is fully read by both, as two combining marks through
 * Mac OS Roman. So the reading that repairs more characters wins, and between equals the one with the more likely
 * characters (combining marks, and characters that could not stand alone, count less).
 */
function bestReading(text: string, start: number, end: number): MojibakeRun[] {
  let best: MojibakeRun[] = [];
  let bestCovered = 0;
  let bestScore = 0;
  for (const page of CODE_PAGES) {
    const { runs, score } = runsIn(text, start, end, page);
    const covered = runs.reduce((n, r) => n + r.end - r.start, 0);
    if (covered > bestCovered || (covered === bestCovered && score > bestScore)) {
      best = runs;
      bestCovered = covered;
      bestScore = score;
    }
  }
  return best;
}

const MARK = /\p{M}/u;

function sequenceScore(seq: Sequence): number {
  const weight = MARK.test(String.fromCodePoint(seq.codePoint)) ? 0.25 : standsAlone(seq) ? 1 : 0.5;
  return (seq.end - seq.start) * weight;
}

function runsIn(text: string, start: number, end: number, page: CodePage): { runs: MojibakeRun[]; score: number } {
  const sequences: Sequence[] = [];
  for (let i = start; i < end; i++) {
    const seq = sequenceAt(text, i, end, page);
    if (seq && plausibleCharacter(seq.codePoint)) {
      sequences.push(seq);
      i = seq.end - 1;
    }
  }
  const runs: MojibakeRun[] = [];
  let score = 0;
  for (let k = 0; k < sequences.length; ) {
    let j = k + 1;
    while (j < sequences.length && sequences[j].start === sequences[j - 1].end) j++;
    const group = sequences.slice(k, j);
    if (plausibleRun(group)) {
      const runStart = group[0].start;
      const runEnd = group[group.length - 1].end;
      runs.push({
        start: runStart,
        end: runEnd,
        damaged: text.slice(runStart, runEnd),
        repaired: String.fromCodePoint(...group.map((s) => s.codePoint)),
        encoding: page.name,
      });
      for (const seq of group) score += sequenceScore(seq);
    }
    k = j;
  }
  return { runs, score };
}

/** The text with every damaged run repaired (ambiguous ones are left: they need a person's choice). */
export function repairMojibake(text: string): string {
  let out = '';
  let last = 0;
  for (const run of findMojibake(text)) {
    if (run.ambiguous) continue;
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
function sequenceAt(text: string, i: number, end: number, page: CodePage): Sequence | undefined {
  const lead = page.byteOf(text.charCodeAt(i));
  if (lead === undefined) return undefined;
  const n = sequenceLength(lead);
  if (n === 0 || i + n > end) return undefined;
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
  return { start: i, end: i + n, codePoint, bytes: n };
}

const NOT_TEXT = /[\p{Cc}\p{Co}\p{Cs}\p{Cn}]/u;

/** Whether a decoded character could be original text (not a control, unassigned or private-use character). */
function plausibleCharacter(codePoint: number): boolean {
  // Emoji blocks are accepted even where this runtime's Unicode tables predate them.
  if (codePoint >= 0x1f000 && codePoint <= 0x1faff) return true;
  return !NOT_TEXT.test(String.fromCodePoint(codePoint));
}

/** A sequence plausible even alone: 3 or 4 bytes, or a Latin-1 / Latin Extended-A character. */
function standsAlone(seq: Sequence): boolean {
  return seq.bytes > 2 || (seq.codePoint >= 0xa0 && seq.codePoint <= 0x17f);
}

function plausibleRun(group: readonly Sequence[]): boolean {
  return group.length > 1 || standsAlone(group[0]);
}

/** The bytes Windows-1252 leaves undefined: decoders that drop them lose them from the text for good. */
const UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
const EMOJI = /\p{Emoji_Presentation}/u;
/** Characters a lost byte plausibly belonged to: punctuation, arrows, symbols, dingbats, emoji. */
const LIKELY = (cp: number) => (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x1f000 && cp <= 0x1faff);

function isContinuation(text: string, i: number, end: number): boolean {
  if (i >= end) return false;
  const b = WINDOWS_1252.byteOf(text.charCodeAt(i));
  return b !== undefined && (b & 0xc0) === 0x80;
}

function decodeBytes(bytes: number[]): number | undefined {
  const n = sequenceLength(bytes[0]);
  if (n !== bytes.length) return undefined;
  const [lead, b1] = bytes;
  if ((lead === 0xe0 && b1 < 0xa0) || (lead === 0xed && b1 > 0x9f) || (lead === 0xf0 && b1 < 0x90) || (lead === 0xf4 && b1 > 0x8f)) return undefined;
  let cp = lead & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    if ((bytes[k] & 0xc0) !== 0x80) return undefined;
    cp = (cp << 6) | (bytes[k] & 0x3f);
  }
  return cp;
}

/**
 * Windows-1252 damage that lost a byte: a 3- or 4-byte lead followed by one continuation too few (`â€` is `”`,
 * E2 80 9D, without its 9D; `âŒ` is `❌`, E2 9D 8C, without its 9D). Each undefined byte at each missing position
 * gives a candidate; the repair is kept when the lost byte is implied: exactly one candidate is an emoji, or the
 * candidates include `”` and an opening `“` comes earlier on the line. Otherwise the run is reported, ambiguous.
 * Only runs whose candidates include a likely character (punctuation, symbols, emoji) count, so real accented
 * text (`café»`) is never taken for damage. 2-byte leads are left alone: `Ã` before a capital is Portuguese.
 */
function withLostBytes(text: string, start: number, end: number, found: MojibakeRun[]): MojibakeRun[] {
  const out: MojibakeRun[] = [];
  let next = 0;
  for (let i = start; i < end; i++) {
    while (next < found.length && found[next].end <= i) out.push(found[next++]);
    if (next < found.length && found[next].start <= i) { i = found[next].end - 1; continue; }
    const lead = WINDOWS_1252.byteOf(text.charCodeAt(i));
    const n = lead === undefined ? 0 : sequenceLength(lead);
    if (n < 3) continue;
    let present = 0;
    while (present < n - 2 && isContinuation(text, i + 1 + present, end)) present++;
    const stop = i + 1 + present;
    if (present !== n - 2 || isContinuation(text, stop, end)) continue;
    if (next < found.length && found[next].start < stop) continue;
    const bytes = [lead!];
    for (let k = i + 1; k < stop; k++) bytes.push(WINDOWS_1252.byteOf(text.charCodeAt(k))!);
    const candidates = new Set<number>();
    for (let p = 1; p < n; p++) {
      for (const u of UNDEFINED_1252) {
        const cp = decodeBytes([...bytes.slice(0, p), u, ...bytes.slice(p)]);
        if (cp !== undefined && plausibleCharacter(cp)) candidates.add(cp);
      }
    }
    const list = [...candidates].filter(LIKELY);
    if (!list.length) continue;
    const emoji = list.filter((cp) => EMOJI.test(String.fromCodePoint(cp)));
    let pick: number | undefined;
    if (emoji.length === 1) pick = emoji[0];
    else if (list.includes(0x201d) && opensQuote(text, i)) pick = 0x201d;
    const ordered = pick === undefined ? list.sort((a, b) => likelihood(b) - likelihood(a)) : [pick];
    out.push({
      start: i,
      end: stop,
      damaged: text.slice(i, stop),
      repaired: String.fromCodePoint(ordered[0]),
      encoding: WINDOWS_1252.name,
      candidates: (pick === undefined ? ordered : [pick]).map((cp) => String.fromCodePoint(cp)),
      ambiguous: pick === undefined,
    });
    i = stop - 1;
  }
  while (next < found.length) out.push(found[next++]);
  return out;
}

/** Emoji first, then quotes and dashes, then the rest: the order ambiguous candidates are offered in. */
function likelihood(cp: number): number {
  if (EMOJI.test(String.fromCodePoint(cp))) return 3;
  if (cp >= 0x2010 && cp <= 0x2027) return 2;
  return 1;
}

/** Whether an opening `“` (as is, or damaged as `â€œ`) comes earlier on the same line, not yet closed. */
function opensQuote(text: string, at: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', at - 1) + 1, 0);
  const before = text.slice(lineStart, at).replace(/â€œ/g, '\u201c').replace(/â€\u009d/g, '\u201d');
  return before.lastIndexOf('\u201c') > before.lastIndexOf('\u201d');
}
