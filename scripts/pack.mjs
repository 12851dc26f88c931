// `npm run pack:npm [-- --out DIR]`: the npm tarball users install, signoff-<version>.tgz, in DIR (default: the
// repository root); prints its path. The production bundles are built first; the files are those .npmignore lets
// through (as `npm pack` lists them), staged with a package.json that has no scripts, so installing the tarball
// runs nothing and npm has nothing to warn about.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function packNpm(out = root) {
  const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  run(process.execPath, ['esbuild.mjs', '--production']);
  const [listing] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']));
  const stage = mkdtempSync(join(tmpdir(), 'signoff-stage-'));
  try {
    for (const { path } of listing.files) {
      // package.json is written below; scripts/ serves only the postinstall of a clone's own pack (pre-commit).
      if (path === 'package.json' || path.startsWith('scripts/')) continue;
      mkdirSync(dirname(join(stage, path)), { recursive: true });
      cpSync(join(root, path), join(stage, path));
    }
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    delete manifest.scripts;
    writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    mkdirSync(out, { recursive: true });
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', resolve(out)], stage));
    return join(resolve(out), packed.filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  console.log(packNpm(at > 0 ? process.argv[at + 1] : root));
}
