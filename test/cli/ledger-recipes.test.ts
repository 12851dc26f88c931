/**
 * README's merge-gate recipes for the review ledger ("The review ledger"): the GitHub one through the Action as the
 * runner runs it (test/helpers/action.ts), the GitLab one as its runner does (bash, the
 * lines in order) on the ledger's fixture repository with a feature branch, `npx signoff` being this checkout's
 * CLI: a change touching code whose current review is conditional fails the job and writes the markdown ledger;
 * a change touching no reviewed code passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { shims } from '../helpers/shims';
import { GIT_ENV } from '../helpers/git';
import { gitAt, ledgerWorkspace } from '../helpers/ledger-workspace';
import { runAction } from '../helpers/action';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## The review ledger'), README.indexOf('## In VS Code'));
const blocks = [...SECTION.matchAll(/```yaml\n([\s\S]*?)\n```/g)].map((m) => parse(m[1]) as Record<string, unknown>);

/** A feature branch off main whose commit changes `line` of `file` (cited or not). */
function branch(root: string, name: string, file: string, from: string, to: string): string {
  gitAt(root, '2026-03-01T00:00:00Z', 'checkout', '-q', '-B', name, 'main');
  writeFileSync(join(root, file), readFileSync(join(root, file), 'utf8').replace(from, to));
  gitAt(root, '2026-03-01T00:00:00Z', 'commit', '-qam', `${name}: edit`);
  return gitAt(root, '2026-03-01T00:00:00Z', 'merge-base', 'main', 'HEAD');
}

const { root } = ledgerWorkspace({ sealed: false, run: false });
const bash = (script: string, env: Record<string, string>) => spawnSync('bash', ['-e', '-c', script], {
  cwd: root,
  env: { ...process.env, ...GIT_ENV, PATH: `${shims()}:${process.env.PATH}`, NO_COLOR: '1', ...env },
  encoding: 'utf8',
});

test('GitHub Actions recipe: the Action fails on a touched conditional review and writes the ledger to the job summary', () => {
  const job = (blocks[0].jobs as Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>)['review-gate'];
  assert.equal(job.steps[0].with?.['fetch-depth'], 0);
  const step = job.steps.find((x) => x.uses?.startsWith('signoff-dev/signoff@'))!;
  const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));
  assert.deepEqual(inputs, { require: 'approved,fresh' });

  // The runner's checkout of the pull request: its branch only, the Action fetches the base.
  const checkout = (name: string) => {
    const ws = join(mkdtempSync(join(tmpdir(), 'signoff-gate-')), 'ws');
    gitAt(tmpdir(), '2026-03-01T00:00:00Z', 'clone', '-q', '--single-branch', '--branch', name, `file://${root}`, ws);
    return ws;
  };
  branch(root, 'touch-payments', 'src/pay.py', 'return 3\n', 'return 3 + 0\n');
  const failed = runAction(checkout('touch-payments'), inputs, 'main');
  assert.equal(failed.code, 1, failed.stderr);
  assert.match(failed.stderr, /signoff: Payments \(docs\/reviews\/pay-2026-01-05\.md\) does not meet --require approved,fresh: CONDITIONALLY_APPROVED, not APPROVED; stale/);
  assert.match(failed.summary, /^## Review ledger\n/);
  assert.match(failed.summary, /\| Payments \| 🟡 CONDITIONALLY_APPROVED \|/);
  assert.doesNotMatch(failed.summary, /\| Cache \|/);

  branch(root, 'touch-nothing-reviewed', 'src/cache.py', 'return 19\n', 'return 19 + 0\n');
  const passed = runAction(checkout('touch-nothing-reviewed'), inputs, 'main');
  assert.equal(passed.code, 0, passed.stderr);
  assert.match(passed.summary, /✅ Every component listed meets the requirement \*approved, fresh\*\.\n\nThe change touches no reviewed code\./);
});

test('GitLab CI recipe: the job fails on a touched stale review and keeps the ledger as an artifact', () => {
  const job = blocks[1]['review-gate'] as { script: string[]; variables: Record<string, string>; artifacts: { when: string; paths: string[] } };
  assert.equal(job.variables.GIT_DEPTH, '0');
  const base = branch(root, 'touch-search', 'src/search.py', 'return 3\n', 'return 3 + 0\n');
  const r = bash(job.script.join('\n'), { CI_MERGE_REQUEST_DIFF_BASE_SHA: base });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /\| Search \| ✅ APPROVED \| .* \| STALE 0\/1 \|/);
  assert.match(r.stderr, /Search .* does not meet --require approved,fresh: stale/);
  assert.equal(readFileSync(join(root, job.artifacts.paths[0]), 'utf8'), r.stdout);
});
