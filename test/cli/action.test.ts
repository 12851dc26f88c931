/**
 * The GitHub Action (action.yml) run the way the runner runs a JavaScript action (test/helpers/action.ts), in a
 * temporary clone of a real repository on a pull-request branch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificate, changeRepo } from '../helpers/change-repo';
import { git, initRepo } from '../helpers/git';
import { ACTION, runAction } from '../helpers/action';

const REPO = join(__dirname, '..', '..');

/** A pull-request checkout: only the branch was cloned, so the action must fetch the base itself. */
function prCheckout() {
  const { root, c1 } = changeRepo();
  const workspace = join(mkdtempSync(join(tmpdir(), 'signoff-action-')), 'ws');
  git(tmpdir(), 'clone', '-q', '--single-branch', '--branch', 'feature', `file://${root}`, workspace);
  assert.throws(() => git(workspace, 'rev-parse', '--verify', 'origin/main'));
  return { workspace, c1 };
}

test('action: on a pull request, annotations for what the change concerns (base branch fetched by the action)', () => {
  const { workspace, c1 } = prCheckout();
  const r = runAction(workspace, {}, 'main');
  assert.equal(r.code, 0, r.stderr);
  // summary (default true): the review ledger of the components the change touches, as markdown.
  assert.match(r.summary, /^## Review ledger\n/);
  assert.match(r.summary, /^\| ledger \| ✅ APPROVED \|.*\| STALE 1\/3 \|/m);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  assert.match(lines[0], new RegExp(`^::warning file=reviews/ledger\\.md,line=\\d+,col=\\d+,endLine=\\d+,endColumn=\\d+,title=evidence-changed::The change since origin/main touches lines 10-12 of src/ledger\\.py, cited here: commit ${c1.slice(0, 7)}`));
  assert.match(lines[1], /title=evidence-changed::The change since origin\/main deletes src\/legacy\.py/);
});

test('action: require gates on the review ledger (the merge gate), its table in the job summary or the log', () => {
  const { workspace } = prCheckout();
  const gated = runAction(workspace, { require: 'approved,fresh' }, 'main');
  assert.equal(gated.code, 1, 'the change touches code whose current review is stale');
  assert.match(gated.stderr, /^signoff: ledger \(reviews\/ledger\.md\) does not meet --require approved,fresh: stale/m);
  assert.match(gated.summary, /1 of 1\*\* component fail the requirement \*approved, fresh\*/);
  const approved = runAction(workspace, { require: 'approved', summary: 'false' }, 'main');
  assert.equal(approved.code, 0, approved.stderr);
  assert.equal(approved.summary, '', 'summary: false writes nothing to the job summary');
  assert.match(approved.stdout, /every component listed meets --require approved/);
  const quiet = runAction(workspace, { summary: 'false' }, 'main');
  assert.equal(quiet.code, 0);
  assert.doesNotMatch(quiet.stdout, /COMPONENT/, 'no require and no summary: status does not run');
});

test('action: changed-since none checks everything and fails on errors; output to a SARIF file', () => {
  const { workspace } = prCheckout();
  const all = runAction(workspace, { 'changed-since': 'none' }, 'main');
  assert.equal(all.code, 1);
  assert.match(all.stdout, /^::error file=reviews\/other\.md,.*title=cert-title::/m);
  const sarif = runAction(workspace, { format: 'sarif', output: 'results.sarif', paths: 'reviews/ledger.md\nreviews/report.md' }, 'main');
  assert.equal(sarif.code, 0, sarif.stderr);
  const log = JSON.parse(readFileSync(join(workspace, 'results.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
  assert.deepEqual(log.runs[0].results.map((x) => x.ruleId), ['evidence-changed', 'evidence-changed']);
});

/** A repository with a certificate whose decorated status `--fix` would rewrite. */
function fixableWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'signoff-action-fix-'));
  const text = certificate('FIXABLE', 'Fine.').replace('**Status**: APPROVED', '**Status**: **APPROVED**');
  mkdirSync(join(root, 'reviews'));
  writeFileSync(join(root, 'reviews/fixable.md'), text);
  initRepo(root);
  return { root, text };
}

test('action: every word of paths is a path, never an option: "--fix" rewrites nothing, "--cache-location" writes nothing', () => {
  const { root, text } = fixableWorkspace();
  const fix = runAction(root, { paths: '--fix', 'changed-since': 'none' }, '');
  assert.equal(fix.code, 2);
  assert.match(fix.stderr, /no such file or directory: --fix/);
  assert.equal(readFileSync(join(root, 'reviews/fixable.md'), 'utf8'), text, 'the document is unchanged');

  const outside = mkdtempSync(join(tmpdir(), 'signoff-outside-'));
  const cache = runAction(root, { paths: `--cache --cache-location=${outside}/x reviews`, 'changed-since': 'none' }, '');
  assert.equal(cache.code, 2);
  assert.deepEqual(readdirSync(outside), [], 'nothing written outside the workspace');
  assert.equal(git(root, 'status', '--porcelain', '--ignored'), '', 'nor inside it');

  // Plain words still work as paths and globs (unexpanded by any shell).
  const ok = runAction(root, { paths: 'reviews/*.md', 'changed-since': 'none' }, '');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^::warning file=reviews\/fixable\.md,.*title=cert-status-value::/m);
});

test('action: output must stay inside the workspace (a path out of it, or a symbolic link in it, is refused)', () => {
  const { root } = fixableWorkspace();
  const outside = mkdtempSync(join(tmpdir(), 'signoff-outside-'));
  for (const output of [`${outside}/r.sarif`, '../r.sarif', 'link/r.sarif', 'out.sarif']) {
    if (output === 'link/r.sarif') symlinkSync(outside, join(root, 'link'));
    if (output === 'out.sarif') symlinkSync(join(outside, 'target.sarif'), join(root, 'out.sarif'));
    const r = runAction(root, { format: 'sarif', output, 'changed-since': 'none' }, '');
    assert.equal(r.code, 2, output);
    assert.match(r.stdout, /^::error title=signoff::output must/m, output);
  }
  assert.deepEqual(readdirSync(outside), []);
  assert.ok(!existsSync(join(root, '..', 'r.sarif')));
  const inside = runAction(root, { format: 'sarif', output: 'reports/signoff.sarif', 'changed-since': 'none' }, '');
  assert.equal(inside.code, 0, inside.stderr);
  assert.equal(inside.stdout, '');
  assert.ok(JSON.parse(readFileSync(join(root, 'reports/signoff.sarif'), 'utf8')).runs);
});

test('action: the committed bundle is what src/ builds now (npm run build:action refreshes it)', () => {
  const fresh = join(mkdtempSync(join(tmpdir(), 'signoff-action-build-')), 'index.js');
  const r = spawnSync(process.execPath, [join(REPO, 'esbuild.mjs'), '--action', '--outfile', fresh], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(join(REPO, ACTION.runs.main)).equals(readFileSync(fresh)), `${ACTION.runs.main} is stale: run \`npm run build:action\` and commit it`);
});
