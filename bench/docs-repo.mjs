// bench/docs-repo: ordinary Markdown costs nothing (product.md, "Performance"). A generated repository of 1,500
// ordinary pages (about 12 MB: READMEs, guides, ADRs) plus 6 certificates, against a repository holding the same 6
// certificates alone (same code files): a whole `signoff check` of each, and a one-file check of one certificate
// in each (`signoff check <file>`, the pre-commit case). Cold processes, alternating runs, medians, ratios (target
// <= 1.5x for both). The findings of the 6 certificates must be the same in both repositories.
// Usage: node bench/docs-repo.mjs [runs] [--baseline path/to/other/cli.js]   (default 5 runs; --baseline: another
// build, e.g. of the main branch, measured in the same session on the same cases)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { certificate, codeFile, ordinaryPage } from './gen.mjs';
import { CLI, fmtMs, machine, median, requireBuild, result, timeProcess } from './lib.mjs';

const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
const baseline = baselineAt >= 0 ? args.splice(baselineAt, 2)[1] : undefined;
requireBuild();
const runs = Number(args[0] ?? 5);
const PAGES = 1500;
const CERTS = 6;

const base = join(tmpdir(), 'signoff-bench-docs-repo');
const mixed = join(base, 'mixed');
const alone = join(base, 'certificates-only');
rmSync(base, { recursive: true, force: true });
const write = (root, rel, text) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};
const code = Array.from({ length: 30 }, (_, k) => `src/pkg${k % 3}/module_${k}.py`);
const certPath = (i) => `docs/reviews/component_${i}_certificate.md`;
let bytes = 0;
for (const root of [mixed, alone]) {
  for (const [k, f] of code.entries()) write(root, f, codeFile(k, 40));
  for (let i = 0; i < CERTS; i++) write(root, certPath(i), certificate(i, { size: 8000, refs: 10, codeFiles: code }));
}
const sections = ['docs/guide', 'docs/adr', 'docs/api', 'services/a', 'services/b', 'handbook', 'notes'];
for (let i = 0; i < PAGES; i++) {
  const page = ordinaryPage(i, 8000);
  bytes += page.length;
  write(mixed, `${sections[i % sections.length]}/${i % 5 === 0 ? `topic-${i}/README` : `page-${i}`}.md`, page);
}

const node = process.execPath;
const target = certPath(3);
const CASES = ['whole, 1,500 pages + 6 certificates', 'whole, 6 certificates alone', 'one file, 1,500 pages + 6 certificates', 'one file, 6 certificates alone'];
const caseArgs = [[mixed, []], [alone, []], [mixed, [target]], [alone, [target]]];
const builds = { 'this build': CLI, ...(baseline ? { baseline } : {}) };
console.log(`bench/docs-repo: ${machine()}; ${PAGES} ordinary pages (${(bytes / 1e6).toFixed(1)} MB) + ${CERTS} certificates; ${runs} alternating cold runs of each case and build (${Object.entries(builds).map(([k, v]) => `${k}: ${v}`).join(', ')})`);
const times = {};
const outputs = {};
for (let i = 0; i < runs; i++) {
  for (const [build, cli] of Object.entries(builds)) {
    CASES.forEach((name, c) => {
      const [root, extra] = caseArgs[c];
      const r = timeProcess(node, [cli, 'check', '--root', root, '--format', 'json', ...extra], { cwd: root });
      if (r.code !== 0 && r.code !== 1) throw new Error(`${build}, ${name}: signoff failed (${r.code}): ${r.stderr.slice(-800)}`);
      (times[`${build}|${name}`] ??= []).push(r.ms);
      outputs[`${build}|${name}`] ??= r.stdout;
    });
  }
}
// One engine, one answer: the certificates' findings do not depend on the ordinary pages around them, nor on the build.
for (const [build] of Object.entries(builds)) {
  if (outputs[`${build}|${CASES[0]}`] !== outputs[`${build}|${CASES[1]}`]) throw new Error(`${build}: the whole checks disagree on the certificates`);
  if (outputs[`${build}|${CASES[2]}`] !== outputs[`${build}|${CASES[3]}`]) throw new Error(`${build}: the one-file checks disagree`);
}
console.log(`  ${JSON.parse(outputs[`this build|${CASES[0]}`]).files.length} documents found in both repositories with the same findings (one-file: ${JSON.parse(outputs[`this build|${CASES[2]}`]).files.length})${baseline ? `; baseline output ${outputs[`baseline|${CASES[0]}`] === outputs[`this build|${CASES[0]}`] ? 'identical' : 'DIFFERENT'}` : ''}`);
for (const [build] of Object.entries(builds)) {
  const med = Object.fromEntries(CASES.map((k) => [k, median(times[`${build}|${k}`])]));
  for (const k of CASES) console.log(`  ${build.padEnd(10)} ${k.padEnd(40)} median ${fmtMs(med[k]).padStart(9)}  (runs: ${times[`${build}|${k}`].map((x) => fmtMs(x)).join(', ')})`);
  const whole = med[CASES[0]] / med[CASES[1]];
  const one = med[CASES[2]] / med[CASES[3]];
  console.log(`  ${build}: whole, with the pages / alone = ${whole.toFixed(2)}; one file, with the pages / alone = ${one.toFixed(2)}`);
  if (build !== 'this build') continue;
  result('docs-repo-whole', whole <= 1.5, `1,500 ordinary pages + 6 certificates ${fmtMs(med[CASES[0]])} vs the 6 alone ${fmtMs(med[CASES[1]])}: ratio ${whole.toFixed(2)} (target <= 1.5)`);
  result('docs-repo-one-file', one <= 1.5, `one-file check among 1,500 pages ${fmtMs(med[CASES[2]])} vs among the 6 alone ${fmtMs(med[CASES[3]])}: ratio ${one.toFixed(2)} (target <= 1.5)`);
}
