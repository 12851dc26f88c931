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
import { git, GIT_ENV } from '../helpers/git';
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

test('pre-commit hook: installed and run by pre-commit, blocking a commit with an error', { skip: !hasPreCommit ? 'pre-commit is not installed (apt-get install pre-commit; .ci/run does)' : !isRepo ? 'this checkout is not a git repository' : false, timeout: 600_000 }, () => {
  const root = stagedChange();
  const rev = git(REPO, 'rev-parse', 'HEAD');
  writeFileSync(join(root, '.pre-commit-config.yaml'), `repos:\n  - repo: ${REPO}\n    rev: ${rev}\n    hooks:\n      - id: signoff\n`);
  git(root, 'add', '.pre-commit-config.yaml');
  // One home per machine: pre-commit installs each revision of the hook once (npm install + pack).
  const env = { ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: join(tmpdir(), 'signoff-pre-commit-home'), NO_COLOR: '1' };
  const pc = (...args: string[]) => spawnSync('pre-commit', args, { cwd: root, env, encoding: 'utf8', timeout: 540_000 });
  const ok = pc('run', '--verbose');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /signoff\.+Passed/);
  assert.match(ok.stdout, /evidence-changed/);
  assert.match(ok.stdout, /touches lines 10-12 of src\/ledger\.py/);

  // Through git itself: the installed hook blocks a commit that stages a broken certificate.
  assert.equal(pc('install').status, 0);
  git(root, 'add', 'reviews/draft.md');
  const commit = spawnSync('git', ['commit', '-m', 'Add a draft'], { cwd: root, env, encoding: 'utf8', timeout: 540_000 });
  assert.equal(commit.status, 1, commit.stdout + commit.stderr);
  assert.match(commit.stdout + commit.stderr, /signoff\.+Failed[\s\S]*reviews\/draft\.md\n(?: {2}.*\n)* {2}\d+:\d+ {2}error/);
  git(root, 'rm', '-q', '--cached', 'reviews/draft.md');
  const clean = spawnSync('git', ['commit', '-q', '-m', 'Round value 10'], { cwd: root, env, encoding: 'utf8', timeout: 540_000 });
  assert.equal(clean.status, 0, 'a commit without errors goes through: ' + clean.stdout + clean.stderr);
  assert.equal(git(root, 'log', '-1', '--format=%s'), 'Round value 10');
});
