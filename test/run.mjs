// Runs the test suites named on the command line (unit, property, cli, lsp, ...) with node's test runner and tsx,
// one suite after the other, and ends with a summary per suite (files, tests, passed, failed, skipped, seconds).
// Node 20's --test takes no globs, so the files are listed here. Options (`--test-name-pattern=...`) are passed on.
//   unit      pure modules, in this process's thread (no built bundle, no server)
//   property  property-based and fuzz tests (fast-check), each with a time budget
//   cli       the built CLI as a process (dist/cli.js), real git repositories in temp folders
//   lsp       the built language server over stdio, other editors' clients
//   mcp       the built MCP server (signoff mcp) driven by the SDK's own client over stdio
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const DEFAULT_SUITES = ['unit', 'property', 'cli', 'lsp', 'mcp'];
/** Loaded into every test file of a suite: the property suite's time budget per property. */
const PRELOAD = { property: [`--require=${join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'helpers', 'property-budget.cjs')}`] };
const suites = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const extra = process.argv.slice(2).filter((a) => a.startsWith('-'));

function filesOf(suite) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.ts')) files.push(p);
    }
  };
  try { walk(join('test', suite)); } catch { console.error(`no test suite ${suite}`); process.exit(2); }
  return files.sort();
}

/** The totals node's TAP reporter ends with (`# tests 12`, `# pass 11`, ...). */
function totals(tap) {
  const out = {};
  for (const m of tap.matchAll(/^# (tests|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

const planned = (suites.length ? suites : DEFAULT_SUITES).map((suite) => ({ suite, files: filesOf(suite) }));
if (!planned.some((p) => p.files.length)) { console.error('no test files found'); process.exit(2); }
const work = mkdtempSync(join(tmpdir(), 'signoff-test-run-'));
const rows = [];
let failed = false;
try {
  for (const { suite, files } of planned) {
    if (!files.length) continue;
    console.log(`\n== ${suite}: ${files.length} file${files.length === 1 ? '' : 's'}`);
    const tapFile = join(work, `${suite}.tap`);
    const started = Date.now();
    // The usual report on stdout, and a TAP copy to read the totals from.
    const r = spawnSync(process.execPath, [
      ...(PRELOAD[suite] ?? []), '--import', 'tsx', '--test', '--test-concurrency=2',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
      ...extra, ...files,
    ], { stdio: 'inherit' });
    let t = {};
    try { t = totals(readFileSync(tapFile, 'utf8')); } catch { /* the runner died before writing */ }
    const ok = r.status === 0;
    failed ||= !ok;
    rows.push([suite, files.length, t.tests ?? '?', t.pass ?? '?', t.fail ?? '?', (t.skipped ?? 0) + (t.todo ?? 0), t.cancelled ?? 0, ((Date.now() - started) / 1000).toFixed(1), ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const head = ['suite', 'files', 'tests', 'passed', 'failed', 'skipped', 'cancelled', 'seconds', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();
console.log(`\n${line(head)}\n${rows.map(line).join('\n')}`);
process.exit(failed ? 1 : 0);
