// What checking expectations costs the runner (issue 12): one snippet printing 20 MB of lines, run through the real
// runner (src/runner, bundled with production settings) with no expectation, and with one of each class (literal,
// pattern, numeric, prose; none of them found, so every line is scanned to the end). The peer is the same snippet
// with its output piped to wc -c by bash itself: the floor of producing and reading that output. Runs alternate;
// medians of 5. Prints `RESULT run-expectations …` for run-all.mjs.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, WORK, fmtMs, machine, median, result } from './lib.mjs';

mkdirSync(WORK, { recursive: true });
const outfile = join(WORK, 'runner.cjs');
await esbuild.build({ entryPoints: [join(ROOT, 'src', 'runner', 'index.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' });
const { runPhases } = createRequire(import.meta.url)(outfile);

const MB = 20;
// 20 MB of 100-byte lines holding numbers and words, so the numeric and pattern checks have work on every line.
const code = `yes 'step 1234 of 99999: 17 files checked, 0 errors so far, elapsed 12.5ms, status=running......' | head -c ${MB * 1024 * 1024}`;
const cwd = mkdtempSync(join(tmpdir(), 'signoff-bench-run-'));
const expectations = ['"never printed"', '/^DONE \\d+ of \\d+$/', '~7 warnings, <5ms', 'Should finish without errors'];

async function viaRunner(expected) {
  const t0 = performance.now();
  const out = await runPhases([{ number: 1, name: 'B', tasks: [{ phase: 1, line: 1, text: 't', snippets: [{ lang: 'bash', code, expected }] }] }], { cwd });
  const ms = performance.now() - t0;
  const s = out.tasks[0].snippets[0];
  if (s.outputBytes !== MB * 1024 * 1024) throw new Error(`expected ${MB} MB of output, got ${s.outputBytes}`);
  return ms;
}
function peer() {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', `${code} | wc -c`], { encoding: 'utf8' });
  if (Number(r.stdout.trim()) !== MB * 1024 * 1024) throw new Error('peer output size');
  return performance.now() - t0;
}

const times = { peer: [], none: [], four: [] };
for (let i = 0; i < 5; i++) {
  times.peer.push(peer());
  times.none.push(await viaRunner([]));
  times.four.push(await viaRunner(expectations));
}
const [p, n, f] = [median(times.peer), median(times.none), median(times.four)];
console.log(`machine: ${machine()}`);
console.log(`${MB} MB of output, medians of 5: bash | wc -c ${fmtMs(p)}; runner, no expectation ${fmtMs(n)} (${(n / p).toFixed(2)}x); runner, 4 expectations ${fmtMs(f)} (${(f / p).toFixed(2)}x; ${(f / n).toFixed(2)}x of no expectation)`);
result('run-expectations', true, `4 expectations on ${MB} MB: ${(f / n).toFixed(2)}x the runner without, ${(f / p).toFixed(2)}x bash | wc -c`);
