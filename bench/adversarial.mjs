// The superlinear documents of issue 11 (test/helpers/fuzz-adversarial.ts): for each, `signoff check` on it (cold
// CLI process) against bench/bare-parse.mjs on a normal document of the same size (in 16 KB pieces: one remark call
// on 2 MB is itself superlinear, 48 s here), with wall time and peak RSS
// (GNU time). Also the bare parse of the adversarial document itself, to show which cost is micromark's.
// Target (issue 11): each case at most 10x the bare parse of the normal document, peak RSS under 600 MB.
// The bare parse of the adversarial document itself gets at most --self-timeout seconds (default 30).
//   node bench/adversarial.mjs [--timeout S] [--self-timeout S] [--scale F] [--cli dist/cli.js] [--only name,name]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { tsImport } from 'tsx/esm/api';
import { CLI, ROOT, WORK, fmtMs, machine, requireBuild, result } from './lib.mjs';

const argOf = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const TIMEOUT_S = Number(argOf('timeout', 120));
const SELF_TIMEOUT_S = Number(argOf('self-timeout', 30));
const SCALE = Number(argOf('scale', 1));
const cli = argOf('cli', CLI);
const only = argOf('only', '')?.split(',').filter(Boolean);
if (cli === CLI) requireBuild();

const { ADVERSARIAL, ADVERSARIAL_WORKSPACE, normalDocument } = await tsImport('../test/helpers/fuzz-adversarial.ts', import.meta.url);
const DIR = join(WORK, 'adversarial');

/** Runs a process in its own group under GNU time; kills the group after the timeout. */
function timed(cmd, args, timeoutS = TIMEOUT_S) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { cwd: DIR, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let err = '';
    child.stderr.on('data', (d) => { err = (err + d).slice(-4000); });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, timeoutS * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = /(\d+)\s*$/.exec(err.trim());
      resolve({ ms, rssMb: m && !timedOut ? Number(m[1]) / 1024 : undefined, code, timedOut, timeoutS, err });
    });
  });
}

rmSync(DIR, { recursive: true, force: true });
for (const [rel, text] of Object.entries(ADVERSARIAL_WORKSPACE)) {
  mkdirSync(dirname(join(DIR, rel)), { recursive: true });
  writeFileSync(join(DIR, rel), text);
}
console.log(`adversarial documents (issue 11), scale ${SCALE}, timeout ${TIMEOUT_S} s, ${machine()}`);
console.log('| case | size | signoff check | peak RSS | bare parse, normal doc | ratio | bare parse, this doc |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const fmtRss = (r) => (r.rssMb === undefined ? '-' : `${Math.round(r.rssMb)} MB`);
const fmtRun = (r) => (r.timedOut ? `> ${r.timeoutS} s (killed)` : fmtMs(r.ms));
for (const [name, c] of Object.entries(ADVERSARIAL)) {
  if (only?.length && !only.includes(name)) continue;
  const text = c.text(SCALE);
  const file = join(DIR, c.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const normal = join(DIR, 'normal', `${name}.md`);
  mkdirSync(dirname(normal), { recursive: true });
  writeFileSync(normal, normalDocument(text.length));
  const check = await timed(process.execPath, [cli, 'check', '--root', DIR, '--format', 'json', file]);
  const bare = await timed(process.execPath, [join(ROOT, 'bench', 'bare-parse.mjs'), '--pieces', normal]);
  const bareSelf = await timed(process.execPath, [join(ROOT, 'bench', 'bare-parse.mjs'), file], Math.min(TIMEOUT_S, SELF_TIMEOUT_S));
  const ratio = check.ms / bare.ms;
  const crashed = !check.timedOut && check.code !== 0 && check.code !== 1;
  console.log(`| ${c.label} | ${(text.length / 1e6).toFixed(2)} MB | ${fmtRun(check)}${crashed ? ` (exit ${check.code})` : ''} | ${fmtRss(check)} | ${fmtRun(bare)} | ${check.timedOut ? '-' : ratio.toFixed(ratio < 0.1 ? 3 : 1) + 'x'} | ${fmtRun(bareSelf)} ${fmtRss(bareSelf)} |`);
  if (crashed) console.log(`    ${check.err.trim().split('\n').slice(-3).join('\n    ')}`);
  result(`adversarial ${name}`, !check.timedOut && !crashed && ratio <= 10 && (check.rssMb ?? 0) < 600, `${fmtRun(check)}, ${fmtRss(check)}, ${check.timedOut ? '-' : ratio.toFixed(ratio < 0.1 ? 3 : 1) + 'x'} a bare parse of a normal ${(text.length / 1e6).toFixed(2)} MB document`);
}
rmSync(DIR, { recursive: true, force: true });
