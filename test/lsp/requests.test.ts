/**
 * The server over stdio answers what it must: a request with invalid params gets an LSP error response (not a
 * silent null), and the server goes on serving; a feature asked about a version right after an edit answers with
 * that version's findings (it awaits the version's check, src/server/document-version.ts), never an older one's.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENT_INFO_REQUEST, SEAL_REQUEST, type DocumentInfo, type SealResult } from '../../src/protocol/index';
import { applyLspEdits, ensureBuilt, makeWorkspace, startClient, type TestClient } from './client';
import { certificate, checklist, PAY_PY } from './fixtures';

let client: TestClient;
let ws: ReturnType<typeof makeWorkspace>;

before(async () => {
  ensureBuilt();
  ws = makeWorkspace({ 'ops/deploy.md': checklist(), 'certs/pay.md': certificate(), 'src/pay.py': PAY_PY });
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

test('documentInfo right after an edit carries the seal state of that very version (no waiting for diagnostics)', async () => {
  const uri = ws.uri('certs/pay.md');
  client.open(uri, certificate(), 1);
  const result = await client.request<SealResult>(SEAL_REQUEST, { uri, version: 1 });
  assert.ok(result.ok && result.edit, JSON.stringify(result));
  const sealed = applyLspEdits(certificate(), [result.edit]);
  // Each request is sent at once after the edit, well inside the typing debounce: the answer must still be the
  // edited version's, because the request awaits that version's check (or starts it).
  client.change(uri, 2, [{ text: sealed }]);
  const intact = await client.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
  assert.equal(intact.seal?.state, 'sealed', JSON.stringify(intact.seal));
  client.change(uri, 3, [{ text: sealed.replace('Only the happy path.', 'Every path.') }]);
  const modified = await client.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
  assert.equal(modified.seal?.state, 'modified', JSON.stringify(modified.seal));
  client.change(uri, 4, [{ text: sealed }]);
  const back = await client.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
  assert.equal(back.seal?.state, 'sealed', JSON.stringify(back.seal));
});
