// `npm run test:e2e`: the end-to-end suite in a real VS Code (code-server's build of it) driven in Chromium.
// 1. builds code-server once per machine (test/e2e/setup-code-server.sh, cached; fails loudly where it cannot),
// 2. finds the .vsix of `npm run package` (builds it when missing),
// 3. runs the scenario files with node's test runner, each bounded in time; temp folders and logs are removed
//    on success and kept (path printed) on failure.
// Options: `--keep` keeps the temp folder; `--only NAME` runs the scenario files whose name contains NAME.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const SUITE_TIMEOUT_MS = 9 * 60_000; // the suite takes about 2-3 minutes; a hung VS Code must not hang CI
const started = Date.now();

function fail(msg) {
  console.error(`test:e2e: ${msg}`);
  process.exit(1);
}

// 1. code-server, cached per machine
const setup = spawnSync('bash', [join(here, 'setup-code-server.sh')], { stdio: 'inherit', timeout: 20 * 60_000 });
if (setup.status !== 0) {
  fail('could not build code-server (see the output above). The end-to-end suite needs the code-server npm package ' +
    'built on this machine (Node 20, Debian packages libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep ' +
    'chromium); see test/e2e/setup-code-server.sh.');
}
const chromium = process.env.SIGNOFF_E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) fail(`no Chromium at ${chromium}: apt-get install chromium (or set SIGNOFF_E2E_CHROMIUM)`);

// 2. the packaged extension
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const vsix = process.env.SIGNOFF_E2E_VSIX ?? join(repo, `signoff-${version}.vsix`);
/** Newest modification time under the paths the package is built from (so a stale .vsix is rebuilt, not tested). */
function newestSource() {
  let newest = 0;
  const walk = (p) => {
    let st;
    try { st = statSync(p); } catch { return; }
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'syntaxes', 'media/icon.png', 'package.json', 'esbuild.mjs', '.vscodeignore']) walk(join(repo, p));
  return newest;
}
const stale = !process.env.SIGNOFF_E2E_VSIX && existsSync(vsix) && statSync(vsix).mtimeMs < newestSource();
if (!existsSync(vsix) || stale) {
  console.log(`test:e2e: ${vsix} is ${stale ? 'older than its sources' : 'missing'}; running npm run package`);
  const pkg = spawnSync('npm', ['run', 'package'], { cwd: repo, stdio: 'inherit', timeout: 10 * 60_000 });
  if (pkg.status !== 0 || !existsSync(vsix)) fail(`npm run package did not produce ${vsix}`);
}
// The CLI gives the expected rule ids: the editor must show what CI reports.
if (!existsSync(join(repo, 'dist', 'cli.js'))) fail('dist/cli.js is missing: run `npm run package` (or `npm run build`) first');
console.log(`test:e2e: extension ${vsix} (${statSync(vsix).size} bytes)`);

// 3. the scenarios
const files = readdirSync(here).filter((f) => f.endsWith('.e2e.ts') && (!only || f.includes(only))).sort().map((f) => join(here, f));
if (!files.length) fail('no scenario files (test/e2e/*.e2e.ts)');
const runDir = mkdtempSync(join(tmpdir(), 'signoff-e2e-'));
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  cwd: repo,
  stdio: 'inherit',
  detached: true, // its own process group, so a timeout takes code-server and Chromium with it
  env: { ...process.env, SIGNOFF_E2E_VSIX: vsix, SIGNOFF_E2E_RUN_DIR: runDir },
});
const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
const timer = setTimeout(() => {
  console.error(`test:e2e: the suite ran over ${SUITE_TIMEOUT_MS / 60_000} minutes; killing it`);
  killGroup('SIGTERM');
  setTimeout(() => killGroup('SIGKILL'), 5_000).unref();
}, SUITE_TIMEOUT_MS);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killGroup('SIGTERM'); process.exit(130); });
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  killGroup('SIGKILL'); // leftovers (a language server, a terminal's shell) never outlive the suite
  const ok = code === 0;
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (ok && !keep) rmSync(runDir, { recursive: true, force: true });
  else console.log(`test:e2e: workspaces, profiles and code-server logs kept in ${runDir}`);
  console.log(`test:e2e: ${ok ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${secs} s; screenshots in ${join(here, 'screenshots')}`);
  process.exit(ok ? 0 : 1);
});
