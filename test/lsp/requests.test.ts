/**
 * The server over stdio answers what it must: a request with invalid params gets an LSP error response (not a
 * silent null), and the server goes on serving.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureBuilt, makeWorkspace, startClient, type TestClient } from './client';
import { checklist } from './fixtures';

let client: TestClient;
let ws: ReturnType<typeof makeWorkspace>;

before(async () => {
  ensureBuilt();
  ws = makeWorkspace({ 'ops/deploy.md': checklist() });
  client = await startClient({ rootUri: ws.uri('') });
});

after(async () => {
  await client?.stop();
  ws?.dispose();
});

test('workspace/executeCommand with a URI that is not an open document is answered with InvalidParams', async () => {
  const refused = await client.request('workspace/executeCommand', { command: 'signoff.toggleTask', arguments: [ws.uri('nowhere.md'), 0] }).then(
    (r) => ({ answered: r }),
    (e: { code?: number; message?: string }) => e,
  );
  assert.equal((refused as { code?: number }).code, -32602, `expected an InvalidParams error, got ${JSON.stringify(refused)}`);
  assert.match(String((refused as { message?: string }).message), /first argument must be the URI of an open document/);
  assert.ok(!client.logs.some((l) => /executeCommand failed/.test(l)), 'an error answered on purpose is not logged as a failure');
  // The server is still there and answers.
  const uri = ws.uri('ops/deploy.md');
  client.open(uri, checklist());
  const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.length > 0);
});
