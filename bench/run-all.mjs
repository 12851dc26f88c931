// Runs every bench (each is also runnable alone) and prints their RESULT lines as one summary.
// `npm run bench` builds the production bundles first.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { ROOT, machine } from './lib.mjs';

const benches = ['activation.mjs', 'keystroke.mjs', 'corpus.mjs', 'docs-repo.mjs', 'workspace.mjs', 'evidence.mjs', 'run-expectations.mjs', 'seal.mjs', 'changed-since.mjs', 'adversarial.mjs'].filter((b) => existsSync(join(ROOT, 'bench', b)));
const results = [];
for (const b of benches) {
  console.log(`\n=== ${b}`);
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', b)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout);
  if (r.status !== 0) results.push(`${b}: FAILED (exit ${r.status})`);
  for (const line of r.stdout.split('\n')) if (line.startsWith('RESULT ')) results.push(line.slice(7));
}
console.log(`\n=== summary (${machine()})`);
for (const r of results) console.log(`  ${r}`);
