/**
 * Is quoted code at the cited lines? Comparison ignores runs of whitespace (quotes get re-indented) and, for fences,
 * elision lines (`...`); a fence counts as present when at least half of its significant lines are found, in
 * order, within the cited lines. When it is elsewhere, where it is (to move the reference there).
 */
import type { Quote } from './types';

const ELISION = /^(?:\.\.\.|…|#\s*\.\.\.|\/\/\s*\.\.\.|\/\*\s*\.\.\.\s*\*\/)$/;

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function significant(quote: Quote): string[] {
  if (quote.kind === 'inline') return [norm(quote.text)];
  return quote.text.split(/\r?\n|\r/).map(norm).filter((l) => l.length >= 4 && !ELISION.test(l));
}

export interface QuoteCheck {
  /** The quote could not be judged (nothing significant in it). */
  skipped: boolean;
  atCited: boolean;
  /** 1-based line ranges where the quote is found instead (nearest to the cited lines first). */
  elsewhere: { start: number; end: number }[];
}

export function checkQuote(quote: Quote, fileText: string, ranges: { start: number; end: number }[]): QuoteCheck {
  const want = significant(quote);
  if (!want.length || want[0].length < 3) return { skipped: true, atCited: true, elsewhere: [] };
  const lines = fileText.split(/\r\n|\n|\r/).map(norm);
  const need = quote.kind === 'inline' ? 1 : Math.ceil(want.length / 2);
  const matchAt = (from: number, limit: number): { end: number; found: number } => {
    // Greedy in-order match of the significant lines within [from, limit).
    let found = 0;
    let end = from;
    let i = from;
    for (const w of want) {
      let j = i;
      while (j < limit && !lines[j].includes(w)) j++;
      if (j < limit) { found++; end = j; i = j + 1; }
    }
    return { end, found };
  };
  for (const r of ranges) {
    const from = Math.max(0, r.start - 1);
    const limit = Math.min(lines.length, r.end);
    if (quote.kind === 'inline') {
      const joined = lines.slice(from, limit).join(' ');
      if (joined.includes(want[0])) return { skipped: false, atCited: true, elsewhere: [] };
    } else if (matchAt(from, limit).found >= need) return { skipped: false, atCited: true, elsewhere: [] };
  }
  const elsewhere: { start: number; end: number }[] = [];
  const window = Math.max(want.length * 3, 10);
  for (let i = 0; i < lines.length && elsewhere.length < 20; i++) {
    if (!lines[i].includes(want[0])) continue;
    if (quote.kind === 'inline') { elsewhere.push({ start: i + 1, end: i + 1 }); continue; }
    const m = matchAt(i, Math.min(lines.length, i + window));
    if (m.found >= need) { elsewhere.push({ start: i + 1, end: m.end + 1 }); i = m.end; }
  }
  const cited = ranges[0]?.start ?? 0;
  elsewhere.sort((a, b) => Math.abs(a.start - cited) - Math.abs(b.start - cited));
  return { skipped: false, atCited: false, elsewhere };
}
