/**
 * README's CI recipes, tried: the GitLab CI job's script run as the runner does (one bash script, the lines in
 * order) in a clone of a real repository with a merge-request base, with `npx signoff` being this checkout's CLI;
 * the GitHub Actions and pre-commit snippets parse and name this repository's action and hook.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { XMLParser } from 'fast-xml-parser';
import { changeRepo, certificate } from '../helpers/change-repo';
import { commitAll, git, GIT_ENV } from '../helpers/git';
import { shims } from '../helpers/shims';

const REPO = join(__dirname, '..', '..');
const README = readFileSync(join(REPO, 'README.md'), 'utf8');

/** The first fenced block of `lang` after `heading`. */
function block(heading: string, lang: string): string {
  const at = README.indexOf(heading);
  assert.ok(at >= 0, `README has "${heading}"`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(README.slice(at));
  assert.ok(m, `a ${lang} block under "${heading}"`);
  return m[1];
}

test('GitLab CI recipe: Code Quality and JUnit reports for a merge request, failing only on errors', () => {
  const job = (parse(block('### In CI: GitLab CI', 'yaml')) as Record<string, { script: string[]; variables: Record<string, string>; artifacts: { reports: Record<string, string> } }>).signoff;
  assert.equal(job.variables.GIT_DEPTH, '0');
  const { root } = changeRepo();
  const ws = join(mkdtempSync(join(tmpdir(), 'signoff-gitlab-')), 'ws');
  git(tmpdir(), 'clone', '-q', `file://${root}`, ws);
  git(ws, 'checkout', '-q', 'feature');
  const base = git(ws, 'merge-base', 'origin/main', 'HEAD');
  const run = () => spawnSync('bash', ['-eo', 'pipefail', '-c', job.script.join('\n')], {
    cwd: ws,
    env: { ...process.env, ...GIT_ENV, PATH: `${shims()}:${process.env.PATH}`, CI_MERGE_REQUEST_DIFF_BASE_SHA: base, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const r = run();
  assert.equal(r.status, 0, r.stderr);
  const quality = JSON.parse(readFileSync(join(ws, job.artifacts.reports.codequality), 'utf8')) as { check_name: string; location: { path: string } }[];
  assert.deepEqual(quality.map((i) => [i.check_name, i.location.path]), [['evidence-changed', 'reviews/ledger.md'], ['evidence-changed', 'reviews/ledger.md']]);
  const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(ws, job.artifacts.reports.junit), 'utf8'));
  assert.equal(junit.testsuites.testsuite.testcase.name, 'reviews/ledger.md');

  // A merge request adding a broken certificate fails the job, and both reports are still written.
  writeFileSync(join(ws, 'reviews/broken.md'), certificate('BROKEN', 'Nothing cited.', '\n# EXTRA\n'));
  commitAll(ws, 'Add a broken certificate');
  const failed = run();
  assert.equal(failed.status, 1);
  assert.ok(existsSync(join(ws, job.artifacts.reports.junit)));
  assert.ok((JSON.parse(readFileSync(join(ws, job.artifacts.reports.codequality), 'utf8')) as { check_name: string }[]).some((i) => i.check_name === 'cert-title'));
});

test('GitHub Actions and pre-commit recipes name this repository\'s action and hook', () => {
  const workflow = parse(block('### In CI: GitHub Actions', 'yaml')) as { jobs: { signoff: { steps: { uses: string; with?: Record<string, unknown> }[] } } };
  const steps = workflow.jobs.signoff.steps;
  assert.equal(steps[0].with?.['fetch-depth'], 0);
  assert.match(steps[1].uses, /^signoff-dev\/signoff@/);
  assert.ok(existsSync(join(REPO, 'action.yml')));
  const config = parse(block('### Before each commit: pre-commit', 'yaml')) as { repos: { hooks: { id: string }[] }[] };
  const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[];
  assert.deepEqual(config.repos[0].hooks.map((h) => h.id), hooks.map((h) => h.id));
});
