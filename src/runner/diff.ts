/**
 * Expected vs actual as a unified diff, for output of several lines: the expected text against the output's last
 * lines (capped), so the person sees what came instead. One-line output needs no diff: the message shows both side by
 * side. Both sides are small (an expectation, at most MAX_ACTUAL_LINES of output), so a plain LCS table is enough;
 * written here rather than taking the `diff` package, which would double what the extension loads at activation.
 */
const MAX_ACTUAL_LINES = 40;

export function expectedVsActual(expected: string, output: string): string | undefined {
  const actualLines = output.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  if (actualLines.length < 2) return undefined;
  const b = actualLines.slice(-MAX_ACTUAL_LINES);
  const a = expected.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const body = lineDiff(a, b);
  const label = b.length < actualLines.length ? `actual (last ${b.length} lines)` : 'actual';
  return [`--- expected`, `+++ ${label}`, `@@ -1,${a.length} +1,${b.length} @@`, ...body].join('\n');
}

/** The lines of a and b as ` ` (both), `-` (only a) and `+` (only b), in order, from a longest common subsequence. */
export function lineDiff(a: readonly string[], b: readonly string[]): string[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push(` ${a[i]}`); i++; j++; }
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`-${a[i++]}`);
    else out.push(`+${b[j++]}`);
  }
  return out;
}
