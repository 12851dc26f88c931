/**
 * Kind detection before parsing: a scan of the raw text that decides "this cannot be a certificate or a
 * checklist", so ordinary Markdown (READMEs, docs, changelogs) is never given to remark (product.md,
 * "Performance"). It must never reject a text that detect.ts would accept after a full parse; it may let through
 * texts that turn out to be neither (they are then parsed and decided as before). test/unit/prescan.test.ts checks
 * that property against the full detection on generated, mutated and real documents.
 *
 * What detect.ts accepts, and what each needs in the raw text (a necessary condition, never a sufficient one):
 * - a `<!-- signoff: certificate|checklist -->` directive in a top-level HTML node, whose value is a verbatim slice
 *   of the text: the text contains `signoff:` + space + the kind;
 * - a `**Certificate ID**` header field, tested on the raw text itself: the text contains `**Certificate ID`;
 * - a first H1 whose plain text holds `CERTIFICATE` (case-sensitive) or `checklist` (any ASCII case);
 * - a heading (any depth) whose plain text holds `Phase` (Unicode case folding: `ſ` is an `s`), and a task item
 *   line, tested on the raw text itself.
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
import { TASK_ITEM_LINE } from './detect';

const DIRECTIVE_HINT = /signoff:\s*(?:certificate|checklist)/i;
const CERT_ID_HINT = /\*\*Certificate ID/i;
/** `#` opening an ATX heading: followed by a space, a tab or the end of the line. */
const ATX_MARK = /#(?:[ \t]|$)/;
/** A line that may be a setext underline once container prefixes (quotes, list markers, indentation) are counted. */
const UNDERLINE = /^[ \t>*+\-0-9.)=\uFEFF]*[=-][ \t]*$/;
const BLANK = /^[ \t]*$/;
/** micromark's limits: at most 6 hexadecimal or 7 decimal digits (longer ones are literal text). */
const NUMERIC_REFERENCE = /&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g;
const LETTER_REFERENCE = /&fjlig;/g;

/** False only when the text cannot be a certificate or a checklist (see above); true means "parse and decide". */
export function mayBeDocument(text: string): boolean {
  if (DIRECTIVE_HINT.test(text) || CERT_ID_HINT.test(text)) return true;
  const phases = TASK_ITEM_LINE.test(text);
  const n = text.length;
  let offset = 0;
  /** The current block: the lines since the last blank one, fed (from `scanned` on) to its scans at an underline. */
  let scanned = 0;
  let block = newBlock();
  let fed = false;
  const found = { h1: false, phase: false };
  while (offset < n) {
    let end = offset;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const line = text.slice(offset, end);
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    if (next === end) next = end + 1;

    if (BLANK.test(line)) {
      scanned = next;
      if (fed) block = newBlock();
      fed = found.h1 = found.phase = false;
    } else {
      if (ATX_MARK.test(line) && lineMayHoldWord(line, phases)) return true;
      if (UNDERLINE.test(line)) {
        const h1 = line.includes('=');
        if (h1 || phases) {
          const chunk = decodeReferences(text.slice(scanned, offset));
          scanned = offset;
          fed = true;
          // Each scan stops where it finds its word; `found` remembers that until the block ends.
          found.h1 ||= CERT.feed(block.cert, chunk) || CHECKLIST.feed(block.checklist, chunk);
          found.phase ||= phases && PHASE.feed(block.phase, chunk);
          if ((h1 && found.h1) || (phases && found.phase)) return true;
        }
      }
    }
    offset = next;
  }
  return false;
}

/** The scans of the current setext paragraph candidate (fed a chunk at a time: a word may span its lines). */
interface Block {
  cert: WordState;
  checklist: WordState;
  phase: WordState;
}

function newBlock(): Block {
  return { cert: CERT.start(), checklist: CHECKLIST.start(), phase: PHASE.start() };
}

/** Whether one line that may be an ATX heading could have a plain text holding one of the words. */
function lineMayHoldWord(raw: string, phases: boolean): boolean {
  const line = decodeReferences(raw);
  return CERT.find(line) || CHECKLIST.find(line) || (phases && PHASE.find(line));
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

/** Characters that may be markup vanishing from between two letters of a plain text, on their own. */
const VANISHING = new Set(['*', '_', '~', '\\', '`', '!', '[', ']', '<', '>']);
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * Where a scan of a word stands: for each mode, a bit mask of how many letters were matched (bit j: j letters).
 * Modes: just after a letter; in a gap of markup (`t`: a backtick was seen, so the spaces a code span strips may
 * vanish too); inside an HTML tag or autolink (`<` ... `>`), a link destination and title (`](` ... `)`), a
 * reference label or footnote reference (`][` / `[^` ... `]`) or an image (`![` ... `]` or `)`), whose content
 * vanishes. Each closer may also be part of the content (the modes are those of a nondeterministic automaton).
 */
interface WordState {
  letter: number; gap: number; gapT: number; tag: number; tagT: number; dest: number; destT: number;
  label: number; labelT: number; image: number; imageT: number; last: string;
}

/** Finds a word in the plain text a heading made of `s` could have, allowing for markup that vanishes. */
class WordScan {
  private readonly masks = new Map<string, number>();
  constructor(private readonly word: string, private readonly fold: (c: string) => string) {
    for (let j = 0; j < word.length; j++) this.masks.set(word[j], (this.masks.get(word[j]) ?? 0) | (1 << j));
  }

  start(): WordState {
    return { letter: 0, gap: 0, gapT: 0, tag: 0, tagT: 0, dest: 0, destT: 0, label: 0, labelT: 0, image: 0, imageT: 0, last: '' };
  }

  find(s: string): boolean {
    return this.feed(this.start(), s);
  }

  /** Feeds text to a scan; true once the whole word was seen. */
  feed(st: WordState, s: string): boolean {
    const done = 1 << this.word.length;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      const { letter: M, gap: S, gapT: T, tag: A, tagT: AT, dest: P, destT: PT, label: B, labelT: BT, image: I, imageT: IT } = st;
      const letters = this.masks.get(this.fold(c)) ?? 0;
      const nM = ((M | S | T | 1) & letters) << 1;
      if (nM & done) return true;
      let nS = 0, nT = 0, nA = A, nAT = AT, nP = P, nPT = PT, nB = B, nBT = BT, nI = I, nIT = IT;
      if (VANISHING.has(c)) {
        if (c === '`') nT |= M | S | T;
        else { nS |= M | S; nT |= T; }
        if (c === '<') { nA |= M | S; nAT |= T; }
        if (c === '[' && st.last === ']') { nB |= S; nBT |= T; }
        if (c === '[' && st.last === '!') { nI |= S; nIT |= T; }
      } else if (WHITESPACE.has(c)) nT |= T;
      if (c === '(' && st.last === ']') { nP |= S; nPT |= T; }
      if (c === '^' && st.last === '[') { nB |= S; nBT |= T; }
      if (c === '>') { nS |= A; nT |= AT; }
      if (c === ')') { nS |= P | I; nT |= PT | IT; }
      if (c === ']') { nS |= B | I; nT |= BT | IT; }
      st.letter = nM; st.gap = nS; st.gapT = nT; st.tag = nA; st.tagT = nAT; st.dest = nP; st.destT = nPT;
      st.label = nB; st.labelT = nBT; st.image = nI; st.imageT = nIT; st.last = c;
    }
    return false;
  }
}

const exact = (c: string) => c;
/** The case-insensitive matching of a regular expression with the `i` flag alone (ASCII letters only). */
const asciiFold = (c: string) => (c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);
/** With the `iu` flags: also `ſ` (U+017F) matches `s` (and the Kelvin sign `k`, which no word here has). */
const unicodeFold = (c: string) => (c === '\u017f' ? 's' : c === '\u212a' ? 'k' : asciiFold(c));

const CERT = new WordScan('CERTIFICATE', exact);
const CHECKLIST = new WordScan('checklist', asciiFold);
const PHASE = new WordScan('phase', unicodeFold);
