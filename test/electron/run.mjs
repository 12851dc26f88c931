// `npm run test:electron`: the extension in a real VS Code downloaded by @vscode/test-electron. Where VS Code cannot
// be downloaded (no access to Microsoft's update service, as on the build machines), it says so and exits 0: CI
// does not depend on this suite (the code-server end-to-end suite runs there instead).
// Needs a display: on a headless Linux machine run it under `xvfb-run -a npm run test:electron`.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
if (!existsSync(join(repo, 'dist', 'extension.js')) || !existsSync(join(repo, 'dist', 'server.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
let executable;
try {
  executable = await downloadAndUnzipVSCode({
    version: process.env.SIGNOFF_VSCODE_VERSION ?? 'stable',
    cachePath: join(tmpdir(), 'signoff-vscode-test'),
    timeout: 20_000,
  });
} catch (e) {
  console.log(`skipped: cannot download VS Code here (${String(e?.message ?? e).split('\n')[0]})`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'signoff-electron-'));
const workspace = join(work, 'workspace');
cpSync(join(here, 'workspace'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(here, 'suite.cjs'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--user-data-dir', join(work, 'user-data'),
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
} catch (e) {
  console.error(`electron tests failed: ${e?.message ?? e}`);
  code = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
