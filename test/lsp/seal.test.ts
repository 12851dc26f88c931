/**
 * Sealed certificates through the real language server over stdio: the signoff/seal request seals the unsaved
 * buffer and answers one edit; documentInfo carries the seal's state for the status bar (sealed, modified, stale
 * references); the hover on `Certificate Hash` explains the seal; an untrusted workspace cannot seal.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DOCUMENT_INFO_REQUEST, SEAL_REQUEST, type DocumentInfo, type SealResult } from '../../src/protocol/index';
import { applyLspEdits, ensureBuilt, makeWorkspace, startClient, type TestClient } from './client';
import { describe as statusText } from '../../src/client/status-text';

const CODE = 'def total(items):\n    subtotal = sum(items)\n    return round(subtotal, 2)\n';

const CERT = `# PAYMENT REVIEW CERTIFICATE

**Component**: payments
**Agent**: code-reviewer
**Date**: 2025-03-04 10:15:00 UTC
**Certificate ID**: PAY-SEAL-20250304

## REVIEW SCOPE

- \`src/pay.py\`: payments totals

## FINDINGS

Rounding happens once, at \`src/pay.py:2-3\`.

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: correct.

## EVIDENCE

- \`src/pay.py:2-3\`

## SIGNATURE

Agent: code-reviewer
Timestamp: 2025-03-04 10:15:00 UTC
Certificate Hash: decorative
`;

const codes = (d: Diagnostic[]) => d.map((x) => x.code);

describe('sealing in the language server', () => {
  let c: TestClient;
  let ws: ReturnType<typeof makeWorkspace>;
  before(async () => {
    ensureBuilt();
    ws = makeWorkspace({ 'certs/pay.md': CERT, 'src/pay.py': CODE });
    c = await startClient({ rootUri: ws.uri('') });
  });
  after(async () => {
    await c.stop();
    ws.dispose();
  });

  test('seal the open buffer, then the status follows edits of the text and of the cited code', async () => {
    const uri = ws.uri('certs/pay.md');
    c.open(uri, CERT, 1);
    await c.waitForDiagnostics(uri, () => true);
    const unsealed = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
    assert.equal(unsealed.seal, undefined);
    const hashLine = CERT.split('\n').findIndex((l) => l.startsWith('Certificate Hash'));
    type H = { contents: { value: string } } | null;
    const before = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: { line: hashLine, character: 3 } });
    assert.match(before!.contents.value, /not checked\. This certificate is not sealed/);

    const result = await c.request<SealResult>(SEAL_REQUEST, { uri, version: 1 });
    assert.ok(result.ok && result.edit, JSON.stringify(result));
    assert.match(result.summary, /^Sealed: sha256:[0-9a-f]{12}…, 2 fingerprints\.$/);
    const sealed = applyLspEdits(CERT, [result.edit]);
    assert.match(sealed, /^Certificate Hash: sha256:[0-9a-f]{64}$/m);
    assert.match(sealed, /<!-- signoff-seal v1\n[\s\S]*-->\n$/);
    // The server answers edits only; the client applies them (one undo step, unsaved buffers).
    c.change(uri, 2, [{ text: sealed }]);
    await c.waitForDiagnostics(uri, (d) => !codes(d).includes('cert-hash-mismatch'));
    const info = await waitForSeal(c, uri, (s) => s?.state === 'sealed');
    assert.deepEqual(info.seal, { state: 'sealed', staleReferences: 0, signature: 'none' });
    assert.equal(statusText(info)!.text, '$(verified) APPROVED · $(lock) Sealed');

    const hover = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: { line: hashLine, character: 3 } });
    assert.match(hover!.contents.value, /the SHA-256 of this certificate's text/);
    assert.match(hover!.contents.value, /fingerprint of 1 cited line range and 1 file cited as a whole in 1 file/);
    assert.match(hover!.contents.value, /- Text: as sealed\n- Evidence: intact\n- Signature: none/);

    const edited = sealed.replace('Rounding happens once', 'Rounding happens twice');
    c.change(uri, 3, [{ text: edited }]);
    const d = await c.waitForDiagnostics(uri, (x) => codes(x).includes('cert-hash-mismatch'));
    assert.match(d.find((x) => x.code === 'cert-hash-mismatch')!.message, /section "FINDINGS" \(line 12\) differs/);
    const modified = await waitForSeal(c, uri, (s) => s?.state === 'modified');
    assert.equal(statusText(modified)!.text, '$(verified) APPROVED · $(unlock) Modified since sealing');
    assert.equal(statusText(modified)!.warn, true);

    c.change(uri, 4, [{ text: sealed }]);
    writeFileSync(join(ws.root, 'src/pay.py'), CODE.replace('round(subtotal, 2)', 'round(subtotal, 3)'));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('src/pay.py'), type: 2 }] });
    await c.waitForDiagnostics(uri, (x) => x.filter((y) => y.code === 'evidence-stale').length >= 2);
    const stale = await waitForSeal(c, uri, (s) => s?.staleReferences === 1);
    assert.equal(statusText(stale)!.text, '$(verified) APPROVED · $(warning) 1 reference stale');
  });

  test('an untrusted workspace does not seal', async () => {
    const untrusted = await startClient({ rootUri: ws.uri(''), initializationOptions: { workspaceTrusted: false } });
    try {
      const uri = ws.uri('certs/pay.md');
      untrusted.open(uri, CERT, 1);
      assert.deepEqual(await untrusted.request<SealResult>(SEAL_REQUEST, { uri, version: 1 }), { ok: false, error: 'Sealing needs a trusted workspace.' });
    } finally {
      await untrusted.stop();
    }
  });
});

/** documentInfo once the check of the current version has landed (the seal state comes from its findings). */
async function waitForSeal(c: TestClient, uri: string, accept: (s: DocumentInfo['seal']) => boolean): Promise<DocumentInfo> {
  for (let i = 0; i < 100; i++) {
    const info = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
    if (accept(info.seal)) return info;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the seal state never matched (last: ${JSON.stringify((await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri })).seal)})`);
}
