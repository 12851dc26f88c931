/**
 * The npm package as a user gets it: `npm pack` of a copy of this checkout (its prepack makes the production
 * bundles; the copy keeps the tests' dist/ untouched), the tarball's file list, then `npm install ./signoff-x.y.z.tgz`
 * into a fresh project offline with an empty cache (so nothing but the tarball can be used), and `npx signoff
 * --version` / `npx signoff check` there, with no npm warning on stderr (no install scripts, nothing deprecated).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageCopy } from '../helpers/package-copy';
import { git, GIT_ENV } from '../helpers/git';

const REPO = join(__dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

const CERT = `# LEDGER REVIEW CERTIFICATE

**Component**: ledger
**Agent**: reviewer-one
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: LEDGER-20250201-080000

## REVIEW SCOPE

The ledger.

## FINDINGS

Totals are summed once: \`src/ledger.py:1\`.

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: Nothing blocks the release.

## EVIDENCE

- \`src/ledger.py:1\`

## SIGNATURE

Agent: reviewer-one
Timestamp: 2025-02-01 08:00:00 UTC
Certificate Hash: any-opaque-text
`;

test('npm package: packed with the production bundles and docs, installed offline, `npx signoff` runs with no npm warning', { timeout: 600_000 }, () => {
  const tarball = packageCopy().pack();
  const files = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  const docs = files.filter((f) => f.startsWith('docs/'));
  assert.deepEqual(files.filter((f) => !f.startsWith('docs/rules/')), [
    'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', 'dist/worker.js',
    ...docs.filter((f) => !f.startsWith('docs/rules/')), 'package.json', 'schemas/signoff.schema.json',
  ].sort());
  for (const linked of ['docs/runs.md', 'docs/sealing.md', 'docs/attestation.md']) assert.ok(files.includes(linked), `${linked} (linked from the README) is in the package`);
  assert.ok(docs.filter((f) => f.startsWith('docs/rules/')).length > 20, 'every rule page');
  const cli = spawnSync('tar', ['-xzOf', tarball, 'package/dist/cli.js'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  assert.ok(cli.startsWith('#!/usr/bin/env node\n'), 'the bin has its shebang');
  assert.ok(cli.length / cli.split('\n').length > 1000 && !cli.includes('sourceMappingURL'), 'the production (minified) bundle, no source map');
  const manifest = JSON.parse(spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout) as { private?: boolean; scripts?: Record<string, string>; version: string; dependencies?: object };
  assert.equal(manifest.private, undefined);
  assert.equal(manifest.version, VERSION);
  assert.equal(manifest.scripts, undefined, 'no scripts in the published package: installing it runs nothing');
  assert.equal(manifest.dependencies, undefined, 'everything is bundled: nothing to download at install');

  const project = mkdtempSync(join(tmpdir(), 'signoff-user-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }));
  mkdirSync(join(project, 'reviews'));
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'reviews/ledger.md'), CERT);
  writeFileSync(join(project, 'src/ledger.py'), 'total = sum(entries)\n');
  // The cited code committed before the certificate's Date: its drift can be told (none).
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  const dated = spawnSync('git', ['commit', '-q', '-m', 'Ledger'], { cwd: project, env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: '2025-01-31T08:00:00Z', GIT_COMMITTER_DATE: '2025-01-31T08:00:00Z' } });
  assert.equal(dated.status, 0);
  cpSync(tarball, join(project, `signoff-${VERSION}.tgz`));
  // An empty cache and --offline: the install can only use the tarball. No npm warning may be printed.
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_cache: mkdtempSync(join(tmpdir(), 'signoff-npm-cache-')), npm_config_update_notifier: 'false', NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|command|config_(?!cache|update_notifier))/.test(k)) delete env[k];
  const npm = (args: string[]) => spawnSync('npm', args, { cwd: project, env, encoding: 'utf8', timeout: 300_000 });
  // README's Quick start, line by line: its `npm install --save-dev signoff` installs this tarball instead.
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const quick = /## Quick start[\s\S]*?```sh\n([\s\S]*?)\n```/.exec(readme)![1].split('\n');
  assert.deepEqual(quick, ['npm install --save-dev signoff', 'npx signoff init', 'npx signoff check']);
  const install = npm(['install', '--save-dev', '--offline', '--no-audit', '--no-fund', `./signoff-${VERSION}.tgz`]);
  assert.equal(install.status, 0, install.stderr);
  assert.equal(install.stderr, '', 'npm install prints no warning');
  for (const line of quick.slice(1)) {
    const r = spawnSync('bash', ['-c', line], { cwd: project, env: { ...env, npm_config_offline: 'true' }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.stderr, '', line);
    assert.equal(r.status, 0, `${line}: ${r.stdout}`);
    if (line.endsWith('check')) assert.match(r.stdout, /✔ 0 errors, 0 warnings, 0 infos in 1 document \(1 certificate, 0 checklists\)/);
  }
  assert.ok(JSON.parse(readFileSync(join(project, '.signoff.json'), 'utf8')).$schema, 'init wrote the starter config');
  const version = spawnSync('npx', ['--offline', 'signoff', '--version'], { cwd: project, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(version.stderr, '');
  assert.equal(version.stdout, `${VERSION}\n`);
  // The language server ships in the package too (`signoff lsp --stdio` loads dist/server.js beside the CLI).
  const lsp = spawnSync('npx', ['--offline', 'signoff', 'lsp', '--stdio'], { cwd: project, env, input: '', encoding: 'utf8', timeout: 60_000 });
  assert.doesNotMatch(lsp.stderr, /Cannot find module/);
  // A broken certificate: the installed CLI finds it.
  writeFileSync(join(project, 'reviews/ledger.md'), CERT + '\n# SECOND TITLE\n');
  const broken = spawnSync('npx', ['--offline', 'signoff', 'check'], { cwd: project, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /^reviews\/ledger\.md\n {2}\d+:1 {2}error .* {2}cert-title$/m);
});
