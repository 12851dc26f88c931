// bench/workspace: a generated workspace of 10,000 certificates (~8 KB, ten evidence references each) and 50,000
// code files, outside this repository (signoff lists files with git, and bench/.work is git-ignored):
// 1. `signoff check` over it, cold: wall time and peak RSS (GNU time), plus the bare single-threaded remark parse
//    of a sample of the certificates, scaled up, as the floor;
// 2. the re-check of one certificate after an edit, on a warm in-process engine whose index holds every
//    certificate (what the language server holds), p50/p95 over 50 edits.
// Usage: node bench/workspace.mjs [certificates] [codeFiles] [--cli DIST/cli.js] [--baseline OTHER/cli.js]
//   --cli: the CLI to measure (default dist/cli.js); --baseline: another build (e.g. main's) measured in the same
//   run on the same workspace, so the two can be compared (time and peak RSS ratios).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { buildEngine } from './build-engine.mjs';
import { certificate, codeFile, rand } from './gen.mjs';
import { CLI, ROOT, fmtMs, machine, median, percentile, requireBuild, result, timeProcess } from './lib.mjs';

requireBuild();
const flag = (name) => (process.argv.includes(name) ? resolve(process.argv[process.argv.indexOf(name) + 1]) : undefined);
const cli = flag('--cli') ?? CLI;
const baseline = flag('--baseline');
/** --recheck-only: only part 2 (the one-file re-check), e.g. again on a quieter machine. */
const recheckOnly = process.argv.includes('--recheck-only');
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !['--cli', '--baseline'].includes(all[i - 1]));
const nCerts = Number(positional[0] ?? 10_000);
const nCode = Number(positional[1] ?? 50_000);
const root = join(tmpdir(), `signoff-bench-workspace-${nCerts}-${nCode}`);

// Generate once (kept between runs: the workspace is deterministic).
const certPath = (i) => `services/svc${i % 100}/docs/certificates/component_${i}_certificate.md`;
const codePath = (k) => `services/svc${k % 100}/src/pkg${k % 7}/module_${k}.py`;
const codeFiles = Array.from({ length: nCode }, (_, k) => codePath(k));
if (!existsSync(join(root, '.generated'))) {
  rmSync(root, { recursive: true, force: true });
  const t0 = performance.now();
  for (const [k, f] of codeFiles.entries()) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), codeFile(k, 20 + (k % 60)));
  }
  for (let i = 0; i < nCerts; i++) {
    const f = certPath(i);
    mkdirSync(dirname(join(root, f)), { recursive: true });
    // Ten references to code of the same service (some past the end of their file, some to missing files).
    const own = codeFiles.filter((_, k) => k % 100 === i % 100).slice(0, 40);
    writeFileSync(join(root, f), certificate(i, { size: 8000, refs: 10, codeFiles: i % 10 === 0 ? [...own.slice(0, 9), 'src/gone.py'] : own }));
  }
  writeFileSync(join(root, '.generated'), '');
  console.log(`  generated ${nCerts} certificates and ${nCode} code files in ${fmtMs(performance.now() - t0)} under ${root}`);
}

console.log(`bench/workspace: ${machine()}; ${nCerts} certificates, ${nCode} code files`);
const checkWith = (path, label) => {
  const r = timeProcess(process.execPath, [path, 'check', '--root', root, '--format', 'json']);
  if (r.code !== 0 && r.code !== 1) throw new Error(`signoff (${path}) failed (${r.code}): ${r.stderr.slice(-500)}`);
  const o = JSON.parse(r.stdout);
  console.log(`  signoff check${label}: ${fmtMs(r.ms)}, peak RSS ${r.rssKb ? Math.round(r.rssKb / 1024) + ' MB' : 'n/a'} (main process; workers are threads of it), ${o.files.length} documents, ${o.summary.errors} errors, ${o.summary.warnings} warnings`);
  return { run: r, out: o };
};
const checked = recheckOnly ? undefined : checkWith(cli, cli === CLI ? '' : ` (${cli})`);
const run = checked?.run;
const files = checked?.out.files ?? Array.from({ length: nCerts }, (_, i) => ({ path: certPath(i), kind: 'certificate' }));
if (checked && baseline) {
  const out = checked.out;
  const base = checkWith(baseline, ` baseline (${baseline})`);
  const same = JSON.stringify(base.out.files) === JSON.stringify(out.files);
  console.log(`  against the baseline: time ${(run.ms / base.run.ms).toFixed(2)}x, peak RSS ${base.run.rssKb && run.rssKb ? (run.rssKb / base.run.rssKb).toFixed(2) + 'x' : 'n/a'}; findings ${same ? 'identical' : 'DIFFER'}`);
}

// The floor: a bare single-threaded parse of a sample, scaled to all certificates.
if (run) {
const sample = Math.min(nCerts, 500);
const bare = timeProcess(process.execPath, [join(ROOT, 'bench', 'bare-parse.mjs'), ...Array.from({ length: sample }, (_, i) => join(root, certPath(Math.floor((i * nCerts) / sample))))]);
const bareAll = (bare.ms * nCerts) / sample;
console.log(`  bare remark parse of ${sample} of the certificates: ${fmtMs(bare.ms)} -> ${fmtMs(bareAll)} for all ${nCerts} on one core, ${fmtMs(bareAll / 2)} on two (ideal)`);
result('workspace-full-check', run.ms < 30_000, `${fmtMs(run.ms)} (target < 30 s; the parse alone is ${fmtMs(bareAll / 2)} on two ideal cores)`);
if (run.rssKb) result('workspace-rss', run.rssKb < 600 * 1024, `peak RSS ${Math.round(run.rssKb / 1024)} MB (target < 600 MB)`);
}

// Re-check after one change, on a warm engine (piece cache on, index holding every certificate's summary).
const lib = createRequire(import.meta.url)(await buildEngine());
const { config } = lib.parseConfig(undefined);
const host = new lib.NodeHost({ root, exclude: config.exclude });
const engine = new lib.Engine(host, config, undefined, true);
engine.workspace.files = await host.listFiles();
for (const f of files) engine.workspace.restore({ path: f.path, kind: f.kind, certificateId: { value: /component_(\d+)_/.exec(f.path) ? `CERT${/component_(\d+)_/.exec(f.path)[1]}-20250201-080000` : f.path, span: { start: 0, end: 0 }, start: { line: 4, column: 1 }, end: { line: 4, column: 1 }, line: 4 } });
const target = certPath(4242 % nCerts);
let text = readFileSync(join(root, target), 'utf8');
const recheck = async () => {
  const doc = engine.parse(target, text);
  engine.workspace.update(doc);
  return engine.check(doc);
};
for (let i = 0; i < 5; i++) await recheck();
const times = [];
for (let i = 0; i < 50; i++) {
  const at = 200 + Math.floor(rand() * (text.length - 400));
  text = text.slice(0, at) + 'x' + text.slice(at);
  const t0 = performance.now();
  await recheck();
  times.push(performance.now() - t0);
}
const p50 = percentile(times, 50);
const p95 = percentile(times, 95);
// The same document through a bare remark parse, in this run: what the machine's speed is right now.
const full = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  lib.bareProcessor.parse(text);
  full.push(performance.now() - t0);
}
console.log(`  re-check of one edited certificate (warm engine, ${engine.workspace.files.length} files indexed): p50 ${fmtMs(p50)}, p95 ${fmtMs(p95)}; a bare remark parse of it: median ${fmtMs(median(full))} (p95 / that: ${(p95 / median(full)).toFixed(2)})`);
result('workspace-recheck', p95 < 50, `p95 ${fmtMs(p95)}, p50 ${fmtMs(p50)} (target < 50 ms)`);
