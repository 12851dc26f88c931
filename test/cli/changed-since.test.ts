/**
 * `signoff check --changed-since REF` and `--staged` through the real CLI, in real git repositories made in temp
 * folders (a shallow clone over file:// included): the documents the change concerns and evidence-changed on the
 * references whose cited lines it touches, naming the commits; nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { commitAll, git, initRepo } from '../helpers/git';

export const certificate = (id: string, findings: string, extra = '') => `# ${id} REVIEW CERTIFICATE

**Component**: ${id.toLowerCase()}
**Agent**: code-reviewer
**Date**: 2025-03-04 10:15:00 UTC
**Certificate ID**: ${id}-20250304-101500

## REVIEW SCOPE

The module.

## FINDINGS

${findings}

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: Fine.

## EVIDENCE

Reviewed.

## SIGNATURE

Agent: code-reviewer
Timestamp: 2025-03-04 10:15:00 UTC
Certificate Hash: opaque
${extra}`;

const CODE = Array.from({ length: 30 }, (_, i) => `value_${i + 1} = ${i + 1}\n`).join('');

interface JsonOut { files: { path: string; findings: { ruleId: string; severity: string; message: string; line: number }[] }[] }

/** main: three certificates and their code; feature: two commits over it. */
function repo() {
  const root = makeTree({
    'reviews/ledger.md': certificate('LEDGER', '- Rounding: `src/ledger.py:10-12`\n- Header: `src/ledger.py:1-3`\n- Legacy path: `src/legacy.py:4`'),
    'reviews/report.md': certificate('REPORT', '- Totals: `src/report.py:5`'),
    // Unrelated to the change, and broken: must not be listed.
    'reviews/other.md': certificate('OTHER', '- Misc: `src/other.py:2`', '\n# SECOND TITLE\n'),
    'src/ledger.py': CODE,
    'src/report.py': CODE,
    'src/legacy.py': CODE,
    'src/other.py': CODE,
    'README.md': '# Project\n',
  });
  initRepo(root);
  // Some history on main before the branch, so that a shallow clone of the branch has a boundary.
  for (const n of [1, 2]) {
    writeFileSync(join(root, 'README.md'), `# Project\n\nRelease ${n}.\n`);
    commitAll(root, `Release ${n}`);
  }
  git(root, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(root, 'src/ledger.py'), CODE.replace('value_11 = 11\n', 'value_11 = round(11)\nvalue_11b = 0\n'));
  const c1 = commitAll(root, 'Round the eleventh value');
  rmSync(join(root, 'src/legacy.py'));
  writeFileSync(join(root, 'src/report.py'), 'import os\n' + CODE); // moves line 5 down, does not touch it
  const c2 = commitAll(root, 'Drop the legacy module');
  return { root, c1, c2 };
}

function check(root: string, ...args: string[]) {
  const r = runCli(['check', '--format', 'json', ...args], { cwd: root });
  return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as JsonOut) : undefined };
}

test('--changed-since: evidence-changed on touched references only, naming the commits; unrelated documents not listed', () => {
  const { root, c1, c2 } = repo();
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
  const { root, c1 } = repo();
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
  const { root } = repo();
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
