/**
 * Fuzzing the whole engine (product.md, "Reliability and security"): thousands of mutated and generated documents
 * and the extreme inputs, each in a child process with a time cap per document and a timeout for the child, so a
 * hang fails the test (naming the case that hung) instead of hanging it. Every finding must lie within its text.
 * FUZZ_SEED=<n> explores other cases; the default seeds make runs repeatable.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EXTREMES } from '../helpers/fuzz-cases';

const CHILD = join(__dirname, '..', 'helpers', 'fuzz-child.ts');
const SEED = Number(process.env.FUZZ_SEED ?? 20251123);

function runChild(args: string[], timeoutMs: number): Promise<{ code: number | null; out: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--stack-size=2000', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FUZZ_DOC_MS: '15000' } });
    let out = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
    child.stderr.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out, timedOut }); });
  });
}

/** The last `case ...` line: what the child was doing when it died or hung. */
const lastCase = (out: string) => out.split('\n').filter((l) => l.startsWith('case ')).pop() ?? '(none started)';
const results = (out: string) => out.split('\n').filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)) as Record<string, unknown>);

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
