/** Comparing a document with its seal: which parts (header, sections) changed since it was sealed. */
import type { ParsedDocument } from '../document';
import { hashedContent } from './content';
import { SECTION_HASH_DIGITS, type Sha256 } from './fingerprint';
import type { SealData } from './format';

export interface ContentComparison {
  intact: boolean;
  actual: string;
  /** Parts of the current text that are not in the sealed text (changed or added), in document order. */
  changed: { title: string; line: number }[];
  /** How many sealed parts have no counterpart now (removed, or changed beyond recognition). */
  removed: number;
}

export function compareContent(doc: ParsedDocument, seal: SealData, sha256: Sha256): ContentComparison {
  const content = hashedContent(doc);
  const actual = sha256(content.text);
  if (actual === seal.hash) return { intact: true, actual, changed: [], removed: 0 };
  const now = content.parts.map((p) => sha256(p.text).slice(0, SECTION_HASH_DIGITS));
  const kept = commonSubsequence(seal.sections, now);
  const changed = content.parts.filter((_, i) => !kept.has(i)).map(({ title, line }) => ({ title, line }));
  // A changed section is one unmatched part on each side; only the surplus of sealed ones was removed.
  return { intact: false, actual, changed, removed: Math.max(0, seal.sections.length - kept.size - changed.length) };
}

/** Indexes into `b` of a longest common subsequence of `a` and `b` (sections are few: quadratic is fine). */
function commonSubsequence(a: readonly string[], b: readonly string[]): Set<number> {
  const n = a.length;
  const m = b.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  const out = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.add(j); i++; j++; } else if (t[i + 1][j] >= t[i][j + 1]) i++; else j++;
  }
  return out;
}
