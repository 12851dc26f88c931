/**
 * A Markdown file close to a kind (a certification title and header fields, but no verdict) gets one information diagnostic on its
 * title while it is open, with a quick fix that inserts the directive; after the fix it is checked as that kind.
 * A file that is plainly neither gets nothing. The real server over stdio.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { applyLspEdits, ensureBuilt, makeWorkspace, startClient, type TestClient } from './client';

const NEAR = '# Payments Certification\n\n**Component**: payments\n**Date**: 2025-01-01\n\nWe looked at the payments code.\n\n## Notes\n\nNothing more.\n';
const PLAIN = '# Migration Plan\n\n## Phase 1\n\n- [ ] write it\n';

describe('the kind hint', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  let c: TestClient;
  before(async () => {
    ensureBuilt();
    ws = makeWorkspace({ 'docs/near.md': NEAR, 'docs/plan.md': PLAIN });
    c = await startClient({ rootUri: ws.uri('') });
  });
  after(async () => {
    await c.stop();
    ws.dispose();
  });

  test('one information diagnostic on the title, a quick fix inserting the directive, then the kind applies', async () => {
    const uri = ws.uri('docs/near.md');
    c.open(uri, NEAR, 1);
    const d = await c.waitForDiagnostics(uri, (x) => x.length > 0);
    assert.equal(d.length, 1);
    assert.equal(d[0].code, 'document-kind');
    assert.equal(d[0].severity, 3);
    assert.deepEqual(d[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 24 } });
    assert.match(d[0].message, /close to a certificate/);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, context: { diagnostics: d } });
    assert.deepEqual(actions.map((a) => a.title), ['Check this file as a certificate (insert <!-- signoff: certificate -->)']);
    const e = actions[0].edit!;
    const edits = (e.documentChanges ? (e.documentChanges[0] as { edits: TextEdit[] }).edits : e.changes![uri]);
    const fixed = applyLspEdits(NEAR, edits);
    assert.equal(fixed, '<!-- signoff: certificate -->\n' + NEAR);
    c.change(uri, 2, [{ text: fixed }]);
    // Now a certificate: the certificate rules speak, the hint is gone.
    const after = await c.waitForDiagnostics(uri, (x: Diagnostic[]) => x.some((y) => y.code === 'cert-header-field'));
    assert.ok(!after.some((y) => y.code === 'document-kind'));
  });

  test('a plain plan gets no diagnostic and no action', async () => {
    const uri = ws.uri('docs/plan.md');
    c.open(uri, PLAIN, 1);
    const d = await c.waitForDiagnostics(uri, () => true);
    assert.deepEqual(d, []);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
  });
});
