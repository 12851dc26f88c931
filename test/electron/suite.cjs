/**
 * Runs inside VS Code's extension host (the extensionTestsPath of @vscode/test-electron): a tiny sequential runner,
 * no mocha. The workspace is a copy of test/electron/workspace. Each test drives the extension through the public
 * API as a user would (open, select, run a command) and waits on what VS Code reports, never on fixed sleeps.
 */
const vscode = require('vscode');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');

const EXTENSION_ID = 'signoff-dev.signoff';
const root = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
const uri = (rel) => vscode.Uri.file(path.join(root(), rel));

async function waitFor(what, fn, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(uri(rel));
  return vscode.window.showTextDocument(doc);
}

const codeOf = (d) => (typeof d.code === 'object' ? d.code.value : d.code);
const lineOf = (doc, text) => doc.getText().split(/\r?\n/).findIndex((l) => l.includes(text));

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('activates on a Markdown file', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, 'the extension under development is installed');
  await open('deploy-checklist.md');
  await waitFor('activation', () => ext.isActive);
});

test('diagnostics carry the rule id and its docs link', async () => {
  await open('review-certificate.md');
  const d = await waitFor('cert-status-value', () => vscode.languages.getDiagnostics(uri('review-certificate.md')).find((x) => codeOf(x) === 'cert-status-value'));
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.match(String(d.code.target), /docs\/rules\/cert-status-value\.md$/);
  assert.equal(d.source, 'signoff');
});

test('Toggle Task checks the task at the cursor, only its checkbox changes, and one undo restores it', async () => {
  const editor = await open('deploy-checklist.md');
  const doc = editor.document;
  const before = doc.getText();
  const line = lineOf(doc, '**Compile**');
  editor.selection = new vscode.Selection(line, 10, line, 10);
  await vscode.commands.executeCommand('signoff.toggleTask');
  await waitFor('[x] on Compile', () => doc.lineAt(line).text.startsWith('- [x] **Compile**'));
  assert.equal(doc.getText().length, before.length);
  assert.equal(doc.isDirty, true, 'edits unsaved documents in place');
  await vscode.commands.executeCommand('undo');
  await waitFor('undo', () => doc.getText() === before);
});

test('Toggle Task on a selection holding a mix checks them all; again unchecks them all', async () => {
  const editor = await open('deploy-checklist.md');
  const doc = editor.document;
  const first = lineOf(doc, '**Lint**');
  const last = lineOf(doc, '**Unit tests**');
  editor.selection = new vscode.Selection(first, 0, last, 5);
  await vscode.commands.executeCommand('signoff.toggleTask');
  await waitFor('both checked', () => doc.lineAt(first).text.startsWith('- [x]') && doc.lineAt(last).text.startsWith('- [x]'));
  await vscode.commands.executeCommand('signoff.toggleTask');
  await waitFor('both unchecked', () => doc.lineAt(first).text.startsWith('- [ ]') && doc.lineAt(last).text.startsWith('- [ ]'));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('Check All in Phase checks the phase at the cursor only', async () => {
  const editor = await open('deploy-checklist.md');
  const doc = editor.document;
  const heading = lineOf(doc, 'Phase 1: Build');
  editor.selection = new vscode.Selection(heading + 1, 0, heading + 1, 0);
  await vscode.commands.executeCommand('signoff.checkAllInPhase');
  await waitFor('phase 1 checked', () => !doc.getText().split('### **Phase 2')[0].includes('- [ ]'));
  assert.match(doc.getText().split('### **Phase 2')[1], /- \[ \] \*\*Tag\*\*/);
  await vscode.commands.executeCommand('signoff.uncheckAllInPhase');
  await waitFor('phase 1 unchecked', () => !doc.getText().split('### **Phase 2')[0].includes('- [x]'));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('CRLF documents keep their line endings', async () => {
  const crlf = fs.readFileSync(uri('deploy-checklist.md').fsPath, 'utf8').replace(/\r?\n/g, '\r\n');
  fs.writeFileSync(uri('crlf-checklist.md').fsPath, crlf);
  const editor = await open('crlf-checklist.md');
  const doc = editor.document;
  assert.equal(doc.eol, vscode.EndOfLine.CRLF);
  const line = lineOf(doc, '**Tag**');
  editor.selection = new vscode.Selection(line, 3, line, 3);
  await vscode.commands.executeCommand('signoff.toggleTask');
  await waitFor('[x] on Tag', () => doc.lineAt(line).text.startsWith('- [x]'));
  assert.equal(doc.eol, vscode.EndOfLine.CRLF);
  assert.equal(doc.getText(), crlf.replace('- [ ] **Tag**', '- [x] **Tag**'));
});

test('New Certificate opens an untitled certificate with Agent, Date and ID filled in', async () => {
  await vscode.workspace.getConfiguration('signoff').update('defaultAgent', 'e2e-agent', vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('signoff.newCertificate');
  const editor = await waitFor('an untitled editor', () => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.isUntitled && e.document.getText().includes('CERTIFICATE') ? e : undefined;
  });
  const text = editor.document.getText();
  assert.equal(editor.document.languageId, 'markdown');
  assert.match(text, /^\*\*Agent\*\*: e2e-agent$/m);
  assert.match(text, /^\*\*Date\*\*: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/m);
  assert.match(text, /^\*\*Certificate ID\*\*: CERT-E2E-AGENT-\d{8}-\d{6}$/m);
  // The server sees the unsaved document: it is a certificate whose status the template filled in.
  await waitFor('diagnostics on the untitled certificate', () => vscode.languages.getDiagnostics(editor.document.uri).some((x) => codeOf(x) === 'cert-section-empty'));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('Restart Server: diagnostics come back after a restart', async () => {
  await vscode.commands.executeCommand('signoff.restartServer');
  const editor = await open('review-certificate.md');
  const line = lineOf(editor.document, '**Status**');
  await editor.edit((b) => b.replace(editor.document.lineAt(line).range, '**Status**: APPROVED'));
  await waitFor('cert-status-value gone', () => !vscode.languages.getDiagnostics(editor.document.uri).some((x) => codeOf(x) === 'cert-status-value'));
  await editor.edit((b) => b.replace(editor.document.lineAt(line).range, '**Status**: NOPE'));
  await waitFor('cert-status-value back', () => vscode.languages.getDiagnostics(editor.document.uri).some((x) => codeOf(x) === 'cert-status-value'));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

exports.run = async function run() {
  const failures = [];
  for (const t of tests) {
    const start = Date.now();
    try {
      await t.fn();
      console.log(`ok - ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failures.push(t.name);
      console.log(`not ok - ${t.name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
    }
  }
  console.log(`${tests.length - failures.length}/${tests.length} passed`);
  if (failures.length) throw new Error(`${failures.length} electron test(s) failed: ${failures.join('; ')}`);
};
