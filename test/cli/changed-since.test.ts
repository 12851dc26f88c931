/**
 * `signoff check --changed-since REF` and `--staged` through the real CLI, in real git repositories made in temp
 * folders (a shallow clone over file:// included): the documents the change concerns and evidence-changed on the
 * references whose cited lines it touches, naming the commits; nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { git } from '../helpers/git';
import { certificate, changeRepo } from '../helpers/change-repo';

interface JsonOut { files: { path: string; findings: { ruleId: string; severity: string; message: string; line: number }[] }[] }

function check(root: string, ...args: string[]) {
  const r = runCli(['check', '--format', 'json', ...args], { cwd: root });
  return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as JsonOut) : undefined };
}

test('--changed-since: evidence-changed on touched references only, naming the commits; unrelated documents not listed', () => {
  const { root, c1, c2 } = changeRepo();
  const r = check(root, '--changed-since', 'main');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0, 'warnings only');
  assert.deepEqual(r.json!.files.map((f) => f.path), ['reviews/ledger.md']);
  const findings = r.json!.files[0].findings;
  assert.deepEqual(findings.map((f) => f.ruleId), ['evidence-changed', 'evidence-changed'], 'the ledger certificate shows only what the change touches');
  assert.equal(findings[0].severity, 'warning');
  assert.match(findings[0].message, new RegExp(`touches lines 10-12 of src/ledger.py, cited here: commit ${c1.slice(0, 7)} "Round the eleventh value"`));
  assert.match(findings[1].message, new RegExp(`deletes src/legacy.py, cited here: commit ${c2.slice(0, 7)} "Drop the legacy module"`));

  // Uncommitted changes count too; a changed document is listed with all its findings.
  writeFileSync(join(root, 'src/ledger.py'), readFileSync(join(root, 'src/ledger.py'), 'utf8').replace('value_2 = 2', 'value_2 = 20'));
  writeFileSync(join(root, 'reviews/other.md'), readFileSync(join(root, 'reviews/other.md'), 'utf8') + '\nA note.\n');
  const dirty = check(root, '--changed-since', 'main');
  assert.equal(dirty.code, 1, 'other.md is changed now, and has an error');
  assert.deepEqual(dirty.json!.files.map((f) => f.path), ['reviews/ledger.md', 'reviews/other.md']);
  const ledger = dirty.json!.files[0].findings;
  assert.equal(ledger.length, 3);
  assert.match(ledger[1].message, /touches lines 1-3 of src\/ledger.py, cited here: uncommitted changes/);
  assert.ok(dirty.json!.files[1].findings.some((f) => f.ruleId === 'cert-title'));

  // Configurable like any rule.
  writeFileSync(join(root, '.signoff.json'), '{ "rules": { "evidence-changed": "error" } }');
  assert.equal(check(root, '--changed-since', 'main').json!.files[0].findings[0].severity, 'error');
});

test('--changed-since in a shallow clone over file:// that contains REF; a clear message when REF is not there', () => {
  const { root, c1 } = changeRepo();
  const parent = mkdtempSync(join(tmpdir(), 'signoff-shallow-'));
  const clone = join(parent, 'clone');
  git(parent, 'clone', '-q', '--depth', '3', '--no-single-branch', '--branch', 'feature', `file://${root}`, clone);
  assert.equal(git(clone, 'rev-parse', '--is-shallow-repository'), 'true');
  const r = check(clone, '--changed-since', 'origin/main');
  assert.equal(r.stderr, '');
  assert.deepEqual(r.json!.files.map((f) => f.path), ['reviews/ledger.md']);
  assert.match(r.json!.files[0].findings[0].message, new RegExp(c1.slice(0, 7)));

  const thin = join(parent, 'thin');
  git(parent, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${root}`, thin);
  const missing = runCli(['check', '--changed-since', 'origin/main'], { cwd: thin });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^signoff: --changed-since origin\/main: no such commit in this repository \(a shallow clone: .*fetch-depth: 0\)\n$/);

  const notRepo = runCli(['check', '--changed-since', 'main'], { cwd: makeTree({ 'a.md': '# x\n' }) });
  assert.equal(notRepo.code, 2);
  assert.match(notRepo.stderr, /--changed-since needs a git work tree/);
});

test('--staged: the staged change (pre-commit), untracked files left out', () => {
  const { root } = changeRepo();
  writeFileSync(join(root, 'src/ledger.py'), readFileSync(join(root, 'src/ledger.py'), 'utf8').replace('value_10 = 10', 'value_10 = 100'));
  writeFileSync(join(root, 'reviews/new.md'), certificate('NEW', '- Ledger: `src/ledger.py:20`', '\n# EXTRA\n'));
  assert.deepEqual(check(root, '--staged').json!.files, [], 'nothing staged yet');
  git(root, 'add', 'src/ledger.py');
  const r = check(root, '--staged');
  assert.deepEqual(r.json!.files.map((f) => f.path), ['reviews/ledger.md']);
  assert.deepEqual(r.json!.files[0].findings.map((f) => f.message.replace(/:.*/, '')), ['The change since HEAD touches lines 10-12 of src/ledger.py, cited here']);
  assert.match(r.json!.files[0].findings[0].message, /cited here: uncommitted changes/);
  git(root, 'add', 'reviews/new.md');
  assert.deepEqual(check(root, '--staged').json!.files.map((f) => f.path), ['reviews/ledger.md', 'reviews/new.md']);
});
