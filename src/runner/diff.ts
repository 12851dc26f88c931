/**
 * Expected vs actual as a unified diff (the `diff` package), for output of several lines: the expected text against
 * the output's last lines (capped), so the person sees what came instead. One-line output needs no diff: the message
 * shows both side by side.
 */
import { createTwoFilesPatch } from 'diff';

const MAX_ACTUAL_LINES = 40;

export function expectedVsActual(expected: string, output: string): string | undefined {
  const actualLines = output.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  if (actualLines.length < 2) return undefined;
  const shown = actualLines.slice(-MAX_ACTUAL_LINES);
  const actual = shown.join('\n') + '\n';
  const patch = createTwoFilesPatch('expected', 'actual', expected.replace(/\r\n?/g, '\n').replace(/\n*$/, '\n'), actual, '', shown.length < actualLines.length ? `last ${shown.length} lines` : '', { context: MAX_ACTUAL_LINES });
  // Drop the `===` banner line the patch starts with: the two file headers say enough.
  return patch.split('\n').filter((l) => !/^={10,}$/.test(l)).join('\n').trimEnd();
}
