/**
 * Fuzzing the whole engine (product.md, "Reliability and security"): thousands of mutated and generated documents
 * and the extreme inputs, each in a child process with a time cap per document and a timeout for the child, so a
 * hang fails the test (naming the case that hung) instead of hanging it. Every finding must lie within its text.
 * FUZZ_SEED=<n> explores other cases; the default seeds make runs repeatable.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXTREMES } from '../helpers/fuzz-cases';
import { lastCase, results, runFuzzChild } from '../helpers/fuzz-run';

const SEED = Number(process.env.FUZZ_SEED ?? 20251123);
const runChild = (args: string[], timeoutMs: number) => runFuzzChild(args, timeoutMs, { FUZZ_DOC_MS: '15000' });

describe('fuzz', { concurrency: 3 }, () => {
  test('extreme inputs: binary, invalid UTF-8, 50 MB, 100,000 nesting levels, a million references, CR-only', async () => {
    const r = await runChild(['extreme', 'all'], 90_000);
    assert.ok(!r.timedOut, `hung in ${lastCase(r.out)}`);
    assert.equal(r.code, 0, r.out.split('\n').filter((l) => !l.startsWith('case ') && !l.startsWith('RESULT ')).join('\n'));
    const byName = new Map(results(r.out).map((x) => [x.name, x]));
    assert.deepEqual([...byName.keys()], Object.keys(EXTREMES));
    // The limits answer with one clear finding instead of parsing.
    for (const n of ['50mb', 'million-references', 'nested-lists-100k-one-line', 'nested-quotes-100k-lines', 'one-huge-line']) {
      assert.deepEqual(byName.get(n)?.rules, ['resource-limit'], n);
      assert.equal(byName.get(n)?.count, 1, n);
    }
  });

  test('control characters in every field that reaches output: no line of any format starts with `::` unless Signoff wrote it, no ESC', async () => {
    const r = await runChild(['output', String(SEED), '200'], 120_000);
    assert.ok(!r.timedOut, `hung in ${lastCase(r.out)}`);
    assert.equal(r.code, 0, `${lastCase(r.out)}\n${r.out.split('\n').filter((l) => l.startsWith('FAILED') || l.startsWith('    at')).join('\n')}`);
    assert.equal(results<{ cases: number }>(r.out)[0]?.cases, 200);
  });

  for (const [i, seed] of [SEED, SEED + 1000].entries()) {
    test(`1,000+ mutated and generated documents (seed ${seed}, batch ${i + 1})`, async () => {
      const r = await runChild(['batch', String(seed), '1000'], 120_000);
      assert.ok(!r.timedOut, `hung in ${lastCase(r.out)}`);
      assert.equal(r.code, 0, `${lastCase(r.out)}\n${r.out.split('\n').filter((l) => l.startsWith('FAILED') || l.startsWith('    at')).join('\n')}`);
      const [summary] = results(r.out);
      assert.ok(Number(summary?.cases) >= 1000, JSON.stringify(summary));
    });
  }
});
