// bench/wild-repo: cost in proportion to the documents on a repository shaped like a real AI-heavy monorepo (issue
// 18): 40,000 files of which 4,000 are Markdown: 400 plans and PRDs with "Phase N" headings and task items, 100
// release checklists, 50 certificates beside their agents' code (citing it by bare names), archived `_archive/`
// copies of half the agents (code, plans and pages), and ordinary pages for the rest. Three measurements, cold
// processes, alternating runs, medians:
//   - the full `signoff check` of the repository;
//   - the check of the recognised documents alone: the same repository without the Markdown the full check did not
//     report as a document (every other file kept, so the file index costs the same); the target is full <= 1.5x;
//   - a bare remark parse of all its Markdown (bench/bare-parse.mjs), the floor a checker that parses everything pays.
// --plans-marked writes `<!-- signoff: none -->` at the top of every plan: how the bench reads once plans are not
// documents (a build that does not know the directive measures as without it; the line says which plans were kept).
// --plans-without-phases titles the plans' parts "Stage N" instead of "Phase N": a stand-in for a kind detection that
// does not take plans for checklists, to measure what the check costs then on a build whose detection still does.
// Usage: node bench/wild-repo.mjs [runs] [--plans-marked] [--plans-without-phases]   (default 3 runs)
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { certificate, codeFile, ordinaryPage, pick, rand } from './gen.mjs';
import { CLI, ROOT, fmtMs, machine, median, requireBuild, result, timeProcess } from './lib.mjs';

const args = process.argv.slice(2);
const plansMarked = args.includes('--plans-marked');
const phaseWord = args.includes('--plans-without-phases') ? 'Stage' : 'Phase';
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
requireBuild();

const TOTAL = 40_000;
const MARKDOWN = 4_000;
const PLANS = 400;
const CHECKLISTS = 100;
const AGENTS = 50;
const ARCHIVED = AGENTS / 2;

const variant = `${plansMarked ? '-plans-marked' : ''}${phaseWord === 'Stage' ? '-plans-without-phases' : ''}`;
const base = join(tmpdir(), `signoff-bench-wild-repo${variant}`);
const full = join(base, 'full');
const docsOnly = join(base, 'documents-only');
rmSync(base, { recursive: true, force: true });
const files = new Map();
const put = (rel, text) => files.set(rel, text);

// Each agent: its code (calculators, integrations, monitoring, tests), and its certificate beside it citing bare
// names and agent-relative paths (`monitoring/metrics.py`, `test_calculators.py`) that other agents share.
const agentDir = (a) => `agents/GL-${String(a + 1).padStart(3, '0')}`;
const agentCode = ['tools.py', 'config.py', 'main.py', 'calculators/efficiency.py', 'calculators/emissions.py', 'integrations/scada_connector.py', 'integrations/erp_connector.py', 'monitoring/metrics.py', 'monitoring/health.py', 'tests/test_calculators.py', 'tests/test_tools.py', 'tests/conftest.py'];
for (let a = 0; a < AGENTS; a++) {
  for (const [k, f] of agentCode.entries()) put(`${agentDir(a)}/${f}`, codeFile(a * 100 + k, 60));
  put(`${agentDir(a)}/CERTIFICATE.md`, certificate(a, { size: 9000, refs: 12, codeFiles: agentCode, idPrefix: 'GL' }));
}
// Release checklists: phases with shell snippets under tasks, a rollback section, a Go/No-Go decision.
const checklist = (i) => {
  const phases = Array.from({ length: 4 }, (_, p) => `## Phase ${p + 1}: ${['Pre-flight', 'Deploy', 'Verify', 'Handover'][p]}\n\n${Array.from({ length: 5 }, (_, t) => `- [ ] Step ${p + 1}.${t + 1}: run the ${pick(['migration', 'smoke test', 'health probe', 'backup'])}\n  \`\`\`bash\n  ./scripts/step_${p}_${t}.sh --service svc-${i}\n  \`\`\``).join('\n')}\n`).join('\n');
  return `# Service ${i} Production Deployment Checklist\n\n**Owner**: release-team\n**Date**: 2025-03-0${1 + (i % 9)}\n\n${phases}\n## Rollback\n\n- [ ] Roll back with \`./scripts/rollback.sh svc-${i}\`\n\n## Go/No-Go Decision\n\n- [ ] **GO** / **NO-GO**: signed by the release manager\n`;
};
// Plans and PRDs: "Phase N" headings and task items, as real ones have (not checklists, not documents).
const plan = (i) => {
  const kind = pick(['Implementation Plan', 'Product Requirements (PRD)', 'Roadmap', 'Migration Plan', 'Sprint Plan']);
  let text = `${plansMarked ? '<!-- signoff: none -->\n' : ''}# Agent ${i} ${kind}\n\n## Overview\n\nThis ${kind.toLowerCase()} describes the work for agent ${i}.\n\n`;
  for (let p = 1; p <= 3 + (i % 4); p++) {
    text += `## ${phaseWord} ${p}: ${pick(['Foundations', 'Calculators', 'Integrations', 'Hardening', 'Launch'])}\n\n`;
    for (let t = 0; t < 8; t++) text += `- [${rand() < 0.5 ? 'x' : ' '}] Task ${p}.${t + 1}: implement ${pick(['the cache', 'the connector', 'the report', 'retries', 'metrics'])} for agent ${i}\n`;
    text += `\nThe phase ends when every task above is done and reviewed. ${'Details follow in the design notes. '.repeat(12)}\n\n`;
  }
  return text;
};
const where = (i) => pick(['docs/plans', 'docs/prd', 'planning', `${agentDir(i % AGENTS)}/docs`]);
for (let i = 0; i < CHECKLISTS; i++) put(`releases/svc-${i}/DEPLOYMENT_CHECKLIST.md`, checklist(i));
for (let i = 0; i < PLANS; i++) put(`${where(i)}/plan-${i}.md`, plan(i));
// Archived copies of half the agents: their code, their certificate's plans and some pages (ordinary Markdown).
for (let a = 0; a < ARCHIVED; a++) for (const [k, f] of agentCode.entries()) put(`_archive/${agentDir(a)}/${f}`, codeFile(a * 100 + k, 50));
let md = [...files.keys()].filter((f) => f.endsWith('.md')).length;
for (let i = 0; md < MARKDOWN; i++, md++) put(`${i % 3 === 0 ? '_archive/docs' : pick(['docs/guide', 'docs/reports', 'notes', `${agentDir(i % AGENTS)}/docs`])}/page-${i}.md`, ordinaryPage(i, 2500 + (i % 7) * 700));
// Code everywhere else, up to 40,000 files.
for (let k = 0; files.size < TOTAL; k++) put(`${pick(['greenlang', 'services', 'libs', 'applications', '_archive/old_tree'])}/pkg${k % 97}/mod_${k}.${pick(['py', 'py', 'ts', 'yaml', 'json'])}`, codeFile(k, 15));

const made = new Set();
for (const [rel, text] of files) {
  const abs = join(full, rel);
  const dir = dirname(abs);
  if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
  writeFileSync(abs, text);
}
const mdBytes = [...files].filter(([f]) => f.endsWith('.md')).reduce((n, [, t]) => n + t.length, 0);

const node = process.execPath;
const check = (root) => timeProcess(node, [CLI, 'check', '--root', root, '--format', 'json'], { cwd: root });
// The recognised documents: what the full check reports (a kind other than none).
const first = check(full);
if (first.code !== 0 && first.code !== 1) throw new Error(`signoff failed (${first.code}): ${first.stderr.slice(-800)}`);
const reported = JSON.parse(first.stdout).files.filter((f) => f.kind && f.kind !== 'none').map((f) => f.path);
const recognised = new Set(reported);
const count = (re) => reported.filter((p) => re.test(p)).length;
// The same repository with only those documents as Markdown (hard links: the same bytes, no copy).
const link = (rel) => {
  const abs = join(docsOnly, rel);
  mkdirSync(dirname(abs), { recursive: true });
  linkSync(join(full, rel), abs);
};
for (const rel of files.keys()) if (!rel.endsWith('.md') || recognised.has(rel)) link(rel);

console.log(`bench/wild-repo: ${machine()}; ${files.size} files, ${md} Markdown (${(mdBytes / 1e6).toFixed(1)} MB): ${PLANS} plans/PRDs${plansMarked ? ' marked <!-- signoff: none -->' : ''}${phaseWord === 'Stage' ? ' with "Stage N" parts' : ''}, ${CHECKLISTS} checklists, ${AGENTS} certificates beside their code, ${ARCHIVED} agents archived; ${runs} alternating cold runs`);
console.log(`  recognised by this build: ${reported.length} documents (${count(/CERTIFICATE\.md$/)} certificates, ${count(/DEPLOYMENT_CHECKLIST\.md$/)} checklists, ${count(/\/plan-\d+\.md$/)} plans, ${reported.length - count(/CERTIFICATE\.md$|DEPLOYMENT_CHECKLIST\.md$|\/plan-\d+\.md$/)} others)`);
const times = { full: [first.ms], alone: [], bare: [] };
const outputs = { full: first.stdout };
for (let i = 0; i < runs; i++) {
  if (i > 0) times.full.push(check(full).ms);
  const alone = check(docsOnly);
  times.alone.push(alone.ms);
  outputs.alone ??= alone.stdout;
  const bare = timeProcess(node, [join(ROOT, 'bench', 'bare-parse.mjs'), full], { cwd: ROOT });
  if (bare.code !== 0) throw new Error(`bare parse failed: ${bare.stderr.slice(-400)}`);
  times.bare.push(bare.ms);
}
// One engine, one answer: the documents' findings do not depend on the Markdown around them.
if (outputs.full !== outputs.alone) console.log('  NOTE: the documents-only check reports differently from the full check (see the JSON of each)');
const med = { full: median(times.full), alone: median(times.alone), bare: median(times.bare) };
for (const k of ['full', 'alone', 'bare']) console.log(`  ${{ full: 'full check', alone: 'recognised documents alone', bare: 'bare parse of all Markdown' }[k].padEnd(28)} median ${fmtMs(med[k]).padStart(9)}  (runs: ${times[k].map((x) => fmtMs(x)).join(', ')})`);
const ratio = med.full / med.alone;
console.log(`  full / documents alone = ${ratio.toFixed(2)}; full / bare parse of all Markdown = ${(med.full / med.bare).toFixed(2)}`);
result(`wild-repo${variant}`, ratio <= 1.5, `full check ${fmtMs(med.full)} vs the ${reported.length} recognised documents alone ${fmtMs(med.alone)}: ratio ${ratio.toFixed(2)} (target <= 1.5); bare parse of all Markdown ${fmtMs(med.bare)}`);
