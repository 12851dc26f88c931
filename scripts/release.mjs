// `npm run release -- [--dry-run] [--skip-tests] [--out DIR]`: everything up to publishing, for the version in
// package.json. Checks that the version is the same everywhere it is written (package.json, src/cli/version.ts,
// the README's pinned action and hook) and that the committed Action bundle is fresh; runs `npm test`; packs the npm
// tarball (scripts/pack.mjs) and the .vsix with that version into DIR (default: release/); checks both carry it;
// then tags v<version> (annotated). --dry-run does all of it but the tag (and lets a dirty tree or a CHANGELOG
// without the version pass with a warning). Publishing (`npm publish <tarball>`, `vsce publish --packagePath
// <vsix>`, pushing the tag) happens outside this repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packNpm } from './pack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const skipTests = args.includes('--skip-tests');
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 ? args[outAt + 1] : join(root, 'release'));
for (const a of args) if (a.startsWith('--') && !['--dry-run', '--skip-tests', '--out'].includes(a)) fail(`unknown option ${a}`);

const read = (rel) => readFileSync(join(root, rel), 'utf8');
const sh = (cmd, argv, opts = {}) => execFileSync(cmd, argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });
const say = (s) => console.log(`release: ${s}`);
function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}
function warnOrFail(message) {
  if (!dryRun) fail(message);
  console.error(`release: warning: ${message} (--dry-run goes on)`);
}

const version = JSON.parse(read('package.json')).version;
if (!/^\d+\.\d+\.\d+$/.test(version)) fail(`package.json's version "${version}" is not x.y.z`);
const tag = `v${version}`;
say(`version ${version}${dryRun ? ' (dry run: no tag)' : ''}`);

// One version everywhere it is written.
const cliVersion = /VERSION = '([^']+)'/.exec(read('src/cli/version.ts'))?.[1];
if (cliVersion !== version) fail(`src/cli/version.ts says ${cliVersion}, package.json ${version}`);
for (const pinned of read('README.md').matchAll(/signoff-dev\/signoff@(v[\d.]+)|rev: (v[\d.]+)/g)) {
  if ((pinned[1] ?? pinned[2]) !== tag) fail(`README pins ${pinned[1] ?? pinned[2]}, not ${tag}`);
}
if (!read('CHANGELOG.md').includes(`[${version}]`)) warnOrFail(`CHANGELOG.md has no [${version}] section`);

const git = existsSync(join(root, '.git')) && spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root }).status === 0;
if (git) {
  if (sh('git', ['status', '--porcelain', '--untracked-files=no']).trim()) warnOrFail('the working tree has uncommitted changes');
  if (spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`], { cwd: root }).status === 0) warnOrFail(`the tag ${tag} exists already`);
} else if (!dryRun) fail('not a git repository: nothing to tag');

// The committed Action bundle is what src/ builds now (the action runs it as committed).
const fresh = join(mkdtempSync(join(tmpdir(), 'signoff-release-')), 'index.js');
sh(process.execPath, ['esbuild.mjs', '--action', '--outfile', fresh]);
if (!readFileSync(fresh).equals(readFileSync(join(root, 'action/index.js')))) fail('action/index.js is stale: run `npm run build:action` and commit it');
rmSync(dirname(fresh), { recursive: true, force: true });

if (skipTests) say('tests skipped (--skip-tests)');
else {
  say('npm test');
  const t = spawnSync('npm', ['test'], { cwd: root, stdio: 'inherit' });
  if (t.status !== 0) fail('npm test failed');
}

mkdirSync(out, { recursive: true });
const tarball = packNpm(out);
const packed = JSON.parse(sh('tar', ['-xzOf', tarball, 'package/package.json'])).version;
if (packed !== version) fail(`${tarball} holds version ${packed}`);
say(`npm package: ${tarball}`);

// The production bundles are in dist/ now (pack.mjs built them): the .vsix takes them as they are.
const vsix = join(out, `signoff-${version}.vsix`);
sh(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
const extension = JSON.parse(sh('unzip', ['-p', vsix, 'extension/package.json'])).version;
if (extension !== version) fail(`${vsix} holds version ${extension}`);
say(`VS Code extension: ${vsix}`);

if (dryRun) say(`would tag ${tag} (dry run)`);
else {
  sh('git', ['tag', '-a', tag, '-m', `signoff ${version}`]);
  say(`tagged ${tag}: push it with \`git push origin ${tag}\`, then publish ${tarball} and ${vsix}`);
}
