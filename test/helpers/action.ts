/**
 * The GitHub Action (action.yml) run the way the runner runs a JavaScript action: `node` on its `runs.main` entry,
 * from a copy of the action holding only action.yml and that committed bundle (no node_modules, no install step),
 * with the inputs (and their defaults) as INPUT_* variables, GITHUB_* set and a GITHUB_STEP_SUMMARY file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GIT_ENV } from './git';

const REPO = join(__dirname, '..', '..');

export interface Action { inputs: Record<string, { default?: string }>; runs: { using: string; main: string } }
export const ACTION = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;

/** The action as the runner downloads it: action.yml and the committed bundle, nothing installed. */
function actionCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signoff-action-path-'));
  cpSync(join(REPO, 'action.yml'), join(dir, 'action.yml'));
  mkdirSync(join(dir, 'action'));
  cpSync(join(REPO, ACTION.runs.main), join(dir, ACTION.runs.main));
  return dir;
}

export function runAction(workspace: string, inputs: Record<string, string>, baseRef: string) {
  assert.equal(ACTION.runs.using, 'node20');
  for (const k of Object.keys(inputs)) assert.ok(k in ACTION.inputs, `input ${k} is declared`);
  const values = Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
  const actionPath = actionCopy();
  const summary = join(mkdtempSync(join(tmpdir(), 'signoff-summary-')), 'step_summary');
  writeFileSync(summary, '');
  // The runner's environment for a node action: INPUT_<NAME> (upper case, hyphens kept), GITHUB_*, CI.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, ...GIT_ENV, CI: 'true', GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: actionPath, GITHUB_BASE_REF: baseRef, GITHUB_EVENT_NAME: baseRef ? 'pull_request' : 'push',
    GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: tmpdir(),
    ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const r = spawnSync(process.execPath, [join(actionPath, ACTION.runs.main)], { cwd: workspace, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(summary, 'utf8') };
}

