/** The status vocabulary: which words are verdicts, and which synonyms mean the same verdict. */
export interface StatusVocabulary {
  /** Canonical values, e.g. APPROVED, CONDITIONALLY_APPROVED, REJECTED. */
  values: string[];
  /** Other spellings mapped to a canonical value, e.g. APPROVE_WITH_CONDITIONS -> CONDITIONALLY_APPROVED. */
  synonyms: Record<string, string>;
}

export const DEFAULT_VOCABULARY: StatusVocabulary = {
  values: ['APPROVED', 'CONDITIONALLY_APPROVED', 'REJECTED'],
  synonyms: {
    APPROVE_WITH_CONDITIONS: 'CONDITIONALLY_APPROVED',
    APPROVED_WITH_CONDITIONS: 'CONDITIONALLY_APPROVED',
    CONDITIONAL_APPROVAL: 'CONDITIONALLY_APPROVED',
    CONDITIONALLY_APPROVE: 'CONDITIONALLY_APPROVED',
    APPROVE: 'APPROVED',
    REJECT: 'REJECTED',
  },
};

/**
 * Verdict words seen in real certificates that are not in the default vocabulary, with the default value they
 * read as. They are not accepted as Status values (a project adds them to `statuses.values` if it uses them), but
 * they let verdict lines be compared with Status (`GO FOR PRODUCTION` agrees with APPROVED).
 */
export const VERDICT_EXTRAS: Record<string, string> = {
  GO: 'APPROVED',
  'NO-GO': 'REJECTED',
  NO_GO: 'REJECTED',
  NOGO: 'REJECTED',
  EMERGENCY_STOP: 'REJECTED',
  REQUIRES_REMEDIATION: 'REJECTED',
  REQUIRES_IMMEDIATE_REMEDIATION: 'REJECTED',
};

export interface StatusMatch {
  /** The word as written (`CONDITIONALLY_APPROVED`, or `CONDITIONALLY APPROVED`). */
  word: string;
  canonical: string;
  /** Offset of the word in the searched string. */
  index: number;
}

/** One verdict word found in a value. */
export interface VerdictWord {
  /** As written, e.g. `APPROVED`, `NOT APPROVED`, `APPROVED WITH MINOR CONDITIONS`, `GO`. */
  word: string;
  /** Offset of the word in the searched string. */
  index: number;
  /** The vocabulary value the word means (synonyms applied), when it is one. */
  canonical?: string;
  /**
   * What the word is compared by: the canonical value; for a known word outside the vocabulary the value it
   * reads as (GO -> APPROVED) when that value is in the vocabulary; otherwise the word itself, upper-cased.
   */
  key: string;
  /** `NOT APPROVED`: a vocabulary word under a negation (key is REJECTED when the vocabulary has it). */
  negated: boolean;
  /** `APPROVED WITH MINOR CONDITIONS`: an approval qualified by conditions (key CONDITIONALLY_APPROVED). */
  qualified: boolean;
}

interface CompiledVocabulary {
  /** Spellings (vocabulary values, synonyms, extras), longest first, with their pattern and meaning. */
  spellings: { pattern: RegExp; canonical?: string; key: string }[];
  values: Set<string>;
}

const compiled = new WeakMap<StatusVocabulary, CompiledVocabulary>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiled once per vocabulary object (the engine keeps one per config), so rules and parsers stay cheap. */
function compile(vocabulary: StatusVocabulary): CompiledVocabulary {
  const hit = compiled.get(vocabulary);
  if (hit) return hit;
  const values = new Set(vocabulary.values.map((v) => v.toUpperCase()));
  const meaning = new Map<string, { canonical?: string; key: string }>();
  for (const [k, v] of Object.entries(VERDICT_EXTRAS)) meaning.set(k, { key: values.has(v) ? v : k });
  for (const [k, v] of Object.entries(vocabulary.synonyms)) meaning.set(k.toUpperCase(), { canonical: v.toUpperCase(), key: v.toUpperCase() });
  for (const v of values) meaning.set(v, { canonical: v, key: v });
  const spellings = [...meaning.entries()]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([spelling, m]) => {
      // `_`, `-` and a space are interchangeable between the parts of a word (CONDITIONALLY APPROVED, NO GO).
      const body = escape(spelling).replace(/[_ ]|\\-/g, '[_ -]');
      return { pattern: new RegExp(`(?<![A-Za-z0-9_-])${body}(?![A-Za-z0-9_])`, 'g'), ...m };
    });
  const out = { spellings, values };
  compiled.set(vocabulary, out);
  return out;
}

const NEGATION = /(?:^|[^A-Za-z])(?:NOT|NON|NEVER)[\s_-]+$/i;
const MAX_VALUE_SCAN = 1000;
const CONDITIONAL_BEFORE = /CONDITIONAL(?:LY)?[\s_-]+$/i;
const QUALIFIED = /^[\s_-]+WITH[\s_-]+(?:[A-Za-z]+[\s_-]+){0,3}?CONDITIONS?(?![A-Za-z])/i;

/**
 * Every verdict word in a value, in order, non-overlapping (longest spelling wins, so CONDITIONALLY_APPROVED is
 * one word, not APPROVED). Words match whole and in upper case: `approved` in prose is not a verdict.
 */
export function findVerdictWords(fullValue: string, vocabulary: StatusVocabulary): VerdictWord[] {
  const { spellings, values } = compile(vocabulary);
  // A verdict sits at the start of its line; a longer value is prose, and scanning all of it buys nothing.
  const value = fullValue.slice(0, MAX_VALUE_SCAN);
  const found: VerdictWord[] = [];
  const taken: [number, number][] = [];
  for (const s of spellings) {
    s.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = s.pattern.exec(value))) {
      const start = m.index;
      let end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && a < end)) continue;
      const before = value.slice(Math.max(0, start - 12), start);
      const negated = NEGATION.test(before);
      let word = m[0];
      let wordStart = start;
      let canonical = s.canonical;
      let key = s.key;
      let qualified = false;
      if (negated) {
        const neg = /(?:NOT|NON|NEVER)[\s_-]+$/i.exec(before)!;
        wordStart = start - neg[0].length;
        word = value.slice(wordStart, end);
        canonical = undefined;
        key = values.has('REJECTED') ? 'REJECTED' : `NOT ${key}`;
      } else if ((key === 'APPROVED' || word.toUpperCase() === 'GO') && values.has('CONDITIONALLY_APPROVED') && CONDITIONAL_BEFORE.test(before)) {
        // `CONDITIONAL GO`, `CONDITIONALLY ... APPROVED`: a conditional approval.
        const c = CONDITIONAL_BEFORE.exec(before)!;
        wordStart = start - c[0].length;
        word = value.slice(wordStart, end);
        canonical = 'CONDITIONALLY_APPROVED';
        key = 'CONDITIONALLY_APPROVED';
        qualified = true;
      } else if (key === 'APPROVED') {
        const q = QUALIFIED.exec(value.slice(end));
        if (q && values.has('CONDITIONALLY_APPROVED')) {
          end += q[0].length;
          word = value.slice(start, end);
          canonical = 'CONDITIONALLY_APPROVED';
          key = 'CONDITIONALLY_APPROVED';
          qualified = true;
        }
      }
      taken.push([wordStart, end]);
      found.push({ word, index: wordStart, canonical, key, negated, qualified });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Upper-case snake_case words in a Status value (`REQUIRES_CLARIFICATION`): verdict-like, whatever they mean. */
export function snakeWords(value: string): { word: string; index: number }[] {
  const out: { word: string; index: number }[] = [];
  const re = /(?<![A-Za-z0-9_-])[A-Z]{2,}(?:_[A-Z]{2,})+(?![A-Za-z0-9_])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) out.push({ word: m[0], index: m.index });
  return out;
}

/**
 * Finds the first verdict word in a value (longest spelling first, so CONDITIONALLY_APPROVED wins over APPROVED).
 * Only vocabulary words (values and synonyms) that are not negated count.
 */
export function matchStatus(value: string, vocabulary: StatusVocabulary): StatusMatch | undefined {
  const w = findVerdictWords(value, vocabulary).find((x) => x.canonical !== undefined);
  return w ? { word: w.word, canonical: w.canonical!, index: w.index } : undefined;
}
