/**
 * A copy of this checkout's source (the files git tracks or would, as they are in the working tree) in a temporary folder,
 * with this checkout's node_modules linked in: packing or releasing there builds its own dist/, so the tests that
 * run this checkout's dist/ meanwhile never see it replaced.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

const REPO = join(__dirname, '..', '..');

/** What packing and releasing read when this checkout is not a git repository (a source archive). */
const FALLBACK = ['package.json', 'package-lock.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'esbuild.mjs', 'tsconfig.json', '.vscodeignore', 'src', 'scripts', 'docs', 'schemas', 'syntaxes', 'media'];

export function packageCopy(): { dir: string; pack: () => string; npm: (args: string[]) => ReturnType<typeof spawnSync> } {
  const dir = join(mkdtempSync(join(tmpdir(), 'signoff-pkg-')), 'signoff');
  mkdirSync(dir);
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  const files = listed.status === 0 ? listed.stdout.split('\0').filter((f) => f && existsSync(join(REPO, f))) : FALLBACK;
  for (const f of files) {
    if (f.startsWith('test/') || f.startsWith('bench/')) continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(REPO, f), join(dir, f), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false' };
  for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|command)/.test(k)) delete env[k];
  const npm = (args: string[]) => spawnSync('npm', args, { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
  return {
    dir,
    npm,
    /** The tarball users install, as scripts/pack.mjs makes it. */
    pack: () => {
      const out = join(dir, '..', 'packed');
      const r = spawnSync(process.execPath, ['scripts/pack.mjs', '--out', out], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
      if (r.status !== 0) throw new Error(`scripts/pack.mjs failed: ${r.stderr}`);
      const tarball = r.stdout.trim();
      if (!readdirSync(out).includes(basename(tarball))) throw new Error(`no ${tarball}`);
      return tarball;
    },
  };
}
