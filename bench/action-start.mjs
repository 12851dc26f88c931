// `node bench/action-start.mjs [BASE_COMMIT]`: the GitHub Action's start-to-annotations time on the corpus
// (../shared/corpus/lighthouse), as the runner runs it: today's JavaScript action (node on the committed bundle,
// nothing installed) against the composite action of BASE_COMMIT (default 8300d51, before issue 22), whose first
// step is `npm ci` and a build in the action's folder. The composite's `npm ci` uses npm's cache when it is warm
// (--prefer-offline), so on a runner without that cache it is slower still. Prints each time and the ratio.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(repo, '..', 'shared', 'corpus', 'lighthouse');
if (!existsSync(corpus)) {
  console.log(`skipped: ${corpus} is absent`);
  process.exit(0);
}
const base = process.argv[2] ?? '8300d51';

// The workspace: a git repository holding the corpus (GITHUB_WORKSPACE).
const ws = mkdtempSync(join(tmpdir(), 'signoff-bench-ws-'));
cpSync(corpus, ws, { recursive: true });
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' };
for (const a of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'corpus']]) execFileSync('git', a, { cwd: ws, env: gitEnv });
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ws, 'INPUT_FORMAT': 'github', INPUT_PATHS: '', 'INPUT_CHANGED-SINCE': '', INPUT_CONFIG: '', INPUT_OUTPUT: '', 'INPUT_MAX-WARNINGS': '' };

function timed(label, fn) {
  const t = process.hrtime.bigint();
  const annotations = fn();
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`  ${label}: ${s.toFixed(1)} s, ${annotations} annotations`);
  return s;
}
const count = (out) => out.split('\n').filter((l) => /^::(error|warning|notice) /.test(l)).length;

// Today's action: a copy of action.yml and the committed bundle, nothing else.
const now = mkdtempSync(join(tmpdir(), 'signoff-bench-action-'));
cpSync(join(repo, 'action.yml'), join(now, 'action.yml'));
mkdirSync(join(now, 'action'));
cpSync(join(repo, 'action', 'index.js'), join(now, 'action', 'index.js'));
console.log('GitHub Action, start to annotations on the corpus:');
const runs = [1, 2, 3].map((i) => timed(`JavaScript action (node20, committed bundle), run ${i}`, () => count(spawnSync(process.execPath, [join(now, 'action', 'index.js')], { cwd: ws, env, encoding: 'utf8', maxBuffer: 1 << 28 }).stdout)));
const fresh = Math.min(...runs);

// The composite action of BASE: a fresh checkout of it (what `uses:` downloads), then its two steps.
const old = mkdtempSync(join(tmpdir(), 'signoff-bench-old-'));
execFileSync('git', ['--git-dir', join(repo, '.git'), 'archive', '--format=tar', '-o', join(old, 'a.tar'), base]);
execFileSync('tar', ['-xf', 'a.tar'], { cwd: old });
const composite = timed(`composite action of ${base} (npm ci --prefer-offline + build + check)`, () => {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], { cwd: old, stdio: 'ignore' });
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: old, stdio: 'ignore' });
  return count(spawnSync(process.execPath, [join(old, 'dist', 'cli.js'), 'check', '--format', 'github'], { cwd: ws, env, encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
});
console.log(`  ratio: the composite takes ${(composite / fresh).toFixed(1)}x as long (best JavaScript-action run ${fresh.toFixed(1)} s)`);
for (const d of [ws, now, old]) rmSync(d, { recursive: true, force: true });
