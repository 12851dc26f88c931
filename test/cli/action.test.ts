/**
 * The GitHub Action (action.yml): its `runs:` steps executed as bash scripts, the way the runner does, in a
 * temporary clone of a real repository on a pull-request branch, with `${{ }}` expressions filled in from the
 * inputs (and their defaults) and the pull request's base branch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { changeRepo } from '../helpers/change-repo';
import { git, GIT_ENV } from '../helpers/git';
import { CLI } from '../helpers/cli';

const REPO = join(__dirname, '..', '..');

interface Step { name: string; shell: string; run: string; env?: Record<string, string>; 'working-directory'?: string }
interface Action { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } }

function runAction(workspace: string, inputs: Record<string, string>, baseRef: string) {
  const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;
  assert.equal(action.runs.using, 'composite');
  const values: Record<string, string> = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
  for (const k of Object.keys(inputs)) assert.ok(k in action.inputs, `input ${k} is declared`);
  const expr = (s: string) =>
    s.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, e: string) => {
      if (e === 'github.action_path') return REPO;
      if (e === 'github.base_ref') return baseRef;
      if (e.startsWith('inputs.')) return values[e.slice(7)];
      throw new Error(`unexpected expression ${e}`);
    });
  let out = '';
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    const env = { ...process.env, ...GIT_ENV, GITHUB_ACTION_PATH: REPO, GITHUB_WORKSPACE: workspace, NO_COLOR: '1', ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(String(v))])) };
    // The runner runs `bash --noprofile --norc -eo pipefail {0}` on the step's script.
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expr(step.run)], { cwd: step['working-directory'] ? expr(step['working-directory']) : workspace, env, encoding: 'utf8', timeout: 120_000 });
    out += r.stdout;
    if (r.status !== 0) return { code: r.status, stdout: out, stderr: r.stderr, step: step.name };
  }
  return { code: 0, stdout: out, stderr: '', step: undefined };
}

/** A pull-request checkout: only the branch was cloned, so the action must fetch the base itself. */
function prCheckout() {
  const { root, c1 } = changeRepo();
  const workspace = join(mkdtempSync(join(tmpdir(), 'signoff-action-')), 'ws');
  git(tmpdir(), 'clone', '-q', '--single-branch', '--branch', 'feature', `file://${root}`, workspace);
  assert.throws(() => git(workspace, 'rev-parse', '--verify', 'origin/main'));
  return { workspace, c1 };
}

test('action: on a pull request, annotations for what the change concerns (base branch fetched by the action)', () => {
  assert.ok(CLI.startsWith(REPO), 'the action uses the built CLI of this checkout');
  const { workspace, c1 } = prCheckout();
  const r = runAction(workspace, {}, 'main');
  assert.equal(r.code, 0, `${r.step}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  assert.match(lines[0], new RegExp(`^::warning file=reviews/ledger\\.md,line=\\d+,col=\\d+,endLine=\\d+,endColumn=\\d+,title=evidence-changed::The change since origin/main touches lines 10-12 of src/ledger\\.py, cited here: commit ${c1.slice(0, 7)}`));
  assert.match(lines[1], /title=evidence-changed::The change since origin\/main deletes src\/legacy\.py/);
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
