/**
 * What an expectation line (`# Expected: …`, `# Should …`) asks of a snippet's output, classified per line, never
 * guessed at run time:
 *
 * - **pattern**: `/regex/flags` (or a text mapped to a regex in config `run.expectedPatterns`): some line of the output
 *   matches (the `m` flag is always on, so `^`/`$` are line anchors).
 * - **numeric**: every comma-separated clause is a number with its unit or words, optionally with a comparison:
 *   `~7 errors`, `<10ms`, `104+ tests passing, 0 failures`, `70%, 80%, 95%`, `10-15 seconds`. A trailing remark in
 *   parentheses (`(down from 21+ pre-upgrade)`) is a comment and not checked. See evaluateNumeric for the tolerance.
 * - **literal**: a quoted text (`"readme found"`, `` `OK` ``), or a text with no two plain words in a row (`99`,
 *   `(50, 50, 3)`, `status=ok`): the output contains it, whitespace runs counted as one space.
 * - **prose**: every `# Should …` line and anything else (`Both False (disabled by default)`): only a person can
 *   tell. A prose expectation never fails a run and never passes one on its own: the task waits for a person.
 */

export type ExpectationClass = 'literal' | 'pattern' | 'numeric' | 'prose';

export type NumericOp = '=' | '~' | '<' | '<=' | '>' | '>=' | 'range';

export interface NumericClause {
  op: NumericOp;
  value: number;
  /** Upper bound of a range (`10-15 seconds`). */
  max?: number;
  /** `%`, `ms`, `s`, `MB`…, lower-cased; or undefined when the clause names words instead. */
  unit?: string;
  /** Words after the number (`tests passing`), lower-cased. */
  words: string[];
  source: string;
}

export interface Classified {
  /** The expectation as written (after `Expected:`, or the whole `Should …` sentence). */
  text: string;
  class: ExpectationClass;
  /** One line saying why it got its class (shown in tests and docs). */
  why: string;
  literal?: string;
  pattern?: RegExp;
  clauses?: NumericClause[];
  /** A pattern that does not compile: the expectation fails with this message. */
  error?: string;
}

const TWO_WORDS = /(?:^|[^\p{L}\p{N}_-])\p{L}{2,}\s+\p{L}{2,}(?![\p{L}\p{N}_-])/u;
const TRAILING_REMARK = /^(.*\S)\s*\(([^()]*)\)\s*$/u;
const UNITS = ['%', 'ms', 'us', 'µs', 's', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'h', 'kb', 'mb', 'gb', 'kib', 'mib', 'gib', 'b', 'bytes', 'x'];
const CLAUSE = new RegExp(
  '^(~|≈|<=|>=|≤|≥|<|>)?\\s*(\\d+(?:\\.\\d+)?)(?:\\s*(?:-|–|to)\\s*(\\d+(?:\\.\\d+)?))?(\\+)?\\s*' +
    `(${[...UNITS].sort((a, b) => b.length - a.length).join('|')})?(?![\\p{L}])` +
    '(?:\\s*((?:\\p{L}[\\p{L}-]*)(?:\\s+\\p{L}[\\p{L}-]*){0,2}))?$',
  'iu',
);

export function classifyExpectation(raw: string, configured: Record<string, string> = {}): Classified {
  const text = raw.trim();
  if (Object.prototype.hasOwnProperty.call(configured, text)) {
    const source = configured[text];
    try {
      return { text, class: 'pattern', why: 'mapped to a regular expression by run.expectedPatterns', pattern: new RegExp(source, 'm') };
    } catch (e) {
      return { text, class: 'pattern', why: 'mapped by run.expectedPatterns', error: `run.expectedPatterns["${text}"] is not a valid regular expression: ${(e as Error).message}` };
    }
  }
  if (/^should\b/i.test(text)) return { text, class: 'prose', why: 'a `# Should` line describes the output to a person' };
  const re = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (re) {
    try {
      const flags = [...new Set((re[2] + 'm').split(''))].filter((f) => 'imsu'.includes(f)).join('');
      return { text, class: 'pattern', why: 'written as /regex/', pattern: new RegExp(re[1], flags) };
    } catch (e) {
      return { text, class: 'pattern', why: 'written as /regex/', error: `/${re[1]}/${re[2]} is not a valid regular expression: ${(e as Error).message}` };
    }
  }
  const quoted = /^(["'`])(.+)\1$/s.exec(text);
  if (quoted) return { text, class: 'literal', why: 'a quoted text', literal: normalizeSpace(quoted[2]) };
  if (!text) return { text, class: 'prose', why: 'empty: nothing a program can check' };

  // A trailing remark in words is a comment to the reader, not part of the output: `~7 errors (down from 21+)`.
  let body = text;
  let remark = '';
  const r = TRAILING_REMARK.exec(text);
  if (r && TWO_WORDS.test(r[2])) { body = r[1].trim(); remark = ' (the remark in parentheses is a comment)'; }

  const clauses = numericClauses(body);
  if (clauses) return { text, class: 'numeric', why: `numbers with their ${clauses.some((c) => c.unit) ? 'units' : 'words'}: ${clauses.map(describeClause).join(', ')}${remark}`, clauses };
  if (!TWO_WORDS.test(body)) return { text, class: 'literal', why: `output-like text with no two words in a row${remark}`, literal: normalizeSpace(body) };
  return { text, class: 'prose', why: 'a description in words: only a person can tell whether the output shows it' };
}

function numericClauses(body: string): NumericClause[] | undefined {
  const parts = body.split(/\s*,\s*|\s+and\s+/u).filter(Boolean);
  if (!parts.length) return undefined;
  const out: NumericClause[] = [];
  for (const part of parts) {
    const m = CLAUSE.exec(part);
    if (!m) return undefined;
    const [, cmp, num, upper, plus, unit, words] = m;
    const wordList = words ? words.toLowerCase().split(/\s+/) : [];
    // A bare number (`99`) is a literal; a clause needs a comparison, a unit or words to be numeric.
    if (!cmp && !plus && !unit && !wordList.length && !upper) return undefined;
    if (!unit && !wordList.length) return undefined; // `<10` of what?
    let op: NumericOp = '=';
    if (upper !== undefined) op = 'range';
    else if (plus) op = '>=';
    else if (cmp) op = ({ '~': '~', '≈': '~', '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=' } as const)[cmp as '~']!;
    out.push({ op, value: Number(num), max: upper !== undefined ? Number(upper) : undefined, unit: unit?.toLowerCase(), words: wordList, source: part });
  }
  return out;
}

function describeClause(c: NumericClause): string {
  const what = c.unit ?? c.words.join(' ');
  const v = `${c.value}${c.unit ? '' : ' '}`;
  switch (c.op) {
    case 'range': return `${c.value}-${c.max} ${what}`;
    case '~': return `about ${v}${what}`;
    case '=': return `exactly ${v}${what}`;
    default: return `${c.op} ${v}${what}`;
  }
}

export function normalizeSpace(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}

/** `~N` accepts N ± max(1, 10% of N). */
export function aboutTolerance(n: number): number {
  return Math.max(1, Math.abs(n) * 0.1);
}

export function clauseHolds(c: NumericClause, actual: number): boolean {
  const eps = 1e-9;
  switch (c.op) {
    case '=': return Math.abs(actual - c.value) < eps;
    case '~': return Math.abs(actual - c.value) <= aboutTolerance(c.value) + eps;
    case '<': return actual < c.value;
    case '<=': return actual <= c.value + eps;
    case '>': return actual > c.value;
    case '>=': return actual >= c.value - eps;
    case 'range': return actual >= c.value - eps && actual <= (c.max ?? c.value) + eps;
  }
}

/** Words compared by their first four letters: `passing` ~ `passed`, `failures` ~ `failed`, `errors` ~ `error`. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  return w.length <= 4 ? w.replace(/s$/, '') : w.slice(0, 4);
}
