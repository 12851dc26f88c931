/**
 * The superlinear documents of issue 11 (test/helpers/fuzz-adversarial.ts), through the whole engine in a child
 * process, at the sizes the issue measured (1.6-2 MB, under the 2 MB cap), and random mixes of their pieces. A
 * watchdog kills the child when it does not finish; that fails the test and names the case it was on. There is no
 * timed assertion: what is asserted is the answer, one resource-limit finding naming what was too much.
 * bench/adversarial.mjs measures the time and memory.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ADVERSARIAL } from '../helpers/fuzz-adversarial';
import { SHARED } from '../helpers/engine';
import { MAX_BLOCK_MARKERS, MAX_PIECE_WORK, workOverBudget } from '../../src/core/parse/limits';
import { splitAtTopHeadings } from '../../src/core/parse/split';
import { lastCase, results, runFuzzChild } from '../helpers/fuzz-run';

const SEED = Number(process.env.FUZZ_SEED ?? 20251201);
const runChild = async (args: string[], watchdogMs: number) => {
  const r = await runFuzzChild(args, watchdogMs);
  return { ...r, hung: r.timedOut, results: results<{ name: string; rules: string[]; count: number; limit?: string }>(r.out) };
};

describe('fuzz: superlinear documents (issue 11)', { concurrency: 2 }, () => {
  const refused = Object.keys(ADVERSARIAL).filter((n) => n !== 'lines-in-paragraphs');
  test(`each row of the issue's table at full size ends in one resource-limit finding: ${refused.join(', ')}`, async () => {
    const r = await runChild(['adversarial', refused.join(','), '1'], 240_000);
    assert.ok(!r.hung, `hung in ${lastCase(r.out)} (killed by the watchdog)`);
    assert.equal(r.code, 0, r.out.split('\n').filter((l) => !l.startsWith('RESULT ')).join('\n'));
    const got = r.results;
    assert.deepEqual(got.map((x) => x.name), refused);
    for (const x of got) {
      assert.deepEqual(x.rules, ['resource-limit'], x.name);
      assert.equal(x.count, 1, x.name);
      assert.match(x.limit ?? '', /too complex to parse in bounded time and memory: from line \d+, .*(more than 40,000 lines and inline markers|more than 5,000 inline markers) \(mostly (lines|`.`)\)/, x.name);
    }
    assert.match(got.find((x) => x.name === 'open-links')?.limit ?? '', /mostly `\(`|mostly `\[`|mostly `\]`/);
    assert.match(got.find((x) => x.name === 'status-lines')?.limit ?? '', /mostly `\*`/);
    assert.match(got.find((x) => x.name === 'wide-table')?.limit ?? '', /mostly `\|`/);
  });

  test('the same text as separate paragraphs is parsed and checked (in pieces), not refused', async () => {
    const r = await runChild(['adversarial', 'lines-in-paragraphs', '0.1'], 240_000);
    assert.ok(!r.hung, `hung in ${lastCase(r.out)} (killed by the watchdog)`);
    assert.equal(r.code, 0, r.out);
    const [x] = r.results;
    assert.doesNotMatch(x.limit ?? '', /too complex/, JSON.stringify(x));
    // Its 7,600 references were extracted and checked (src/a.py is not in the fuzz workspace).
    assert.ok(x.rules.includes('evidence-file-missing') && x.rules.includes('cert-section-missing'), JSON.stringify(x));
  });

  test(`random mixes of their pieces (seed ${SEED}) all end in findings`, async () => {
    const r = await runChild(['adversarial-mix', String(SEED), '12'], 400_000);
    assert.ok(!r.hung, `hung in ${lastCase(r.out)} (killed by the watchdog)`);
    assert.equal(r.code, 0, `${lastCase(r.out)}\n${r.out.split('\n').filter((l) => l.startsWith('FAILED') || l.startsWith('    at')).join('\n')}`);
    assert.equal(r.results.length, 12);
  });
});

test('real documents stay under a tenth of the parse budgets (corpus, seeds, fixtures, docs)', (t) => {
  const files: string[] = [];
  const walk = (d: string) => { if (!existsSync(d)) return; for (const n of readdirSync(d).sort()) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (n.endsWith('.md')) files.push(p); } };
  for (const d of [join(SHARED, 'corpus'), join(SHARED, 'seeds'), join(__dirname, '..', 'fixtures'), join(__dirname, '..', '..', 'docs')]) walk(d);
  if (!existsSync(join(SHARED, 'corpus'))) t.diagnostic('../shared/corpus is absent: only the seeds, fixtures and docs were measured');
  assert.ok(files.length > 20, `${files.length} documents`);
  for (const f of files) {
    const over = workOverBudget(splitAtTopHeadings(readFileSync(f, 'utf8')), MAX_PIECE_WORK / 10, MAX_BLOCK_MARKERS / 10);
    assert.equal(over, undefined, `${f}: ${JSON.stringify(over)}`);
  }
});
