/**
 * Is quoted code at the cited lines? Comparison ignores runs of whitespace (quotes get re-indented) and, for fences,
 * elision lines (`...`); a fence counts as present when at least half of its significant lines are found, in
 * order, within the cited lines. When it is elsewhere, where it is (to move the reference there).
 */
import type { Quote } from './types';
import { bodyEnd } from './targets';

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
  const ident = quote.kind === 'inline' ? identifierOf(quote.text) : undefined;
  if (ident) {
    // `json.loads()`, `Store.save(x)`, `__init__`: the name, or a def/class of it around or across the cited lines.
    if (ranges.some((r) => lines.slice(Math.max(0, r.start - 1), Math.min(lines.length, r.end)).some((l) => hasWord(l, ident.full) || hasWord(l, ident.last)))) return { skipped: false, atCited: true, elsewhere: [] };
    if (ranges.some((r) => definitionCovers(fileText, ident.last, r.start, r.end))) return { skipped: false, atCited: true, elsewhere: [] };
    const elsewhere: { start: number; end: number }[] = [];
    for (let i = 0; i < lines.length && elsewhere.length < 20; i++) if (hasWord(lines[i], ident.full)) elsewhere.push({ start: i + 1, end: i + 1 });
    const cited = ranges[0]?.start ?? 0;
    elsewhere.sort((a, b) => Math.abs(a.start - cited) - Math.abs(b.start - cited));
    return { skipped: false, atCited: false, elsewhere };
  }
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

/** `a.b.c()`, `name(args)`, `__init__`: an identifier or a call, with its last name part (trailing `()` not required). */
const IDENT = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?:\([^()]*\))?$/;

function identifierOf(text: string): { full: string; last: string } | undefined {
  const m = IDENT.exec(text.trim());
  if (!m) return undefined;
  const full = m[1];
  return { full, last: full.slice(full.lastIndexOf('.') + 1) };
}

function hasWord(line: string, word: string): boolean {
  let i = line.indexOf(word);
  while (i >= 0) {
    const before = line[i - 1] ?? ' ';
    const after = line[i + word.length] ?? ' ';
    if (!/[\w$]/.test(before) && !/[\w$]/.test(after)) return true;
    i = line.indexOf(word, i + 1);
  }
  return false;
}

/**
 * Whether a `def name` / `class name` / `function name` whose body (the lines indented under it) encloses or
 * overlaps lines start..end (1-based) exists in the file.
 */
export function definitionCovers(fileText: string, name: string, start: number, end: number): boolean {
  const raw = fileText.split(/\r\n|\n|\r/);
  const def = new RegExp(String.raw`^(\s*)(?:export\s+)?(?:async\s+)?(?:def|class|function)\s+${name.replace(/\$/g, '\\$')}\b`);
  for (let i = 0; i < raw.length; i++) {
    const m = def.exec(raw[i]);
    if (!m) continue;
    const last = bodyEnd(raw, i, m[1].length);
    if (i + 1 <= end && last + 1 >= start) return true;
  }
  return false;
}
