/**
 * Checks classified expectations (expectations.ts) against a snippet's output as it streams, in memory bounded by
 * the expectations, not by the output: literals through a whitespace-normalised window, patterns and numbers line by
 * line (lines capped at 64 KiB), plus a pattern test on the kept head and tail for patterns spanning lines.
 */
import { clauseHolds, normalizeSpace, stem, type Classified, type NumericClause } from './expectations';

const LINE_CAP = 64 * 1024;
const KEEP = 256 * 1024;

export interface ExpectationOutcome {
  met: boolean;
  /** What the output showed for a numeric expectation (`7 errors`), or why nothing was found. */
  actual?: string;
  /** Met because the output contains the expectation's text word for word, though its class is not literal. */
  verbatim?: boolean;
}

interface Occurrence { value: number; text: string }

export class ExpectationWatch {
  private readonly literals: (NormalizedFinder | undefined)[];
  private readonly matched: boolean[];
  private line = '';
  private head = '';
  private tail = '';
  /** Per numeric expectation, per clause: the last occurrences of its unit / words (as many as clauses share it). */
  private readonly seen: Occurrence[][][];
  /** Per numeric expectation, per clause: its compiled matcher and how many clauses share its unit / words. */
  /** Only patterns and numbers are looked for line by line (and only patterns need the kept head and tail). */
  private readonly hasPatterns: boolean;
  private readonly byLine: boolean;
  private readonly scanners: { scan: (line: string) => Occurrence[]; share: number }[][];

  constructor(private readonly checks: readonly Classified[]) {
    // Literal match first: every expectation but a `# Should …` sentence passes when the output shows its text word
    // for word (whitespace runs as one space), whatever its class; `echo "in src"` meets `# Expected: in src`.
    this.literals = checks.map((c) => {
      const text = c.class === 'literal' ? c.literal : c.error || /^should\b/i.test(c.text) ? undefined : normalizeSpace(c.text);
      return text ? new NormalizedFinder(text) : undefined;
    });
    this.matched = checks.map(() => false);
    this.seen = checks.map((c) => (c.clauses ?? []).map(() => []));
    this.hasPatterns = checks.some((c) => c.class === 'pattern' && c.pattern);
    this.byLine = this.hasPatterns || checks.some((c) => c.class === 'numeric');
    this.scanners = checks.map((c) => (c.class === 'numeric' && c.clauses ? c.clauses.map((k) => ({ scan: scanner(k), share: c.clauses!.filter((o) => sameKey(o, k)).length })) : []));
  }

  push(chunk: string): void {
    if (!chunk) return;
    for (const f of this.literals) f?.push(chunk);
    if (!this.byLine) return;
    if (this.hasPatterns) {
      if (this.head.length < KEEP) this.head += chunk.slice(0, KEEP - this.head.length);
      this.tail = (this.tail + chunk).slice(-KEEP);
    }
    const parts = (this.line + chunk).split('\n');
    this.line = parts.pop()!;
    for (const l of parts) this.testLine(l);
    if (this.line.length > LINE_CAP) this.line = this.line.slice(-LINE_CAP);
  }

  end(): ExpectationOutcome[] {
    if (this.line) this.testLine(this.line);
    this.line = '';
    const kept = this.head.length < KEEP ? this.head : `${this.head}\n${this.tail}`;
    return this.checks.map((c, i): ExpectationOutcome => {
      if (c.class === 'literal') return { met: !!this.literals[i]?.found };
      // Its own class first (a number keeps what the output showed); the text word for word passes it otherwise.
      const own: ExpectationOutcome = c.error || c.class === 'prose' ? { met: false }
        : c.class === 'pattern' ? { met: this.matched[i] || !!c.pattern?.test(kept) }
        : this.numericOutcome(c.clauses ?? [], this.seen[i]);
      return !own.met && this.literals[i]?.found ? { met: true, verbatim: true } : own;
    });
  }

  private testLine(raw: string): void {
    const l = raw.replace(/\r$/, '');
    this.checks.forEach((c, i) => {
      if (c.class === 'pattern' && c.pattern && !this.matched[i]) {
        c.pattern.lastIndex = 0;
        if (c.pattern.test(l)) this.matched[i] = true;
      }
      this.scanners[i].forEach(({ scan, share }, k) => {
        const list = this.seen[i][k];
        for (const occ of scan(l)) {
          list.push(occ);
          if (list.length > share) list.shift();
        }
      });
    });
  }

  private numericOutcome(clauses: readonly NumericClause[], seen: Occurrence[][]): ExpectationOutcome {
    const shown: string[] = [];
    let met = true;
    clauses.forEach((clause, k) => {
      // Clauses that share a unit (`70%, 80%, 95%`) take the last occurrences in order: the n-th of them the n-th.
      const group = clauses.map((c, j) => (sameKey(c, clause) ? j : -1)).filter((j) => j >= 0);
      const occs = seen[k];
      const pos = group.indexOf(k) - (group.length - occs.length);
      const occ = pos >= 0 ? occs[pos] : undefined;
      if (!occ) {
        // "0 failures" is also what a tool says by not printing a failure count at all.
        if (clause.op === '=' && clause.value === 0 && clause.words.length) { shown.push(`no ${clause.words.join(' ')} count (taken as 0)`); return; }
        met = false;
        shown.push(`no number with ${clause.unit ? `unit ${clause.unit}` : `"${clause.words.join(' ')}"`}`);
        return;
      }
      shown.push(occ.text);
      if (!clauseHolds(clause, occ.value)) met = false;
    });
    return { met, actual: shown.join(', ') };
  }
}

function sameKey(a: NumericClause, b: NumericClause): boolean {
  return a.unit !== undefined ? a.unit === b.unit : b.unit === undefined && a.words.map(stem).join(' ') === b.words.map(stem).join(' ');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds the numbers in a line that carry the clause's unit, or that are followed (within two words) by one of its
 * words. Compiled once per clause; a line without a digit is skipped at once.
 */
function scanner(clause: NumericClause): (line: string) => Occurrence[] {
  if (clause.unit) {
    const re = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*${escape(clause.unit)}(?![\\p{L}])`, 'giu');
    return (line) => {
      if (!/\d/.test(line)) return [];
      const out: Occurrence[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) out.push({ value: Number(m[1]), text: m[0].trim() });
      return out;
    };
  }
  const wanted = new Set(clause.words.map(stem));
  const re = /(\d+(?:\.\d+)?)\+?\s+(\p{L}[\p{L}-]*)(?:\s+(\p{L}[\p{L}-]*))?/gu;
  return (line) => {
    if (!/\d/.test(line)) return [];
    const out: Occurrence[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const hit = [m[2], m[3]].findIndex((w) => w && wanted.has(stem(w)));
      if (hit >= 0) out.push({ value: Number(m[1]), text: hit === 0 ? m[0].slice(0, m[0].indexOf(m[2]) + m[2].length) : m[0].trim() });
      re.lastIndex = m.index + m[1].length; // the words may start the next count
    }
    return out;
  };
}

/** Finds a text in a stream with every run of whitespace counted as one space, keeping only a window of the past. */
class NormalizedFinder {
  found: boolean;
  private carry = '';
  private lastSpace = true;
  constructor(private readonly text: string) {
    this.found = text.length === 0;
  }
  push(chunk: string): void {
    if (this.found) return;
    let norm = chunk.replace(/\s+/gu, ' ');
    if (this.lastSpace && norm.startsWith(' ')) norm = norm.slice(1);
    if (norm) this.lastSpace = norm.endsWith(' ');
    const window = this.carry + norm;
    if (window.includes(this.text) || normalizeSpace(window).includes(this.text)) { this.found = true; this.carry = ''; return; }
    this.carry = window.slice(Math.max(0, window.length - this.text.length));
  }
}
