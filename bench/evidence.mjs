// Evidence resolution on a synthetic workspace: 50,000 code files and certificates holding 10,000 references in
// total (in bench/.work/evidence, a git work tree so the file list comes from `git ls-files`). Times the CLI cold
// with the evidence rules on and off (same documents, same parse) and prints the cost per reference.
//   node bench/evidence.mjs [--files 50000] [--refs 10000] [--runs 3]
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, WORK, median, requireBuild, timeProcess } from './lib.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const FILES = arg('files', 50000);
const REFS = arg('refs', 10000);
const RUNS = arg('runs', 3);
const PER_CERT = 100;
const DIR = join(WORK, 'evidence');
const stamp = `${FILES}/${REFS}/v1`;

requireBuild();

/** Deterministic pseudo-random numbers, so every run builds the same tree. */
let seed = 42;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };

function build() {
  rmSync(DIR, { recursive: true, force: true });
  const perDir = 100;
  const files = [];
  for (let i = 0; i < FILES; i++) {
    const dir = `src/pkg${Math.floor(i / perDir)}`;
    // Every 50th name repeats in another package, so some bare names are ambiguous.
    const name = i % 50 === 0 && i > 0 ? `common${i % 1000}.py` : `mod${i}.py`;
    const n = 20 + (i % 200);
    files.push({ path: `${dir}/${name}`, n });
    mkdirSync(join(DIR, dir), { recursive: true });
    writeFileSync(join(DIR, dir, name), Array.from({ length: n }, (_, k) => `x${k} = ${k}`).join('\n') + '\n');
  }
  const certs = Math.ceil(REFS / PER_CERT);
  mkdirSync(join(DIR, 'docs/certificates'), { recursive: true });
  let planted = { missing: 0, outOfRange: 0 };
  for (let c = 0; c < certs; c++) {
    const lines = [];
    for (let r = 0; r < PER_CERT && c * PER_CERT + r < REFS; r++) {
      const f = files[rand(files.length)];
      const a = 1 + rand(f.n);
      const b = Math.min(f.n, a + rand(10));
      const base = f.path.split('/').pop();
      switch (r % 8) {
        case 0: lines.push(`- \`${f.path}:${a}-${b}\``); break;
        case 1: lines.push(`- \`/home/dev/proj/${f.path}\` (lines ${a}-${b})`); break;
        case 2: lines.push(`- \`${base}:${a}\``); break;
        case 3: lines.push(`- Lines ${a}-${b} in ${f.path}`); break;
        case 4: lines.push(`- \`${f.path}\` (${f.n} lines)`); break;
        case 5: lines.push(`- \`${f.path}\`, lines ${a}-${b}`); break;
        case 6: lines.push(`- \`src/gone/missing${c}_${r}.py:${a}\``); planted.missing++; break;
        default: lines.push(`- \`${f.path}:${f.n + 5}\``); planted.outOfRange++; break;
      }
    }
    const id = `BENCH-${String(c).padStart(5, '0')}-20250101-000000`;
    writeFileSync(join(DIR, `docs/certificates/bench_${c}_20250101_000000.md`), `# BENCH REVIEW CERTIFICATE\n\n**Component**: bench\n**Agent**: bench\n**Date**: 2025-01-01 00:00:00 UTC\n**Certificate ID**: ${id}\n\n## REVIEW SCOPE\n\nSynthetic.\n\n## FINDINGS\n\n${lines.join('\n')}\n\n## DECISION/OUTCOME\n\n**Status**: APPROVED\n**Rationale**: bench\n\n## EVIDENCE\n\nAbove.\n\n## SIGNATURE\n\nAgent: bench\nTimestamp: 2025-01-01 00:00:00 UTC\nCertificate Hash: x\n`);
  }
  spawnSync('git', ['init', '-q'], { cwd: DIR });
  writeFileSync(join(DIR, '.stamp'), JSON.stringify({ stamp, planted }));
}

if (!existsSync(join(DIR, '.stamp')) || JSON.parse(readFileSync(join(DIR, '.stamp'), 'utf8')).stamp !== stamp) {
  const t0 = Date.now();
  build();
  console.log(`built ${FILES} files and ${REFS} references in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const { planted } = JSON.parse(readFileSync(join(DIR, '.stamp'), 'utf8'));

const EVIDENCE_RULES = ['evidence-file-missing', 'evidence-line-range', 'evidence-ambiguous', 'evidence-outside-workspace', 'evidence-foreign-path', 'evidence-line-count', 'evidence-pytest-node', 'evidence-quote-mismatch', 'evidence-drift', 'cert-reference-missing'];
const on = join(WORK, 'evidence-on.json');
const off = join(WORK, 'evidence-off.json');
writeFileSync(on, JSON.stringify({ evidence: { git: false } }));
writeFileSync(off, JSON.stringify({ evidence: { git: false }, rules: Object.fromEntries(EVIDENCE_RULES.map((r) => [r, 'off'])) }));

function run(config) {
  const r = timeProcess(process.execPath, [CLI, 'check', '--root', DIR, '--config', config, '--format', 'json']);
  if (r.code !== 0 && r.code !== 1) throw new Error(`cli exited ${r.code}: ${r.stderr.slice(0, 500)}`);
  return r;
}

const times = { on: [], off: [] };
let counts;
let rss = { on: 0, off: 0 };
for (let i = 0; i < RUNS; i++) {
  for (const which of ['off', 'on']) {
    const r = run(which === 'on' ? on : off);
    times[which].push(r.ms);
    rss[which] = Math.max(rss[which], r.rssKb ?? 0);
    if (which === 'on' && !counts) {
      counts = {};
      for (const f of JSON.parse(r.stdout).files) for (const x of f.findings) counts[x.ruleId] = (counts[x.ruleId] ?? 0) + 1;
    }
  }
}
const tOn = median(times.on);
const tOff = median(times.off);
console.log(`workspace: ${FILES} files, ${Math.ceil(REFS / PER_CERT)} certificates, ${REFS} references (planted: ${planted.missing} missing, ${planted.outOfRange} out of range)`);
console.log(`findings with evidence on: ${JSON.stringify(counts)}`);
console.log(`check, evidence rules off: ${(tOff / 1000).toFixed(2)} s (median of ${RUNS}), peak RSS ${Math.round(rss.off / 1024)} MB`);
console.log(`check, evidence rules on:  ${(tOn / 1000).toFixed(2)} s (median of ${RUNS}), peak RSS ${Math.round(rss.on / 1024)} MB`);
console.log(`evidence resolution: ${((tOn - tOff) / 1000).toFixed(2)} s for ${REFS} references = ${(((tOn - tOff) * 1000) / REFS).toFixed(0)} µs per reference`);
