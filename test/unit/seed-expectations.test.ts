/**
 * The 12 expectation lines of the real seed checklist (../shared/seeds/production-deployment-checklist.md), each
 * with the class we give it and why. A correct run of that checklist must not end NO-GO because of how people wrote
 * these lines: one is checkable text, four are numbers with their words or units, seven are for a person.
 * Skipped with a message when the seeds are absent (a fresh clone has no ../shared).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, Engine } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { classifyExpectation, type ExpectationClass } from '../../src/runner/index';
import { SHARED } from '../helpers/engine';

const SEEDS = join(SHARED, 'seeds');
const NAME = 'production-deployment-checklist.md';
const skip = existsSync(join(SEEDS, NAME)) ? false : `no seed checklist at ${SEEDS} (../shared is not part of a clone)`;

/** Line, class and the reason, in document order. */
const EXPECTED: [number, ExpectationClass, string][] = [
  [75, 'numeric', 'about 7 errors: mypy prints "Found 7 errors in 2 files"; the remark in parentheses is a comment'],
  [82, 'prose', 'a `# Should` line (wrapped onto the next comment line): a person compares the command list'],
  [101, 'prose', '"Both False" names two printed values ("Caching enabled: False", "Frame cache config: False"); the output never says "Both False"'],
  [118, 'literal', 'the program prints exactly "(50, 50, 3)" (the shape of the resized frame)'],
  [135, 'prose', 'a `# Should` line describing the subcommands'],
  [141, 'prose', 'a `# Should` line: "without errors" is a judgement'],
  [150, 'prose', 'a `# Should` line: "without import errors" is a judgement'],
  [181, 'numeric', 'three percentages in order; the program prints 70.0%, 80.0%, 95.0% (a literal would fail a correct run)'],
  [201, 'numeric', 'below 10 ms: the program prints "0.52ms"; the remark is a comment'],
  [209, 'prose', 'a `# Should` line about a section of the report'],
  [236, 'numeric', 'at least 104 passing and 0 failures: pytest prints "110 passed" and no failure count when none failed'],
  [342, 'prose', 'a `# Should` line: "minimal" has no number'],
];

test('the seed checklist\'s 12 expectation lines: each classified, with why', { skip }, () => {
  const { text } = decodeText(readFileSync(join(SEEDS, NAME)));
  const doc = new Engine(new NodeHost({ root: SEEDS, exclude: [] })).parse(NAME, text);
  const lines = doc.checklist!.tasks.flatMap((t) => t.snippets.flatMap((s) => s.expected));
  assert.deepEqual(lines.map((e) => e.line), EXPECTED.map(([l]) => l), 'the 12 lines, in order');
  const got = lines.map((e) => classifyExpectation(e.text));
  for (let i = 0; i < EXPECTED.length; i++) {
    const [line, cls, why] = EXPECTED[i];
    assert.equal(got[i].class, cls, `line ${line} "${lines[i].text}" is ${cls}: ${why} (classifier said: ${got[i].why})`);
  }
  const counts = got.reduce<Record<string, number>>((n, c) => ({ ...n, [c.class]: (n[c.class] ?? 0) + 1 }), {});
  assert.deepEqual(counts, { numeric: 4, prose: 7, literal: 1 });
  // The wrapped Should line is read whole, and every Should line keeps its word.
  assert.equal(lines[1].text, 'Should display all commands: cache, deps, metrics, organize-directories, run, select-pipelines, tag, validate, view-failures');
  assert.ok(lines.filter((_, i) => EXPECTED[i][2].includes('`# Should`')).every((e) => e.text.startsWith('Should ')));
  // The numeric ones carry what they check.
  assert.deepEqual(got[0].clauses?.map((c) => [c.op, c.value, c.words]), [['~', 7, ['errors']]]);
  assert.deepEqual(got[8].clauses?.map((c) => [c.op, c.value, c.unit]), [['<', 10, 'ms']]);
  assert.deepEqual(got[10].clauses?.map((c) => [c.op, c.value]), [['>=', 104], ['=', 0]]);
  assert.deepEqual(got[7].clauses?.map((c) => [c.value, c.unit]), [[70, '%'], [80, '%'], [95, '%']]);
});
