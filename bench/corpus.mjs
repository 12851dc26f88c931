// bench/corpus: `signoff check` on the 169 real certificates of ../shared/corpus/lighthouse against
// markdownlint-cli2 (default rules) and a bare single-threaded read + remark-parse + remark-gfm parse of the same
// files. Cold processes, alternating runs, medians, ratios. Then --cache: a cold first run vs a second run over
// unchanged files. Usage: node bench/corpus.mjs [runs] [--baseline path/to/other/cli.js]   (default 5 runs of
// each; --baseline adds another build, e.g. of the main branch, as one more contender in the same session)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, ROOT, SHARED, WORK, fmtMs, machine, median, requireBuild, result, timeProcess } from './lib.mjs';

const CORPUS = join(SHARED, 'corpus', 'lighthouse');
if (!existsSync(CORPUS)) {
  console.log(`bench/corpus: skipped, ${CORPUS} is absent (a fresh clone has no ../shared).`);
  process.exit(0);
}
requireBuild();
const argv = process.argv.slice(2);
const baselineAt = argv.indexOf('--baseline');
const baseline = baselineAt >= 0 ? argv.splice(baselineAt, 2)[1] : undefined;
const runs = Number(argv[0] ?? 5);
const MDL = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

// A private copy, so --cache files and anything else we write never land in the shared corpus. Outside this
// repository: bench/.work is git-ignored, and signoff lists files with git (ignored files are not checked).
const copy = join(tmpdir(), 'signoff-bench-corpus');
rmSync(copy, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
cpSync(CORPUS, copy, { recursive: true });

const node = process.execPath;
const contenders = {
  signoff: () => timeProcess(node, [CLI, 'check', '--root', copy, '--format', 'json']),
  'signoff, baseline': baseline ? () => timeProcess(node, [baseline, 'check', '--root', copy, '--format', 'json']) : undefined,
  'signoff, 1 thread': () => timeProcess(node, [CLI, 'check', '--root', copy, '--format', 'json'], { env: { SIGNOFF_WORKERS: '0' } }),
  'markdownlint-cli2': existsSync(MDL) ? () => timeProcess(node, [MDL, '**/*.md'], { cwd: copy }) : undefined,
  'bare parse': () => timeProcess(node, [join(ROOT, 'bench', 'bare-parse.mjs'), copy]),
};
const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
const rss = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
console.log(`bench/corpus: ${machine()}; ${runs} alternating cold runs of each`);
for (let i = 0; i < runs; i++) {
  for (const [name, run] of Object.entries(contenders)) {
    if (!run) continue;
    const r = run();
    if (name === 'signoff' && r.code !== 0 && r.code !== 1) throw new Error(`signoff failed (${r.code}): ${r.stderr}`);
    if (name === 'signoff' && i === 0) {
      const out = JSON.parse(r.stdout);
      console.log(`  signoff checked ${out.files.length} documents, ${out.summary.errors} errors, ${out.summary.warnings} warnings`);
    }
    times[name].push(r.ms);
    if (r.rssKb) rss[name].push(r.rssKb);
  }
}
const med = Object.fromEntries(Object.entries(times).filter(([, v]) => v.length).map(([k, v]) => [k, median(v)]));
for (const [k, v] of Object.entries(med)) console.log(`  ${k.padEnd(18)} median ${fmtMs(v).padStart(9)}  (runs: ${times[k].map((x) => fmtMs(x)).join(', ')})${rss[k].length ? `  peak RSS ${Math.round(median(rss[k]) / 1024)} MB` : ''}`);
if (med['markdownlint-cli2']) {
  const r = med.signoff / med['markdownlint-cli2'];
  console.log(`  signoff / markdownlint-cli2 = ${r.toFixed(2)}`);
  result('corpus-vs-markdownlint', r < 1, `signoff ${fmtMs(med.signoff)} vs markdownlint-cli2 ${fmtMs(med['markdownlint-cli2'])}: ratio ${r.toFixed(2)} (target < 1)`);
} else console.log('  markdownlint-cli2 is not installed (npm install -D markdownlint-cli2)');
if (med['signoff, baseline']) console.log(`  baseline ${baseline}: / markdownlint-cli2 = ${(med['signoff, baseline'] / (med['markdownlint-cli2'] ?? NaN)).toFixed(2)}, / bare parse = ${(med['signoff, baseline'] / med['bare parse']).toFixed(2)}; this build / baseline = ${(med.signoff / med['signoff, baseline']).toFixed(2)}`);
const rb = med.signoff / med['bare parse'];
console.log(`  signoff / bare parse = ${rb.toFixed(2)}`);
result('corpus-vs-bare-parse', rb <= 1.5, `signoff ${fmtMs(med.signoff)} vs bare parse ${fmtMs(med['bare parse'])}: ratio ${rb.toFixed(2)} (target <= 1.5)`);

// --cache: first run with an empty cache, then a run over the unchanged files; alternate fresh/warm pairs.
const cacheDir = join(WORK, 'corpus-cache');
const first = [];
const second = [];
for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
  rmSync(cacheDir, { recursive: true, force: true });
  const args = [CLI, 'check', '--root', copy, '--format', 'json', '--cache', '--cache-location', cacheDir];
  const a = timeProcess(node, args);
  const b = timeProcess(node, args);
  if (a.stdout !== b.stdout) throw new Error('--cache changed the output of the second run');
  first.push(a.ms);
  second.push(b.ms);
}
const rc = median(second) / median(first);
console.log(`  --cache: first run median ${fmtMs(median(first))}, second run median ${fmtMs(median(second))}: ${(rc * 100).toFixed(1)}% (outputs identical)`);
result('corpus-cache', rc < 0.1, `second --cache run ${fmtMs(median(second))} is ${(rc * 100).toFixed(1)}% of the first ${fmtMs(median(first))} (target < 10%)`);

// What two cores give here: the same bare parse alone, then two of it at once. Worker threads can gain no more than
// this (a VM's two vCPUs may share one physical core, and V8's GC and compiler threads need CPU too).
const bareArgs = [join(ROOT, 'bench', 'bare-parse.mjs'), copy];
const timed = () => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const c = spawn(node, bareArgs, { stdio: 'ignore' });
  c.on('error', reject);
  c.on('exit', () => resolve(performance.now() - t0));
});
const alone = [];
const together = [];
for (let i = 0; i < 3; i++) {
  alone.push(await timed());
  const t0 = performance.now();
  await Promise.all([timed(), timed()]);
  together.push(performance.now() - t0);
}
const gain = (2 * median(alone)) / median(together);
console.log(`  two cores: one bare parse alone ${fmtMs(median(alone))}, two at once ${fmtMs(median(together))}: ${gain.toFixed(2)}x the throughput of one (2.00 would be two full cores)`);
console.log(`  signoff with worker threads / one thread = ${(med.signoff / med['signoff, 1 thread']).toFixed(2)}`);
