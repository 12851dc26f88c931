// npm `prepack` (`npm pack`, `npm publish`, a git dependency): the production bundles that go into the tarball.
// The package has no install script, not even `prepare` (npm 11 warns about it on every install of the tarball):
// `npm test` and `npm run build` build a clone. Silent on success: pre-commit installs its hook with `npm install`
// then `npm pack` in a clone of this repository, and reads the tarball's name from what `npm pack` prints.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Without esbuild (an `npm install --omit=dev` of a clone) there is nothing to build with.
if (existsSync(join(root, 'esbuild.mjs')) && existsSync(join(root, 'node_modules', 'esbuild'))) {
  execFileSync(process.execPath, [join(root, 'esbuild.mjs'), ...process.argv.slice(2)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
