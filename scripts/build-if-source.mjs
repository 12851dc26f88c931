// npm postinstall: builds dist/ in a source checkout (pre-commit installs the hook by `npm install` in a clone of
// this repository, then `npm pack`, whose output it reads, so the build must not run, nor print, at pack time).
// In an installed package (no esbuild.mjs beside it) there is nothing to build.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(join(root, 'esbuild.mjs')) && existsSync(join(root, 'node_modules', 'esbuild'))) {
  execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
}
