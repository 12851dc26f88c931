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

export interface StatusMatch {
  /** The word as written (`CONDITIONALLY_APPROVED`, or `CONDITIONALLY APPROVED`). */
  word: string;
  canonical: string;
  /** Offset of the word in the searched string. */
  index: number;
}

/**
 * Finds the first verdict word in a value (longest spelling first, so CONDITIONALLY_APPROVED wins over APPROVED).
 * Words match whole, case-sensitively in upper case, with `_` or a space between parts.
 */
export function matchStatus(value: string, vocabulary: StatusVocabulary): StatusMatch | undefined {
  const spellings = new Map<string, string>();
  for (const v of vocabulary.values) spellings.set(v.toUpperCase(), v);
  for (const [k, v] of Object.entries(vocabulary.synonyms)) spellings.set(k.toUpperCase(), v);
  const ordered = [...spellings.keys()].sort((a, b) => b.length - a.length);
  let best: StatusMatch | undefined;
  for (const spelling of ordered) {
    const body = spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[_ ]/g, '[_ ]');
    const pattern = new RegExp(`(?<![A-Z0-9_-])${body}(?![A-Z0-9_])`);
    const m = pattern.exec(value);
    if (m && (!best || m.index < best.index)) best = { word: m[0], canonical: spellings.get(spelling)!, index: m.index };
  }
  return best;
}
