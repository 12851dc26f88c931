// npm `postinstall` of this repository (`npm ci`/`npm install` in a clone): builds dist/. Not `prepare` nor
// `prepack`: pre-commit installs its hook with `npm install` then `npm pack` in a clone of this repository and reads
// the tarball's name from what `npm pack` prints on stdout, where npm also prints a banner for each script `npm pack`
// runs; so the build happens at install, silently. In an installed package (no esbuild.mjs beside it) it does
// nothing, and the package users install, packed by scripts/pack.mjs, has no scripts at all.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Without esbuild (an `npm install --omit=dev` of a clone) there is nothing to build with.
if (existsSync(join(root, 'esbuild.mjs')) && existsSync(join(root, 'node_modules', 'esbuild'))) {
  execFileSync(process.execPath, [join(root, 'esbuild.mjs'), ...process.argv.slice(2)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
