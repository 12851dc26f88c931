// bench/docs-repo: ordinary Markdown costs nothing (product.md, "Performance"). A generated repository of 1,500
// ordinary pages (about 12 MB: READMEs, guides, ADRs) plus 6 certificates, against a repository holding the same 6
// certificates alone (same code files): a whole `signoff check` of each, and a one-file check of one certificate
// in each (`signoff check <file>`, the pre-commit case). Cold processes, alternating runs, medians, ratios (target
// <= 1.5x for both). The findings of the 6 certificates must be the same in both repositories.
// Usage: node bench/docs-repo.mjs [runs] [--cli path/to/cli.js]   (default 5 runs; --cli: another build, e.g.
// of the main branch, to measure the same cases before a change)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { certificate, codeFile, ordinaryPage } from './gen.mjs';
import { CLI, fmtMs, machine, median, requireBuild, result, timeProcess } from './lib.mjs';

const args = process.argv.slice(2);
const cliAt = args.indexOf('--cli');
const cli = cliAt >= 0 ? args.splice(cliAt, 2)[1] : CLI;
if (cli === CLI) requireBuild();
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
const contenders = {
  'whole, 1,500 pages + 6 certificates': () => timeProcess(node, [cli, 'check', '--root', mixed, '--format', 'json'], { cwd: mixed }),
  'whole, 6 certificates alone': () => timeProcess(node, [cli, 'check', '--root', alone, '--format', 'json'], { cwd: alone }),
  'one file, 1,500 pages + 6 certificates': () => timeProcess(node, [cli, 'check', '--root', mixed, '--format', 'json', target], { cwd: mixed }),
  'one file, 6 certificates alone': () => timeProcess(node, [cli, 'check', '--root', alone, '--format', 'json', target], { cwd: alone }),
};
console.log(`bench/docs-repo: ${machine()}; ${PAGES} ordinary pages (${(bytes / 1e6).toFixed(1)} MB) + ${CERTS} certificates; ${runs} alternating cold runs of each; ${cli}`);
const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
const outputs = {};
for (let i = 0; i < runs; i++) {
  for (const [name, run] of Object.entries(contenders)) {
    const r = run();
    if (r.code !== 0 && r.code !== 1) throw new Error(`${name}: signoff failed (${r.code}): ${r.stderr.slice(-800)}`);
    times[name].push(r.ms);
    outputs[name] ??= JSON.parse(r.stdout);
  }
}
// One engine, one answer: the certificates' findings do not depend on the ordinary pages around them.
const findingsOf = (out) => JSON.stringify(out.files.map((f) => [f.path, f.findings.map((x) => [x.ruleId, x.start?.line ?? x.line, x.message])]));
const names = Object.keys(contenders);
if (findingsOf(outputs[names[0]]) !== findingsOf(outputs[names[1]])) throw new Error('the whole checks disagree on the certificates');
if (findingsOf(outputs[names[2]]) !== findingsOf(outputs[names[3]])) throw new Error('the one-file checks disagree');
console.log(`  checked ${outputs[names[0]].files.length} documents in both repositories, same findings; one-file: ${outputs[names[2]].files.length} document, same findings`);
const med = Object.fromEntries(names.map((k) => [k, median(times[k])]));
for (const k of names) console.log(`  ${k.padEnd(40)} median ${fmtMs(med[k]).padStart(9)}  (runs: ${times[k].map((x) => fmtMs(x)).join(', ')})`);
const whole = med[names[0]] / med[names[1]];
const one = med[names[2]] / med[names[3]];
console.log(`  whole: with the pages / alone = ${whole.toFixed(2)}; one file: with the pages / alone = ${one.toFixed(2)}`);
result('docs-repo-whole', whole <= 1.5, `1,500 ordinary pages + 6 certificates ${fmtMs(med[names[0]])} vs the 6 alone ${fmtMs(med[names[1]])}: ratio ${whole.toFixed(2)} (target <= 1.5)`);
result('docs-repo-one-file', one <= 1.5, `one-file check among 1,500 pages ${fmtMs(med[names[2]])} vs among the 6 alone ${fmtMs(med[names[3]])}: ratio ${one.toFixed(2)} (target <= 1.5)`);
