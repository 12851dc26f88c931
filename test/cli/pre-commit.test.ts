/**
 * The pre-commit hook (.pre-commit-hooks.yaml) in a real repository: installed and run by the `pre-commit` tool
 * itself when it is on PATH (.ci/run installs it from Debian's packages; it installs the hook from this checkout's
 * HEAD, so commit first), and its entry command on staged files either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { certificate, changeRepo } from '../helpers/change-repo';
import { git, GIT_ENV, initRepo } from '../helpers/git';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const REPO = join(__dirname, '..', '..');

interface Hook { id: string; entry: string; language: string; pass_filenames: boolean; always_run: boolean }
const HOOK = (parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[]).find((h) => h.id === 'signoff')!;

/** The feature branch with a staged change to cited lines, and an unstaged broken certificate. */
function stagedChange() {
  const { root } = changeRepo();
  writeFileSync(join(root, 'src/ledger.py'), readFileSync(join(root, 'src/ledger.py'), 'utf8').replace('value_10 = 10', 'value_10 = 100'));
  git(root, 'add', 'src/ledger.py');
  writeFileSync(join(root, 'reviews/draft.md'), certificate('DRAFT', '- Ledger: `src/ledger.py:20`', '\n# EXTRA\n'));
  return root;
}

test('pre-commit hook: its entry command on the staged change', () => {
  assert.ok(HOOK, 'a hook with id signoff');
  assert.equal(HOOK.pass_filenames, false, 'the hook finds the staged change itself');
  assert.equal(HOOK.always_run, true, 'a staged code change can touch a certificate');
  const [bin, ...args] = HOOK.entry.split(' ');
  assert.equal(bin, 'signoff');
  const root = stagedChange();
  const r = runCli(args, { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^reviews\/ledger\.md\n {2}\d+:\d+ {2}warning {2}The change since HEAD touches lines 10-12 of src\/ledger\.py, cited here: uncommitted changes/);
  assert.doesNotMatch(r.stdout, /draft\.md/, 'unstaged documents are not checked');
  git(root, 'add', 'reviews/draft.md');
  const broken = runCli(args, { cwd: root });
  assert.equal(broken.code, 1);
  assert.match(broken.stdout, /^reviews\/draft\.md\n(?: {2}.*\n)* {2}\d+:\d+ {2}error .*cert-title/m);
});

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const isRepo = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO }).status === 0;

/** The n-th .pre-commit-config.yaml block of README's "Before each commit", pointed at this checkout's HEAD. */
function readmeConfig(n: number, rev: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const at = readme.indexOf('### Before each commit: pre-commit');
  const section = readme.slice(at, readme.indexOf('\n## ', at));
  const block = [...section.matchAll(/```yaml\n([\s\S]*?)\n```/g)][n][1];
  assert.match(block, /rev: v\d+\.\d+\.\d+/, 'the README pins a release tag');
  return block.replace(/repo: https:\/\/github\.com\/signoff-dev\/signoff/, `repo: ${REPO}`).replace(/rev: v[\d.]+/, `rev: ${rev}`);
}

test('pre-commit hooks: README\'s config installed and run by pre-commit: warnings shown, --max-warnings=0 blocks, errors block a commit, signoff-verify guards seals', { skip: !hasPreCommit ? 'pre-commit is not installed (apt-get install pre-commit; .ci/run does)' : !isRepo ? 'this checkout is not a git repository' : false, timeout: 900_000 }, () => {
  const root = stagedChange();
  const rev = git(REPO, 'rev-parse', 'HEAD');
  const config = readmeConfig(0, rev);
  writeFileSync(join(root, '.pre-commit-config.yaml'), config);
  git(root, 'add', '.pre-commit-config.yaml');
  // One home per machine: pre-commit installs each revision of the hooks once (npm install + pack).
  const env = { ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: join(tmpdir(), 'signoff-pre-commit-home'), NO_COLOR: '1' };
  const pc = (cwd: string, ...args: string[]) => spawnSync('pre-commit', args, { cwd, env, encoding: 'utf8', timeout: 840_000 });
  // No --verbose: the hook itself is verbose, so the warning it exists for is in the output of a passing run.
  const ok = pc(root, 'run', 'signoff');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /signoff\.+Passed/);
  assert.match(ok.stdout, /evidence-changed/);
  assert.match(ok.stdout, /touches lines 10-12 of src\/ledger\.py/);

  // The README's `args: [--max-warnings=0]`, for teams that gate on warnings: the same change is blocked.
  assert.match(config, /# args: \[--max-warnings=0\]/);
  writeFileSync(join(root, '.pre-commit-config.yaml'), config.replace('# args:', 'args:'));
  git(root, 'add', '.pre-commit-config.yaml');
  const strict = pc(root, 'run', 'signoff');
  assert.equal(strict.status, 1, strict.stdout);
  assert.match(strict.stdout, /signoff\.+Failed[\s\S]*too many warnings: \d+ \(--max-warnings 0\)/);
  writeFileSync(join(root, '.pre-commit-config.yaml'), config);
  git(root, 'add', '.pre-commit-config.yaml');

  // Through git itself: the installed hook blocks a commit that stages a broken certificate.
  assert.equal(pc(root, 'install').status, 0);
  git(root, 'add', 'reviews/draft.md');
  const commit = spawnSync('git', ['commit', '-m', 'Add a draft'], { cwd: root, env, encoding: 'utf8', timeout: 840_000 });
  assert.equal(commit.status, 1, commit.stdout + commit.stderr);
  assert.match(commit.stdout + commit.stderr, /signoff\.+Failed[\s\S]*reviews\/draft\.md\n(?: {2}.*\n)* {2}\d+:\d+ {2}error/);
  git(root, 'rm', '-q', '--cached', 'reviews/draft.md');
  const clean = spawnSync('git', ['commit', '-q', '-m', 'Round value 10'], { cwd: root, env, encoding: 'utf8', timeout: 840_000 });
  assert.equal(clean.status, 0, 'a commit without errors goes through: ' + clean.stdout + clean.stderr);
  assert.equal(git(root, 'log', '-1', '--format=%s'), 'Round value 10');

  // signoff-verify (README's second block): a sealed certificate holds, then a staged change to its cited lines fails.
  const sealed = makeTree({ 'reviews/pay.md': certificate('PAY', '- Pay: `src/pay.py:1-2`'), 'src/pay.py': 'a = 1\nb = 2\nc = 3\n' });
  initRepo(sealed);
  assert.equal(runCli(['seal', 'reviews/pay.md'], { cwd: sealed }).code, 0);
  writeFileSync(join(sealed, '.pre-commit-config.yaml'), readmeConfig(1, rev));
  git(sealed, 'add', '-A');
  const holds = pc(sealed, 'run', 'signoff-verify');
  assert.equal(holds.status, 0, holds.stdout + holds.stderr);
  assert.match(holds.stdout, /signoff verify\.+Passed/);
  writeFileSync(join(sealed, 'src/pay.py'), 'a = 1\nb = 20\nc = 3\n');
  git(sealed, 'add', 'src/pay.py');
  const broken = pc(sealed, 'run', 'signoff-verify');
  assert.equal(broken.status, 1, broken.stdout);
  assert.match(broken.stdout, /signoff verify\.+Failed[\s\S]*reviews\/pay\.md/);
});
