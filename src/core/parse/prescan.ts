/**
 * Kind detection before parsing: a scan of the raw text that decides "this cannot be a certificate or a
 * checklist", so ordinary Markdown (READMEs, docs, changelogs) is never given to remark (product.md,
 * "Performance"). It must never reject a text that detect.ts would accept after a full parse; it may let through
 * texts that turn out to be neither (they are then parsed and decided as before). test/property/prescan.test.ts checks
 * that property against the full detection on generated, mutated and real documents.
 *
 * What detect.ts accepts, and what each needs in the raw text (a necessary condition, never a sufficient one):
 * - a `<!-- signoff: certificate|checklist -->` directive in a top-level HTML node, whose value is a verbatim slice
 *   of the text: the text contains `signoff:` + space + the kind;
 * - a Certificate ID header field (header.ts mayHoldCertificateId, on the raw text itself);
 * - anything else needs one of detect.ts STRONG_WORDS in the plain text of an H1 or H2, or one of its WEAK_WORDS
 *   in the plain text of an H1 (ASCII case folding), after any front matter (detect.ts frontMatterEnd). An ATX line
 *   is looked at for the strong words when it has a run of at most two `#` followed by a space, a tab or its end,
 *   and for all words when it has a lone `#` so followed; a setext paragraph above `=` for all words (detect.ts
 *   takes no setext H2 for a title).
 *
 * For the heading conditions, every line that could belong to a heading is looked at: any line with `#` followed
 * by a space, a tab or the end of the line (an ATX heading after any container prefix: quotes, list markers,
 * footnote labels, a BOM; also `#` comments in code, which costs a look, not a wrong answer), and every paragraph
 * above a line that could be a setext underline (back to the previous blank line). A heading's plain text is the
 * characters of its source in order, with character references decoded (numeric ones, and `&fjlig;`, the only
 * named one that stands for letters) and with markup removed, which may join two letters that the source keeps
 * apart: emphasis and strikethrough delimiters, escapes, code span backticks and the spaces or line ends they
 * strip, autolink brackets, whole inline HTML tags, link destinations and titles, reference labels, footnote
 * references and images. So a word is looked for as letters in order where whatever stands between two letters
 * could be such markup (WordScan: an automaton over those gaps, not a parser; a gap it accepts need not be markup).
  */
import { STRONG_WORDS, WEAK_WORDS, frontMatterEnd } from './detect';
import { mayHoldCertificateId } from './header';

export { mayHoldCertificateId } from './header';

const DIRECTIVE_HINT = /signoff:\s*(?:certificate|checklist)/i;
/** A line that may be a setext underline once container prefixes (quotes, list markers, indentation) are counted. */
const UNDERLINE = /^[ \t>*+\-0-9.)=\uFEFF]*[=-][ \t]*$/;
/** Where such lines end (found first: a search for this is much faster than for the whole line shape). */
const UNDERLINE_END = /[=-][ \t]*$/gm;
const BLANK = /^[ \t]*$/;
/** micromark's limits: at most 6 hexadecimal or 7 decimal digits (longer ones are literal text). */
const NUMERIC_REFERENCE = /&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g;
const LETTER_REFERENCE = /&fjlig;/g;

/** False only when the text cannot be a certificate or a checklist (see above); true means "parse and decide". */
export function mayBeDocument(text: string): boolean {
  if (DIRECTIVE_HINT.test(text) || mayHoldCertificateId(text)) return true;
  const from = frontMatterEnd(text);
  return atxMayHoldWord(text, from) || setextMayHoldWord(text, from);
}

/** Every line with a run of one or two `#` followed by a space, a tab or the line's end. */
function atxMayHoldWord(text: string, from: number): boolean {
  let i = text.indexOf('#', from);
  while (i >= 0) {
    const c = text.charCodeAt(i + 1);
    if (c === 32 || c === 9 || c === 10 || c === 13 || i + 1 === text.length) {
      let run = 1;
      while (i - run >= from && text.charCodeAt(i - run) === 35) run++;
      if (run <= 2) {
        const start = lineStart(text, i);
        const end = lineEnd(text, i);
        // A lone `#` may open an H1 (all words); otherwise only an H2 (the strong words). The whole line is looked at.
        const line = text.slice(start, end);
        if (lineMayHoldWord(line, run === 1 || hasLoneMarker(line))) return true;
        i = text.indexOf('#', end);
        continue;
      }
    }
    i = text.indexOf('#', i + 1);
  }
  return false;
}

/** Whether a line has a lone `#` (not next to another) followed by a space, a tab or the line's end. */
function hasLoneMarker(line: string): boolean {
  return /(?:^|[^#])#(?:[ \t]|$)/.test(line);
}

/** Offsets of the start and the end of the line holding `at` (a char-by-char walk: lastIndexOf('\r') on text
 * without any would run to the start of the text every time). */
function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

function lineEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/**
 * The paragraph above every line that may be a setext H1 underline (`=`), back to the last
 * blank line. Its text is fed to the scans a chunk at a time (from the previous underline on), since a word may
 * span its lines; a blank line in between starts the scans afresh.
 */
function setextMayHoldWord(text: string, from: number): boolean {
  let scanned = from;
  let block: { states: WordState[]; found: boolean[] } | undefined;
  UNDERLINE_END.lastIndex = from;
  for (let m = UNDERLINE_END.exec(text); m; m = UNDERLINE_END.exec(text)) {
    const at = lineStart(text, m.index);
    const line = text.slice(at, m.index + m[0].length);
    if (at < scanned || !UNDERLINE.test(line)) continue;
    // Only `=` underlines: detect.ts takes no setext H2 (a `---` line under a paragraph) for a title.
    if (!line.includes('=')) continue;
    // Back from the underline to the last blank line, but not before what was fed already.
    let start = at;
    let blank = false;
    while (start > scanned) {
      const prevEnd = start - (text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? 2 : 1);
      const prevStart = lineStart(text, prevEnd);
      if (BLANK.test(text.slice(prevStart, prevEnd))) { blank = true; break; }
      start = prevStart;
    }
    if (blank || !block) block = { states: SCANS.map((w) => w.start()), found: SCANS.map(() => false) };
    const chunk = decodeReferences(text.slice(start, at));
    scanned = at;
    for (let k = 0; k < SCANS.length; k++) {
      block.found[k] ||= SCANS[k].feed(block.states[k], chunk);
      if (block.found[k]) return true;
    }
  }
  return false;
}

/** Whether one line that may be an ATX heading could have a plain text holding one of the words (`weak`: all). */
function lineMayHoldWord(raw: string, weak: boolean): boolean {
  const line = decodeReferences(raw);
  const lower = line.toLowerCase();
  const n = weak ? SCANS.length : STRONG_WORDS.length;
  for (let k = 0; k < n; k++) if (SCANS[k].lettersIn(line, lower) && SCANS[k].find(line)) return true;
  return false;
}

function decodeReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s
    .replace(NUMERIC_REFERENCE, (_, hex: string | undefined, dec: string | undefined) => {
      const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    })
    .replace(LETTER_REFERENCE, 'fj');
}

/**
 * Where a scan of a word stands: for each mode, a bit mask of how many letters were matched (bit j: j letters).
 * Modes: just after a letter; in a gap of markup (`T`: a backtick was seen, so the spaces and line ends a code
 * span strips may vanish too; `W`: spaces that vanish only if a backtick follows); inside an HTML tag or autolink (`<` ... `>`), a link destination and title
 * (`](` ... `)`), a reference label or footnote reference (`][` / `[^` ... `]`) or an image (`![` ... `]` or
 * `)`), whose content vanishes. A closer may also be content (the modes are those of a nondeterministic
 * automaton, run on all its states at once).
 */
interface WordState {
  m: Int32Array;
  last: number;
}
const LETTER = 0, GAP = 1, GAP_T = 2, TAG = 3, TAG_T = 4, DEST = 5, DEST_T = 6, LABEL = 7, LABEL_T = 8, IMAGE = 9, IMAGE_T = 10, SPACE = 11;

type Fold = 'exact' | 'ascii' | 'unicode';

/** Finds a word in the plain text a heading made of `s` could have, allowing for markup that vanishes. */
class WordScan {
  /** Bit j set for the (folded) ASCII code of the word's letter j. */
  private readonly masks = new Int32Array(128);
  private readonly done: number;
  /** The letters a text must hold (checked on the text itself, or lower-cased, before running the automaton). */
  private readonly distinct: string[];

  constructor(private readonly word: string, private readonly fold: Fold) {
    for (let j = 0; j < word.length; j++) this.masks[word.charCodeAt(j)] |= 1 << j;
    this.done = 1 << word.length;
    this.distinct = [...new Set(word)];
  }

  start(): WordState {
    return { m: new Int32Array(12), last: 0 };
  }

  /** A necessary condition, cheap: the text has every letter of the word (lower-cased for case-insensitive words). */
  lettersIn(s: string, lower: string): boolean {
    if (this.fold === 'exact') return this.distinct.every((c) => s.includes(c));
    return this.distinct.every((c) => lower.includes(c) || (this.fold === 'unicode' && c === 's' && s.includes('\u017f')));
  }

  find(s: string): boolean {
    return this.feed(this.start(), s);
  }

  /** Feeds text to a scan; true once the whole word was seen. */
  feed(st: WordState, s: string): boolean {
    const m = st.m;
    let M = m[LETTER], S = m[GAP], T = m[GAP_T], A = m[TAG], AT = m[TAG_T], P = m[DEST], PT = m[DEST_T];
    let B = m[LABEL], BT = m[LABEL_T], I = m[IMAGE], IT = m[IMAGE_T], W = m[SPACE], last = st.last;
    let found = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const f = this.foldCode(c);
      const letters = f < 128 ? this.masks[f] : 0;
      const nM = ((M | S | T | 1) & letters) << 1;
      if (nM & this.done) { found = true; break; }
      let nS = 0, nT = 0, nW = 0;
      switch (c) {
        case 96: /* ` */ nT = M | S | T | W; break;
        case 42: case 95: case 126: case 92: case 33: /* * _ ~ \ ! */ nS = M | S; nT = T; break;
        // An autolink's or a tag's end, or a quote marker among the line ends and spaces a code span strips.
        case 62: /* > */ nS = M | S; nT = T; nW = W; break;
        case 60: /* < */ nS = M | S; nT = T; A |= M | S; AT |= T; break;
        case 91: /* [ */
          nS = M | S; nT = T;
          if (last === 93) { B |= S; BT |= T; }
          else if (last === 33) { I |= S; IT |= T; }
          break;
        case 93: /* ] */ nS = M | S; nT = T; break;
        // Spaces and line ends: gone if a code span strips them, which needs a backtick before (T) or after (W).
        case 32: case 9: case 10: case 13: nT = T; nW = M | S | W; break;
        case 40: /* ( */ if (last === 93) { P |= S; PT |= T; } break;
        case 94: /* ^ */ if (last === 91) { B |= S; BT |= T; } break;
      }
      if (c === 62) { nS |= A; nT |= AT; }
      else if (c === 41) { nS |= P | I; nT |= PT | IT; }
      else if (c === 93) { nS |= B | I; nT |= BT | IT; }
      M = nM; S = nS; T = nT; W = nW; last = c;
    }
    m[LETTER] = M; m[GAP] = S; m[GAP_T] = T; m[TAG] = A; m[TAG_T] = AT; m[DEST] = P; m[DEST_T] = PT;
    m[LABEL] = B; m[LABEL_T] = BT; m[IMAGE] = I; m[IMAGE_T] = IT; m[SPACE] = W; st.last = last;
    return found;
  }

  /** The case-insensitive matching of a regular expression with the `i` flag (ASCII letters only), or with `iu`
   * (also `ſ` U+017F as `s`, and the Kelvin sign as `k`). */
  private foldCode(c: number): number {
    if (this.fold === 'exact') return c;
    if (c >= 65 && c <= 90) return c + 32;
    if (this.fold === 'unicode') return c === 0x17f ? 115 : c === 0x212a ? 107 : c;
    return c;
  }
}

/** One scan per kind word, ASCII case folding (detect.ts compares titles in ASCII lower case). */
const SCANS = [...STRONG_WORDS, ...WEAK_WORDS].map((w) => new WordScan(w, 'ascii'));
