// Helpers shared by the bench scripts: cold process timing, medians, percentiles, formatting.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, totalmem } from 'node:os';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = join(ROOT, '..', 'shared');
export const WORK = join(ROOT, 'bench', '.work');
export const CLI = join(ROOT, 'dist', 'cli.js');

export function requireBuild() {
  if (!existsSync(CLI)) {
    console.error('dist/cli.js is missing: run `npm run build -- --production` (npm run bench does it).');
    process.exit(2);
  }
}

/** Runs a command as a fresh process; returns wall time (ms), peak RSS (KB, from GNU time when present) and output. */
export function timeProcess(cmd, args, opts = {}) {
  const useTime = existsSync('/usr/bin/time');
  const argv = useTime ? ['-f', '%e %M', cmd, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(useTime ? '/usr/bin/time' : cmd, argv, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKb;
  if (useTime) {
    const last = r.stderr.trim().split('\n').pop() ?? '';
    const m = /^([\d.]+) (\d+)$/.exec(last);
    if (m) rssKb = Number(m[2]);
  }
  if (r.error) throw r.error;
  return { ms, rssKb, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);

export function machine() {
  return `${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${process.platform}`;
}

/** Prints one result line for run-all.mjs to collect: `RESULT <name> <met|MISSED> <text>`. */
export function result(name, met, text) {
  console.log(`RESULT ${name} ${met ? 'met' : 'MISSED'} ${text}`);
}

export const CORPUS = join(SHARED, 'corpus', 'lighthouse');

/** Skips the bench (exit 0, saying why) when the real corpus is not here. */
export function requireCorpus() {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} is not here`);
    process.exit(0);
  }
}

/** A fresh copy of the corpus in `dir`, committed as a git work tree (drift and seals need one). */
export function corpusWorkTree(dir) {
  rmSync(dir, { recursive: true, force: true });
  cpSync(CORPUS, dir, { recursive: true });
  const git = (...a) => spawnSync('git', ['-c', 'user.email=b@b', '-c', 'user.name=b', ...a], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'corpus');
}
