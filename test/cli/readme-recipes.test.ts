/**
 * README's recipes, tried: the GitLab CI job's script run as the runner does (one bash script, the lines in
 * order) in a clone of a real repository with a merge-request base, with `npx signoff` being this checkout's CLI;
 * the GitHub Actions code-scanning step run through the action; the pre-commit snippets pinned and naming the hooks
 * (test/cli/pre-commit.test.ts installs them); the command-line examples run line by line. The Quick start is run
 * from the packed package by test/cli/package.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { XMLParser } from 'fast-xml-parser';
import { changeRepo, certificate } from '../helpers/change-repo';
import { commitAll, git, GIT_ENV } from '../helpers/git';
import { CLI } from '../helpers/cli';
import { runAction } from '../helpers/action';
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

/** Every fenced block of `lang` in the section under `heading` (up to the next heading of its level or above). */
function blocks(heading: string, lang: string): string[] {
  const at = README.indexOf(heading);
  assert.ok(at >= 0, `README has "${heading}"`);
  const level = heading.match(/^#+/)![0].length;
  const rest = README.slice(at + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level}} [A-Z]`)); // a heading, not a YAML comment in a block
  return [...rest.slice(0, end < 0 ? undefined : end).matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]);
}

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

test('GitHub Actions recipes: the action pinned to this release; the code-scanning step run through the action', () => {
  const [workflow, scanning] = blocks('### In CI: GitHub Actions', 'yaml');
  const steps = (parse(workflow) as { jobs: { signoff: { steps: { uses: string; with?: Record<string, unknown> }[] } } }).jobs.signoff.steps;
  assert.equal(steps[0].with?.['fetch-depth'], 0);
  assert.equal(steps[1].uses, `signoff-dev/signoff@v${VERSION}`);
  const [scan, upload] = parse(scanning) as { uses: string; with: Record<string, string | number> }[];
  assert.equal(scan.uses, `signoff-dev/signoff@v${VERSION}`);
  assert.equal(upload.with.sarif_file, scan.with.output);
  // The step's inputs, run by the action on a real pull-request clone: a SARIF file where upload-sarif looks.
  const { root } = changeRepo();
  const ws = join(mkdtempSync(join(tmpdir(), 'signoff-scan-')), 'ws');
  git(tmpdir(), 'clone', '-q', '--branch', 'feature', `file://${root}`, ws);
  const r = runAction(ws, Object.fromEntries(Object.entries(scan.with).map(([k, v]) => [k, String(v)])), 'main');
  assert.equal(r.code, 1, 'changed-since none: the whole repository, with its broken certificate');
  const sarif = JSON.parse(readFileSync(join(ws, String(scan.with.output)), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
  assert.ok(sarif.runs[0].results.some((x) => x.ruleId === 'cert-title'));
});

test('pre-commit recipes: pinned to this release, naming every hook of .pre-commit-hooks.yaml and only those', () => {
  const hooks = (parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);
  const shown = new Set<string>();
  for (const block of blocks('### Before each commit: pre-commit', 'yaml')) {
    const config = parse(block) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    assert.equal(config.repos[0].repo, 'https://github.com/signoff-dev/signoff');
    assert.equal(config.repos[0].rev, `v${VERSION}`);
    for (const h of config.repos[0].hooks) {
      assert.ok(hooks.includes(h.id), `${h.id} is a hook of .pre-commit-hooks.yaml`);
      shown.add(h.id);
    }
  }
  assert.deepEqual([...shown].sort(), [...hooks].sort());
});

test('command-line examples: each line runs in a real repository, exit 0 or 1 with nothing on stderr', () => {
  const [examples] = blocks('## On the command line', 'sh');
  const { root } = changeRepo();
  const ws = join(mkdtempSync(join(tmpdir(), 'signoff-examples-')), 'ws');
  git(tmpdir(), 'clone', '-q', `file://${root}`, ws);
  git(ws, 'checkout', '-q', 'feature');
  mkdirSync(join(ws, 'docs/reviews'), { recursive: true });
  writeFileSync(join(ws, 'docs/reviews/draft.md'), certificate('DRAFT', 'Fine.'));
  writeFileSync(join(ws, 'docs/reviews/ok.md'), certificate('OK', 'Fine.'));
  commitAll(ws, 'Add the reviews folder');
  const lines = examples.split('\n').filter((l) => l.trim());
  assert.ok(lines.length >= 6);
  for (const line of lines) {
    const r = spawnSync('bash', ['-eo', 'pipefail', '-c', line], { cwd: ws, env: { ...process.env, ...GIT_ENV, PATH: `${shims()}:${process.env.PATH}`, NO_COLOR: '1' }, encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `${line}: exit ${r.status}: ${r.stderr}`);
    assert.equal(r.stderr, '', line);
  }
  assert.ok(existsSync(join(ws, 'signoff.sarif')), 'the --output-file example wrote its file');
});
