// bench/changed-since: what `check --changed-since` costs against a full check, on the 169 real certificates of
// ../shared/corpus/lighthouse committed to a temp git repository, with a branch that changes one certificate and
// one file the corpus cites by name. "Cost in proportion to the work": the PR check should cost a fraction of the
// full one. Cold processes, alternating runs, medians. Usage: node bench/changed-since.mjs [runs] (default 5)
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, SHARED, fmtMs, machine, median, requireBuild, result, timeProcess } from './lib.mjs';

const CORPUS = join(SHARED, 'corpus', 'lighthouse');
if (!existsSync(CORPUS)) {
  console.log(`bench/changed-since: skipped, ${CORPUS} is absent (a fresh clone has no ../shared).`);
  process.exit(0);
}
requireBuild();
const runs = Number(process.argv[2] ?? 5);
const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd, ...args) => {
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

const repo = join(tmpdir(), 'signoff-bench-changed-since');
rmSync(repo, { recursive: true, force: true });
cpSync(CORPUS, repo, { recursive: true });
const docs = [];
const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (n.endsWith('.md')) docs.push(p); } };
walk(repo);
// A cited file for the change to touch: the first `name.py` a certificate cites, created with 200 lines.
const cited = docs.map((p) => /`([\w/.-]+\.py)(?::\d+)?`/.exec(readFileSync(p, 'utf8'))?.[1]).find(Boolean) ?? 'src/app.py';
const code = join(repo, cited);
mkdirSync(dirname(code), { recursive: true });
writeFileSync(code, Array.from({ length: 200 }, (_, i) => `line_${i + 1} = ${i + 1}`).join('\n') + '\n');
git(repo, 'init', '-q', '-b', 'main');
git(repo, 'add', '-A');
git(repo, 'commit', '-q', '-m', 'corpus');
git(repo, 'checkout', '-q', '-b', 'feature');
writeFileSync(code, readFileSync(code, 'utf8').replace('line_10 = 10', 'line_10 = 100'));
writeFileSync(docs[0], readFileSync(docs[0], 'utf8') + '\nA note added on the branch.\n');
git(repo, 'commit', '-q', '-am', 'change one certificate and one cited file');

const node = process.execPath;
const contenders = {
  'full check': () => timeProcess(node, [CLI, 'check', '--root', repo, '--format', 'json']),
  '--changed-since main': () => timeProcess(node, [CLI, 'check', '--root', repo, '--format', 'json', '--changed-since', 'main']),
};
const times = { 'full check': [], '--changed-since main': [] };
let listed = 0;
console.log(`bench/changed-since: ${machine()}; ${docs.length} documents; ${runs} alternating cold runs of each`);
for (let i = 0; i < runs; i++) {
  for (const [name, run] of Object.entries(contenders)) {
    const r = run();
    if (r.code !== 0 && r.code !== 1) throw new Error(`${name}: exit ${r.code}: ${r.stderr}`);
    times[name].push(r.ms);
    if (name !== 'full check') listed = JSON.parse(r.stdout).files.length;
  }
}
const full = median(times['full check']);
const pr = median(times['--changed-since main']);
for (const [name, xs] of Object.entries(times)) console.log(`  ${name.padEnd(22)} median ${fmtMs(median(xs))}`);
console.log(`  --changed-since lists ${listed} of ${docs.length} documents`);
result('changed-since', pr < full, `--changed-since ${fmtMs(pr)} vs full ${fmtMs(full)} (${(pr / full).toFixed(2)}x), ${listed}/${docs.length} documents listed`);
