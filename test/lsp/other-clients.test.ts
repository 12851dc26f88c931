/**
 * What a client other than VS Code gets (Neovim, Helix, Emacs: no Signoff client code, no initializationOptions):
 * go to definition on evidence, the server's own checklist commands applied through workspace/applyEdit, toggling
 * as a code action, and code lenses whose commands the server itself executes (no run commands it cannot honour).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CodeLens, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { COMMAND_RUN_PHASE, COMMAND_RUN_SNIPPET, SERVER_COMMAND_CHECK_PHASE, SERVER_COMMAND_TOGGLE_TASK, SERVER_COMMAND_UNCHECK_PHASE } from '../../src/protocol/index';
import { applyLspEdits, ensureBuilt, makeWorkspace, startClient, type TestClient } from './client';
import { certificate, checklist, PAY_PY } from './fixtures';

describe('a client without Signoff client code', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  let c: TestClient;
  const applied: WorkspaceEdit[] = [];
  const texts = new Map<string, { text: string; version: number }>();

  before(async () => {
    ensureBuilt();
    ws = makeWorkspace({ 'src/pay.py': PAY_PY, 'certs/pay.md': certificate(), 'ops/deploy.md': checklist() });
    c = await startClient({
      rootUri: ws.uri(''),
      settings: { evidence: { git: false } },
      capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } } },
    });
    // The editor's side of workspace/applyEdit: apply to its buffer, tell the server, answer applied.
    c.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      applied.push(p.edit);
      for (const change of p.edit.documentChanges ?? []) {
        const { uri, version } = (change as { textDocument: { uri: string; version: number } }).textDocument;
        const doc = texts.get(uri)!;
        if (version !== doc.version) return { applied: false, failureReason: 'stale version' };
        const text = applyLspEdits(doc.text, (change as { edits: TextEdit[] }).edits);
        texts.set(uri, { text, version: doc.version + 1 });
        c.change(uri, doc.version + 1, [{ text }]);
      }
      return { applied: true };
    });
    for (const rel of ['certs/pay.md', 'ops/deploy.md']) {
      const text = rel.endsWith('pay.md') ? certificate() : checklist();
      texts.set(ws.uri(rel), { text, version: 1 });
      c.open(ws.uri(rel), text, 1);
    }
  });

  after(async () => {
    await c?.stop();
    ws?.dispose();
  });

  test('initialize announces definition and the server commands', () => {
    assert.equal(c.init.capabilities.definitionProvider, true);
    assert.deepEqual(c.init.capabilities.executeCommandProvider?.commands, [SERVER_COMMAND_TOGGLE_TASK, SERVER_COMMAND_CHECK_PHASE, SERVER_COMMAND_UNCHECK_PHASE]);
  });

  test('definition on an evidence reference: the cited file and range; elsewhere, nothing', async () => {
    const uri = ws.uri('certs/pay.md');
    const line = certificate().split('\n').indexOf('- src/pay.py:1-3');
    const loc = await c.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: { line, character: 5 } });
    assert.deepEqual(loc, { uri: ws.uri('src/pay.py'), range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } });
    const single = certificate().split('\n').indexOf('- Totals are rounded once: src/pay.py:2');
    const one = await c.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: { line: single, character: 30 } });
    assert.deepEqual(one?.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } });
    assert.equal(await c.request('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 2 } }), null);
  });

  test('code lenses offer only commands the server executes', async () => {
    const uri = ws.uri('ops/deploy.md');
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command!.title, l.command!.command, l.command!.arguments]), [
      [4, '1/3 done · Check all', SERVER_COMMAND_CHECK_PHASE, [uri, { phase: 1 }]],
      [23, '0/1 done · Check all', SERVER_COMMAND_CHECK_PHASE, [uri, { phase: 2 }]],
    ]);
    assert.ok(lenses.every((l) => l.command!.command !== COMMAND_RUN_PHASE && l.command!.command !== COMMAND_RUN_SNIPPET));
  });

  test('executeCommand toggles a task and checks/unchecks a phase through workspace/applyEdit', async () => {
    const uri = ws.uri('ops/deploy.md');
    const before = texts.get(uri)!.text;
    assert.deepEqual(await c.request('workspace/executeCommand', { command: SERVER_COMMAND_TOGGLE_TASK, arguments: [uri, 10] }), { applied: true });
    const edit = applied.at(-1)!.documentChanges![0] as { edits: TextEdit[] };
    assert.deepEqual(edit.edits, [{ range: { start: { line: 8, character: 2 }, end: { line: 8, character: 5 } }, newText: '[x]' }]);
    assert.equal(texts.get(uri)!.text, before.replace('- [ ] **Lint**', '- [x] **Lint**'));

    // A lens's own command and arguments, as the client would run them.
    const lens = (await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }))[0];
    assert.equal(lens.command!.title, '2/3 done · Check all');
    await c.request('workspace/executeCommand', lens.command);
    assert.match(texts.get(uri)!.text, /- \[x\] Build the archive/);
    assert.equal((await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }))[0].command!.title, '3/3 done · Uncheck all');
    await c.request('workspace/executeCommand', { command: SERVER_COMMAND_UNCHECK_PHASE, arguments: [uri, 6] });
    const after = texts.get(uri)!.text;
    assert.equal(after.split('\n').filter((l) => l.includes('[x]')).length, 0, 'phase 1 unchecked, phase 2 had none');
    assert.equal(after.replace(/\[x\]/g, '[ ]'), before.replace(/\[x\]/g, '[ ]'), 'only checkbox characters changed');
    // Nothing to toggle: null, and no edit sent.
    const count = applied.length;
    assert.equal(await c.request('workspace/executeCommand', { command: SERVER_COMMAND_TOGGLE_TASK, arguments: [uri, 0] }), null);
    assert.equal(applied.length, count);
  });

  test('toggling is a code action on the task line (Helix has no code lenses)', async () => {
    const uri = ws.uri('ops/deploy.md');
    const at = (line: number) => c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character: 4 }, end: { line, character: 4 } }, context: { diagnostics: [] } });
    const actions = (await at(25)).filter((a) => a.kind === 'refactor.rewrite.signoff.toggleTask');
    assert.deepEqual(actions.map((a) => a.title), ['Check task']);
    const { edits } = actions[0].edit!.documentChanges![0] as { edits: TextEdit[] };
    assert.deepEqual(edits, [{ range: { start: { line: 25, character: 2 }, end: { line: 25, character: 5 } }, newText: '[x]' }]);
    assert.deepEqual(await at(2), [], 'no task on the line: no action');
    const onlyFixes = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 25, character: 4 }, end: { line: 25, character: 4 } }, context: { diagnostics: [], only: ['quickfix'] } });
    assert.deepEqual(onlyFixes, []);
  });
});
