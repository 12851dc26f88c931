// Sealing on the real corpus (../shared/corpus/lighthouse, 169 certificates), copied into bench/.work/seal as a git
// work tree: cold `check`, `seal`, `verify` (one process each, medians of --runs), and the size of the seals. Sealing
// parses a certificate up to four times and applies the safe fixes first; verify parses once and runs the four
// seal rules, so its target is to cost no more than `check`.
//   node bench/seal.mjs [--runs 3]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, CORPUS, WORK, corpusWorkTree, fmtMs, median, requireBuild, requireCorpus, result, timeProcess } from './lib.mjs';

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 3;
const DIR = join(WORK, 'seal');

requireBuild();
requireCorpus();

const fresh = () => corpusWorkTree(DIR);

const markdown = (dir) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.md')).map((f) => join(dir, String(f)));
const cli = (...args) => timeProcess(process.execPath, [CLI, ...args], { cwd: DIR });

const check = [];
const seal = [];
const verify = [];
let sizes = [];
for (let r = 0; r < RUNS; r++) {
  fresh();
  check.push(cli('check', 'docs', '--format', 'json').ms);
  const s = cli('seal', 'docs');
  if (s.code !== 0) throw new Error(`seal failed: ${s.stderr}`);
  seal.push(s.ms);
  const v = cli('verify', 'docs');
  if (v.code !== 0) throw new Error(`verify found broken seals right after sealing:\n${v.stdout.slice(-2000)}`);
  verify.push(v.ms);
  sizes = markdown(DIR).map((f) => /<!-- signoff-seal v1[\s\S]*?-->/.exec(readFileSync(f, 'utf8'))?.[0].length ?? 0).filter(Boolean).sort((a, b) => a - b);
}
const files = markdown(DIR).length;
const bytes = markdown(CORPUS).reduce((n, f) => n + statSync(f).size, 0);
const [c, s, v] = [median(check), median(seal), median(verify)];
console.log(`${files} certificates, ${(bytes / 1e6).toFixed(2)} MB, ${RUNS} runs (medians)`);
console.log(`check   ${fmtMs(c)}`);
console.log(`seal    ${fmtMs(s)}  (${(s / c).toFixed(2)}x check)`);
console.log(`verify  ${fmtMs(v)}  (${(v / c).toFixed(2)}x check)`);
console.log(`seal size: median ${sizes[Math.floor(sizes.length / 2)]} characters, max ${sizes[sizes.length - 1]} (${sizes.length} seals)`);
result('seal-verify', v <= c, `verify ${(v / c).toFixed(2)}x check (target <= 1x); seal ${(s / c).toFixed(2)}x check; seals median ${sizes[Math.floor(sizes.length / 2)]} chars`);
