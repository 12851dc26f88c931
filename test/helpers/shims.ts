/** `npx signoff …` runs this checkout's CLI and `npm` does nothing: how the README's CI recipes are run in tests. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './cli';

/** A folder holding the `npx` and `npm` shims, to put first on PATH. */
export function shims(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signoff-shims-'));
  writeFileSync(join(dir, 'npx'), `#!/usr/bin/env bash\n[ "$1" = signoff ] || exit 127\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  writeFileSync(join(dir, 'npm'), '#!/usr/bin/env bash\nexit 0\n');
  for (const f of ['npx', 'npm']) chmodSync(join(dir, f), 0o755);
  return dir;
}
