/**
 * The CLI and the editor open a workspace the same way (src/node/workspace.ts): a `.signoff.json` that is not a
 * regular file is skipped with the same one-line warning on `signoff check`'s stderr and in the server's log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';
import { ensureBuilt, makeWorkspace, startClient } from './client';
import { certificate } from './fixtures';

/** Resolves once `found` holds (checked on each log message the client records), or rejects after `ms`. */
async function until(found: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!found()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a .signoff.json that is a folder: the same warning from signoff check and from the server', async () => {
  ensureBuilt();
  const ws = makeWorkspace({ '.signoff.json/readme.txt': 'a folder, not a config file\n', 'docs/cert.md': certificate() });
  const client = await startClient({ rootUri: ws.uri('') });
  try {
    const cli = runCli(['check', '--root', ws.root]);
    const fromCli = cli.stderr.split('\n').filter((l) => /signoff\.json/.test(l)).map((l) => l.replace(/^signoff: /, ''));
    assert.deepEqual(fromCli, ['.signoff.json is not a regular file: not read, the defaults apply'], cli.stderr);
    await until(() => client.logs.some((l) => /signoff\.json/.test(l)), 20_000, 'the server to log about .signoff.json');
    const fromServer = client.logs.filter((l) => /signoff\.json/.test(l));
    assert.deepEqual(fromServer, fromCli, 'the same words in the editor as on the command line');
  } finally {
    await client.stop();
    ws.dispose();
  }
});
