/**
 * scripts/release.mjs in a copy of this checkout (a git repository of its own, so tagging there is harmless): a dry
 * run packs the npm tarball and the .vsix with package.json's version and tags nothing; a version written
 * differently somewhere stops it; the real run tags v<version>. Tests are skipped inside (`--skip-tests`): this test
 * is part of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageCopy } from '../helpers/package-copy';
import { git, GIT_ENV } from '../helpers/git';

const REPO = join(__dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

test('release: the tarball and the .vsix with one version, a dry run tags nothing, a real run tags v<version>', { timeout: 600_000 }, () => {
  const { dir } = packageCopy();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'release candidate');
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, npm_config_update_notifier: 'false' };
  const release = (...args: string[]) => spawnSync(process.execPath, ['scripts/release.mjs', '--skip-tests', ...args], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });

  const dry = release('--dry-run');
  assert.equal(dry.status, 0, dry.stdout + dry.stderr);
  for (const artifact of [`release/signoff-${VERSION}.tgz`, `release/signoff-${VERSION}.vsix`]) assert.ok(existsSync(join(dir, artifact)), artifact);
  assert.match(dry.stdout, new RegExp(`would tag v${VERSION.replace(/\./g, '\\.')} \\(dry run\\)`));
  assert.equal(git(dir, 'tag', '--list'), '');
  const vsixManifest = JSON.parse(spawnSync('unzip', ['-p', join(dir, `release/signoff-${VERSION}.vsix`), 'extension/package.json'], { encoding: 'utf8' }).stdout) as { version: string };
  assert.equal(vsixManifest.version, VERSION);

  // A version written differently anywhere stops the release before anything is packed.
  const versionTs = readFileSync(join(dir, 'src/cli/version.ts'), 'utf8');
  writeFileSync(join(dir, 'src/cli/version.ts'), versionTs.replace(VERSION, '9.9.9'));
  const mismatch = release('--dry-run', '--out', 'elsewhere');
  assert.equal(mismatch.status, 1);
  assert.match(mismatch.stderr, new RegExp(`src/cli/version\\.ts says 9\\.9\\.9, package\\.json ${VERSION.replace(/\./g, '\\.')}`));
  assert.ok(!existsSync(join(dir, 'elsewhere')));
  writeFileSync(join(dir, 'src/cli/version.ts'), versionTs);

  // The real run needs the CHANGELOG to name the version; here it gets one, committed.
  writeFileSync(join(dir, 'CHANGELOG.md'), `# Changelog\n\n## [${VERSION}]\n\n### Added\n\n- Everything.\n`);
  git(dir, 'commit', '-q', '-am', 'Changelog');
  const real = release();
  assert.equal(real.status, 0, real.stdout + real.stderr);
  assert.equal(git(dir, 'tag', '--list'), `v${VERSION}`);
  assert.equal(git(dir, 'cat-file', '-t', `v${VERSION}`), 'tag', 'an annotated tag');
});
