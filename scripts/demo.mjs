// `npm run demo`: checks the example workspace with the real CLI and explains the outcome.
// The example has problems on purpose, so exit code 1 ("findings reported") is the expected result here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(repo, 'examples', 'workspace');
console.log(`$ signoff check --root examples/workspace\n`);
const r = spawnSync(process.execPath, [join(repo, 'dist', 'cli.js'), 'check', '--root', root], { stdio: 'inherit' });
if (r.status === 0 || r.status === 1) {
  console.log(`\nsignoff exited with ${r.status}: ${r.status === 1 ? 'errors found, as intended in this example (CI would fail here).' : 'no errors.'}`);
  console.log('Try: node dist/cli.js check --root examples/workspace --format json | sarif, or --fix.');
  process.exit(0);
}
process.exit(r.status ?? 2);
