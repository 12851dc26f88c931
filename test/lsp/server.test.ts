/**
 * The bundled language server (dist/server.js) over stdio, driven by a real JSON-RPC client: one editor session
 * through every feature, then the CLI's `lsp --stdio`, documents outside any folder, and a restart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { CodeAction, CodeLens, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Range, TextEdit } from 'vscode-languageserver-protocol';
import { COMMAND_RUN_PHASE, COMMAND_RUN_SNIPPET, DOCUMENT_INFO_REQUEST, RUN_RECORDED_NOTIFICATION, type DocumentInfo } from '../../src/protocol/index';
import { applyLspEdits, CLI, ensureBuilt, makeWorkspace, startClient, type TestClient } from './client';
import { certificate, checklist, failedRunRecord, PAY_PY } from './fixtures';

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
const has = (rule: string) => (d: Diagnostic[]) => codes(d).includes(rule);
const lacks = (rule: string) => (d: Diagnostic[]) => !codes(d).includes(rule);

/** Mojibake after an emoji, on a CRLF line: `‚úÖ` is `✅` read as Mac OS Roman. */
const DAMAGED_LINE = 'Checked 🎉 ‚úÖ and ‚ùå both';
/** References: an ambiguous bare name, a line past the end, one in range. */
const CITES_LINE = 'Also util.py:1 and src/pay.py:9 and src/pay.py:2 again.\n\nThe test `tests/test_pay.py::TestPay::test_total` passes.';

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const e = action.edit!;
  if (e.documentChanges) {
    const out: TextEdit[] = [];
    for (const dc of e.documentChanges) if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
    return out;
  }
  return e.changes?.[uri] ?? [];
}

/** The text an LSP range covers (LF-only texts). */
function sliceRange(text: string, r: Range): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

function names(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}`, ...names(s.children ?? [], depth + 1)]);
}

describe('language server session', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  let c: TestClient;

  before(async () => {
    ensureBuilt();
    ws = makeWorkspace({
      'src/pay.py': PAY_PY,
      'tests/test_pay.py': 'from src.pay import total\n\nclass TestPay:\n    def test_total(self):\n        assert total([1, 2]) == 3\n\n    def test_other(self):\n        pass\n',
      // Closed, never opened: two H1s.
      'certs/closed.md': certificate({ id: 'PAY-CLOSED' }).replace('## REVIEW SCOPE', '# SECOND TITLE\n\n## REVIEW SCOPE'),
      'certs/open.md': certificate({ id: 'PAY-OPEN', eol: '\r\n' }),
      'ops/deploy.md': checklist(),
      'notes/readme.md': '# Just notes\n\nNothing to check here.\n',
      'a/util.py': 'A = 1\n',
      'b/util.py': 'B = 2\n',
      'src/long.py': 'one = 1\ntwo = 2\nthree = 3\n',
      'certs/cites.md': certificate({ id: 'PAY-CITES', extra: CITES_LINE }),
      'certs/stale.md': certificate({ id: 'PAY-STALE', extra: 'Also see src/long.py:8 for the tail.' }),
    });
    // Drift needs git history; these temp folders have none, so it is off unless a test turns it on.
    // The VS Code client's options: it implements the lenses' run commands (other clients: other-clients.test.ts).
    c = await startClient({ rootUri: ws.uri(''), settings: { evidence: { git: false } }, initializationOptions: { clientCommands: true } });
  });

  after(async () => {
    await c?.stop();
    ws?.dispose();
  });

  test('initialize announces the capabilities the client relies on', () => {
    const caps = c.init.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.signoff', 'refactor.rewrite.signoff.toggleTask']);
    assert.ok(caps.hoverProvider);
    assert.ok(caps.documentLinkProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.foldingRangeProvider);
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.equal(c.init.serverInfo?.name, 'signoff');
  });

  test('a closed certificate on disk gets diagnostics from the background scan, with progress', async () => {
    const d = await c.waitForDiagnostics(ws.uri('certs/closed.md'), has('cert-title'));
    const title = d.find((x) => x.code === 'cert-title')!;
    assert.equal(title.source, 'signoff');
    assert.equal(title.severity, 1);
    // The page inside the extension (dist/../docs/rules), so the link works offline.
    assert.equal(title.codeDescription?.href, URI.file(join(__dirname, '..', '..', 'docs', 'rules', 'cert-title.md')).toString());
    assert.equal(title.range.start.line, 7); // the second H1, 0-based
    assert.deepEqual(title.range.end, { line: 7, character: '# SECOND TITLE'.length });
    const kinds = () => c.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    for (let i = 0; i < 100 && !kinds().includes('end'); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(kinds()[0], 'begin');
    assert.ok(kinds().includes('report'));
    assert.equal(kinds()[kinds().length - 1], 'end');
    // File watching for every file is registered (cited files can be anything).
    const watch = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, { watchers: [{ globPattern: '**/*' }] });
    // A Markdown file that is neither kind gets nothing.
    assert.equal(c.diagnostics.get(ws.uri('notes/readme.md')), undefined);
  });

  test('didOpen and didChange re-validate the buffer; ranges are UTF-16 and CRLF-aware', async () => {
    const uri = ws.uri('certs/open.md');
    const text = certificate({ id: 'PAY-OPEN', eol: '\r\n' });
    c.open(uri, text, 1);
    await c.waitForDiagnostics(uri, (d) => d.length === 0);
    // Insert a damaged line after FINDINGS' item: a change, not a save.
    const lines = text.split('\r\n');
    const at = lines.indexOf('- Totals are rounded once: src/pay.py:2');
    c.change(uri, 2, [{ range: { start: { line: at + 1, character: 0 }, end: { line: at + 1, character: 0 } }, text: `${DAMAGED_LINE}\r\n` }]);
    const d = await c.waitForDiagnostics(uri, (x) => x.filter((y) => y.code === 'encoding-mojibake').length === 2);
    const first = d.find((x) => x.code === 'encoding-mojibake')!;
    // `Checked 🎉 ` is 8 + 2 (a surrogate pair) + 1 UTF-16 units.
    assert.deepEqual(first.range, { start: { line: at + 1, character: 11 }, end: { line: at + 1, character: 14 } });
    assert.equal(first.severity, 2);
  });

  test('quick fixes: every fix on the finding, the first safe one preferred; applied, the finding goes', async () => {
    const uri = ws.uri('certs/open.md');
    const text = certificate({ id: 'PAY-OPEN', eol: '\r\n' });
    const lines = text.split('\r\n');
    const at = lines.indexOf('- Totals are rounded once: src/pay.py:2') + 1;
    const current = [...lines.slice(0, at), DAMAGED_LINE, ...lines.slice(at)].join('\r\n');
    const diags = c.diagnostics.get(uri)!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: at, character: 12 }, end: { line: at, character: 12 } },
      context: { diagnostics: diags.filter((x) => x.range.start.line === at) },
    });
    const quick = actions.filter((a) => a.kind === 'quickfix');
    assert.deepEqual(quick.map((a) => a.title), ['Repair to "✅"', 'Repair all 2 damaged runs in this file']);
    assert.equal(quick[0].isPreferred, true);
    assert.equal(quick[1].isPreferred, undefined);
    assert.equal(quick[0].diagnostics?.[0].code, 'encoding-mojibake');
    assert.equal((quick[0].edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 2);
    const fixed = applyLspEdits(current, editsOf(quick[0], uri));
    assert.ok(fixed.includes('Checked 🎉 ✅ and ‚ùå both\r\n'), 'only the damaged run changed');
    assert.equal(fixed.length, current.length - 2);
    c.change(uri, 3, [{ text: fixed }]);
    const d = await c.waitForDiagnostics(uri, (x) => x.filter((y) => y.code === 'encoding-mojibake').length === 1);
    assert.equal(d.find((x) => x.code === 'encoding-mojibake')!.range.start.character, 'Checked 🎉 ✅ and '.length);
  });

  test('source.fixAll.signoff applies every safe fix, computed on the current text', async () => {
    const uri = ws.uri('certs/open.md');
    const base = certificate({ id: 'PAY-OPEN', eol: '\r\n' });
    // Two mojibake runs on one line, one on another, and a Date in ISO form with a zone (a safe rewrite).
    const text = base.replace('## EVIDENCE', `${DAMAGED_LINE}\r\n\r\n## EVIDENCE`).replace('The payment', '‚úÖ The payment')
      .replace('2025-08-23 06:00:00 UTC\r\n**Certificate ID**', '2025-08-23T06:00:00Z\r\n**Certificate ID**');
    c.change(uri, 4, [{ text }]);
    // No waiting for diagnostics: the request must see version 4 anyway.
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.signoff']);
    const fixed = applyLspEdits(text, editsOf(actions[0], uri));
    assert.equal(fixed, base.replace('## EVIDENCE', 'Checked 🎉 ✅ and ❌ both\r\n\r\n## EVIDENCE').replace('The payment', '✅ The payment'));
    c.change(uri, 5, [{ text: fixed }]);
    await c.waitForDiagnostics(uri, (d) => lacks('encoding-mojibake')(d) && lacks('cert-date-format')(d));
    // Quick fixes only when asked for quick fixes.
    const onlyQuick = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } }, context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(onlyQuick, []);
  });

  test('document symbols and folding of a certificate', async () => {
    const uri = ws.uri('certs/open.md');
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(names(symbols), [
      'PAYMENTS REVIEW CERTIFICATE',
      '  REVIEW SCOPE',
      '    Sub-scope',
      '  FINDINGS',
      '  DECISION/OUTCOME',
      '  EVIDENCE',
      '  SIGNATURE',
    ]);
    const scope = symbols[0].children![0];
    assert.equal(scope.range.start.line, 7);
    assert.equal(scope.range.end.line, 13); // last non-blank line before ## FINDINGS
    const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[7, 13], [15, 17], [19, 24], [26, 28], [30, 34]]);
  });

  test('checklist: outline (parts, phases, groups, tasks), folding by phase, code lenses, documentInfo', async () => {
    const uri = ws.uri('ops/deploy.md');
    const text = checklist();
    c.open(uri, text, 1);
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(names(symbols), [
      'Release Checklist',
      '  Pre-Deployment Checklist',
      '    Phase 1: Build',
      '      Tests',
      '        Lint',
      '        Unit',
      '      Package',
      '        Build the archive',
      '    Phase 2: Ship',
      '      Deploy',
    ]);
    const lint = symbols[0].children![0].children![0].children![0].children![0];
    assert.equal(lint.detail, '[ ]');
    assert.deepEqual(lint.selectionRange.start, { line: 8, character: 2 });

    const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[2, 32], [4, 21], [23, 32]]);

    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command!.title, l.command!.command, l.command!.arguments]), [
      [4, '1/3 done · ▶ Run phase checks', COMMAND_RUN_PHASE, [uri, 1]],
      [23, '0/1 done · ▶ Run phase checks', COMMAND_RUN_PHASE, [uri, 2]],
      [9, '▶ Run in terminal', COMMAND_RUN_SNIPPET, [uri, 9]],
      [26, '▶ Run in terminal', COMMAND_RUN_SNIPPET, [uri, 26]],
    ]);

    // documentInfo reflects an edit sent just before it, without waiting for any debounce.
    c.change(uri, 2, [{ range: { start: { line: 8, character: 3 }, end: { line: 8, character: 4 } }, text: 'x' }]);
    const info = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
    assert.equal(info.kind, 'checklist');
    assert.equal(info.title, 'Release Checklist');
    assert.deepEqual(info.progress, { done: 2, total: 4 });
    assert.equal(info.phases!.length, 2);
    const p1 = info.phases![0];
    assert.deepEqual([p1.number, p1.name, p1.done, p1.total, p1.endLine], [1, 'Build', 2, 3, 21]);
    assert.deepEqual(p1.headingRange, { start: { line: 4, character: 0 }, end: { line: 4, character: '### **Phase 1: Build**'.length } });
    const t = p1.tasks[0];
    assert.deepEqual([t.checked, t.label, t.line, t.endLine, t.phase], [true, 'Lint', 8, 12, 1]);
    assert.deepEqual(t.checkboxRange, { start: { line: 8, character: 2 }, end: { line: 8, character: 5 } });
    assert.deepEqual(t.snippets.map((s) => [s.lang, s.code, s.expected, s.range.start.line, s.range.end.line]), [
      ['bash', 'echo lint-ok\n# Expected: lint-ok', ['lint-ok'], 9, 12],
    ]);
    assert.deepEqual(info.looseTasks, []);
    assert.equal(p1.lastRun, undefined);
  });

  test('a run record appearing re-checks the checklist and puts its verdict on the code lens', async () => {
    const uri = ws.uri('ops/deploy.md');
    c.change(uri, 3, [{ text: checklist() }]);
    await c.waitForDiagnostics(uri, lacks('checklist-check-failed'));
    ws.write('.signoff/runs/deploy-20260110T090000Z.json', failedRunRecord('ops/deploy.md', '2026-01-10T09:00:00.000Z'));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.signoff/runs/deploy-20260110T090000Z.json'), type: 1 }] });
    const d = await c.waitForDiagnostics(uri, has('checklist-check-failed'));
    assert.equal(d.find((x) => x.code === 'checklist-check-failed')!.range.start.line, 8);
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command!.title, '1/3 done · ▶ Run phase checks · NO-GO');
    const info = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
    assert.deepEqual(info.phases![0].lastRun, { verdict: 'NO-GO', at: '2026-01-10T09:00:00.000Z', record: '.signoff/runs/deploy-20260110T090000Z.json', failed: 1 });
    assert.equal(info.phases![1].lastRun, undefined);
  });

  test('an expectation or snippet edited after the run marks the lens verdict stale', async () => {
    const uri = ws.uri('ops/deploy.md');
    // The record of the test above is still there; its hashes are of the snippet as it was.
    c.change(uri, 30, [{ text: checklist().replace('# Expected: lint-ok', '# Expected: lint-clean') }]);
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command!.title, '1/3 done · ▶ Run phase checks · NO-GO (stale: changed since the run)');
    const info = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
    assert.equal(info.phases![0].lastRun?.stale, true);
    c.change(uri, 31, [{ text: checklist() }]);
    const back = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(back[0].command!.title, '1/3 done · ▶ Run phase checks · NO-GO', 'back as it ran: not stale');
  });

  /** Deletes a run record (with its file event) and waits until the checklist has no failed check left. */
  async function removeRecord(uri: string, record: string): Promise<void> {
    ws.remove(record);
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(record), type: 3 }] });
    await c.waitForDiagnostics(uri, lacks('checklist-check-failed'));
  }

  test('a steady stream of unrelated file events (git polling) does not postpone the re-check a run record asks for', async () => {
    const uri = ws.uri('ops/deploy.md');
    const record = '.signoff/runs/deploy-20260110T090000Z.json';
    await removeRecord(uri, record);
    // VS Code's git extension touches .git/index every few hundred ms; here every 50 ms, faster than the batch delay.
    const noise = setInterval(() => c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.git/index'), type: 2 }] }), 50);
    try {
      ws.write(record, failedRunRecord('ops/deploy.md', '2026-01-10T09:00:00.000Z'));
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(record), type: 1 }] });
      await c.waitForDiagnostics(uri, has('checklist-check-failed'), 5000);
    } finally {
      clearInterval(noise);
    }
  });

  test('signoff/runRecorded re-checks the checklist with no file event at all (a watcher that missed the record)', async () => {
    const uri = ws.uri('ops/deploy.md');
    const record = '.signoff/runs/deploy-20260110T090000Z.json';
    await removeRecord(uri, record);
    const later = '.signoff/runs/deploy-20260111T090000Z.json';
    ws.write(later, failedRunRecord('ops/deploy.md', '2026-01-11T09:00:00.000Z'));
    // Nothing else is sent: without the notification this document would keep its diagnostics.
    c.notify(RUN_RECORDED_NOTIFICATION, { checklistUri: uri });
    await c.waitForDiagnostics(uri, has('checklist-check-failed'), 5000);
    const info = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
    assert.equal(info.phases![0].lastRun?.record, later, 'the lens verdict comes from the new record too');
    await removeRecord(uri, later);
  });

  test('document links: every resolved reference opens its file at the cited range', async () => {
    const uri = ws.uri('certs/cites.md');
    const text = certificate({ id: 'PAY-CITES', extra: CITES_LINE });
    c.open(uri, text);
    const links = await c.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    const payUri = ws.uri('src/pay.py');
    const seen = links.map((l) => [sliceRange(text, l.range), l.target]);
    // In document order; the ambiguous util.py:1 has none.
    assert.deepEqual(seen, [
      // Whole lines: from column 1 of the first to column 1 of the line after the last (VS Code's opener selects that).
      ['src/pay.py` (lines 1-3)', `${payUri}#L1%2C1-L4%2C1`],
      ['src/pay.py:2', `${payUri}#L2%2C1-L3%2C1`],
      ['src/pay.py:9', `${payUri}#L9%2C1-L10%2C1`],
      ['src/pay.py:2', `${payUri}#L2%2C1-L3%2C1`],
      // A pytest node id opens at its test's `def` (line 4 of test_pay.py, inside class TestPay).
      ['tests/test_pay.py::TestPay::test_total', `${ws.uri('tests/test_pay.py')}#L4%2C1-L6%2C1`],
      ['src/pay.py:1-3', `${payUri}#L1%2C1-L4%2C1`],
    ]);
    assert.equal(URI.parse(links[0].target!).fragment, 'L1,1-L4,1');
    assert.equal(links.find((l) => l.target === `${payUri}#L1%2C1-L4%2C1`)!.tooltip, 'Open src/pay.py, lines 1-3');
  });

  test('hover on a reference: the cited lines fenced in the file\'s language, and their state', async () => {
    const uri = ws.uri('certs/cites.md');
    const text = certificate({ id: 'PAY-CITES', extra: CITES_LINE });
    await c.waitForDiagnostics(uri, has('evidence-line-range'));
    const at = (needle: string, from = 0) => {
      const offset = text.indexOf(needle, from) + 2;
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    const extraAt = text.indexOf(CITES_LINE);
    type H = { contents: { kind: string; value: string }; range: { start: { line: number } } };
    const ok = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: at('src/pay.py:2', extraAt) });
    assert.equal(ok.contents.kind, 'markdown');
    assert.match(ok.contents.value, /^\*\*src\/pay\.py\*\* · line 2/);
    assert.match(ok.contents.value, /✓ In range \(the file has 3 lines\)\./);
    assert.match(ok.contents.value, /Resolved under the workspace root\./, 'the hover says which rule found the file');
    assert.ok(ok.contents.value.includes('```python\n    return round(sum(items), 2)\n```'), ok.contents.value);
    const past = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: at('src/pay.py:9') });
    assert.match(past.contents.value, /Past the end: the file has 3 lines\./);
    assert.match(past.contents.value, /Line 9 of src\/pay\.py is past its end/, 'the finding on it is quoted');
    const amb = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: at('util.py:1') });
    assert.match(amb.contents.value, /\*\*Ambiguous\*\*: `util.py` matches 2 files:/);
    assert.match(amb.contents.value, /Looked for under the workspace root, the nearest folder of the document holding a match\./);
    assert.ok(amb.contents.value.includes(`- [a/util.py](${ws.uri('a/util.py')}#L1%2C1-L2%2C1)`), amb.contents.value);
    const node = await c.request<H>('textDocument/hover', { textDocument: { uri }, position: at('test_pay.py::TestPay') });
    assert.match(node.contents.value, /^\*\*tests\/test_pay\.py\*\*\n\n`TestPay::test_total` · line 4\n\n```python\n    def test_total\(self\):\n        assert total\(\[1, 2\]\) == 3\n```/, node.contents.value);
    assert.doesNotMatch(amb.contents.value, /⚠:/, 'the ambiguity is said once, not again as its finding');
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }), null);
  });

  test('an ambiguous reference offers each candidate; choosing one resolves it', async () => {
    const uri = ws.uri('certs/cites.md');
    const text = certificate({ id: 'PAY-CITES', extra: CITES_LINE });
    const diags = await c.waitForDiagnostics(uri, has('evidence-ambiguous'));
    const amb = diags.find((d) => d.code === 'evidence-ambiguous')!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: amb.range, context: { diagnostics: [amb] } });
    const forIt = actions.filter((a) => a.diagnostics?.[0]?.code === 'evidence-ambiguous');
    assert.equal(forIt.length, 2, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(forIt.every((a) => !a.isPreferred), 'a guess between candidates is never preferred');
    const fixed = applyLspEdits(text, editsOf(forIt[0], uri));
    assert.ok(fixed.includes('Also a/util.py:1 and'), fixed);
    c.change(uri, 2, [{ text: fixed }]);
    await c.waitForDiagnostics(uri, (d) => lacks('evidence-ambiguous')(d) && has('evidence-line-range')(d));
    c.close(uri);
  });

  test('a cited file that changes or disappears re-checks the closed documents citing it', async () => {
    const stale = ws.uri('certs/stale.md');
    await c.waitForDiagnostics(stale, has('evidence-line-range'));
    ws.write('src/long.py', Array.from({ length: 10 }, (_, i) => `v${i} = ${i}`).join('\n') + '\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('src/long.py'), type: 2 }] });
    await c.waitForDiagnostics(stale, lacks('evidence-line-range'));
    ws.remove('src/long.py');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('src/long.py'), type: 3 }] });
    await c.waitForDiagnostics(stale, has('evidence-file-missing'));
  });

  test('signoff.evidence.git is read per folder', async () => {
    // The repository-level note is said once per workspace, on the first document (in path order) citing files.
    const saying = () => [...c.diagnostics].filter(([, d]) => has('evidence-drift')(d)).map(([uri]) => uri);
    const until = async (what: string, ok: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!ok()) {
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; saying: ${JSON.stringify(saying())}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    assert.deepEqual(saying(), []);
    c.settings.byScope.set(ws.uri(''), { evidence: { git: true } });
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await until('the drift note on one document', () => saying().length === 1);
    const d = c.diagnostics.get(saying()[0])!;
    assert.match(d.find((x) => x.code === 'evidence-drift')!.message, /not a git repository/);
    c.settings.byScope.delete(ws.uri(''));
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await until('no drift note', () => saying().length === 0);
  });

  test('an unsaved document is checked against the first folder, and cleared when closed', async () => {
    const uri = 'untitled:Untitled-1';
    c.open(uri, certificate({ id: 'NEW-UNSAVED', extra: 'Cites src/pay.py:9.' }));
    const d = await c.waitForDiagnostics(uri, has('evidence-line-range'));
    assert.match(d.find((x) => x.code === 'evidence-line-range')!.message, /Line 9 of src\/pay\.py/);
    const info = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri });
    assert.deepEqual([info.kind, info.certificateId, info.status], ['certificate', 'NEW-UNSAVED', { raw: 'APPROVED', value: 'APPROVED' }]);
    c.close(uri);
    await c.waitForDiagnostics(uri, (x) => x.length === 0);
  });

  test('files created and deleted on disk are checked and cleared', async () => {
    const uri = ws.uri('certs/new.md');
    ws.write('certs/new.md', '# NEW CERTIFICATE\n\n**Certificate ID**: NEW-1\n\n# AGAIN\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await c.waitForDiagnostics(uri, has('cert-title'));
    ws.remove('certs/new.md');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await c.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  test('.signoff.json changes reload the config; a broken one is a config-invalid diagnostic and defaults apply', async () => {
    const closed = ws.uri('certs/closed.md');
    const config = ws.uri('.signoff.json');
    ws.write('.signoff.json', JSON.stringify({ rules: { 'cert-title': 'off' }, exclude: ['certs/stale.md'] }));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 1 }] });
    await c.waitForDiagnostics(closed, lacks('cert-title'));
    // An excluded file loses its diagnostics, open or not.
    await c.waitForDiagnostics(ws.uri('certs/stale.md'), (d) => d.length === 0);
    c.open(ws.uri('certs/stale.md'), certificate({ id: 'PAY-STALE', extra: 'Also see src/long.py:8 for the tail.' }));
    // documentInfo awaits the check of the open version: once answered, that check has published.
    await c.request(DOCUMENT_INFO_REQUEST, { uri: ws.uri('certs/stale.md') });
    assert.deepEqual(c.diagnostics.get(ws.uri('certs/stale.md')), []);
    c.close(ws.uri('certs/stale.md'));
    ws.write('.signoff.json', '{ "rules": { "cert-title": "off" ');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    const bad = await c.waitForDiagnostics(config, has('config-invalid'));
    assert.match(bad[0].message, /not valid JSON/);
    await c.waitForDiagnostics(closed, has('cert-title'));
    ws.remove('.signoff.json');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 3 }] });
    await c.waitForDiagnostics(config, (d) => d.length === 0);
  });

  test('settings come per resource from workspace/configuration and are re-read on change', async () => {
    const uri = ws.uri('certs/open.md');
    assert.ok(c.configurationRequests.some((r) => r.section === 'signoff' && r.scopeUri === uri), 'asked for the open document');
    assert.ok(c.configurationRequests.some((r) => r.section === 'signoff' && r.scopeUri === ws.uri('')), 'asked for the folder');
    c.change(uri, 6, [{ text: certificate({ id: 'PAY-OPEN' }).replace('## FINDINGS', '# EXTRA\n\n## FINDINGS') }]);
    await c.waitForDiagnostics(uri, has('cert-title'));
    c.settings.byScope.set(uri, { enable: false });
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await c.waitForDiagnostics(uri, (d) => d.length === 0);
    // Still disabled for that document after an edit; the folder's closed documents keep theirs.
    c.change(uri, 7, [{ text: certificate({ id: 'PAY-OPEN' }).replace('## FINDINGS', '# EXTRA\n\n## FINDINGS') + '\n' }]);
    // documentInfo awaits the check of version 7: once answered, that check has published.
    await c.request(DOCUMENT_INFO_REQUEST, { uri });
    assert.deepEqual(c.diagnostics.get(uri), []);
    assert.ok(has('cert-title')(c.diagnostics.get(ws.uri('certs/closed.md'))!));
    // A wrong value falls back to its default on its own.
    c.settings.byScope.set(uri, { enable: 'yes please', validate: { debounceMs: -5 } });
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await c.waitForDiagnostics(uri, has('cert-title'));
  });

  test('a request that throws is logged and answered empty; the server keeps serving', async () => {
    const uri = ws.uri('certs/open.md');
    const broken = await c.request<unknown>('textDocument/documentSymbol', { textDocument: null });
    assert.deepEqual(broken, []);
    const info = await c.request<unknown>(DOCUMENT_INFO_REQUEST, null);
    assert.equal(info, null);
    assert.ok(c.logs.some((l) => /documentSymbol failed: TypeError/.test(l)), c.logs.join('\n'));
    assert.ok(c.logs.some((l) => /signoff\/documentInfo failed/.test(l)), c.logs.join('\n'));
    assert.equal(c.exited(), false);
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0].name, 'PAYMENTS REVIEW CERTIFICATE');
    // A document the server does not have answers empty.
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: ws.uri('certs/nope.md') } }), []);
    assert.equal(await c.request(DOCUMENT_INFO_REQUEST, { uri: 'untitled:Untitled-1' }), null);
  });

  test('closing a document puts back the diagnostics of the file on disk', async () => {
    const uri = ws.uri('certs/open.md');
    c.settings.byScope.delete(uri);
    c.notify('workspace/didChangeConfiguration', { settings: null });
    c.close(uri);
    // On disk it is the clean CRLF certificate.
    await c.waitForDiagnostics(uri, (d) => d.length === 0);
  });
});

describe('other ways to start the server', { concurrency: 3 }, () => {
  before(() => ensureBuilt());

  test('`signoff lsp --stdio` serves the same server', async () => {
    const ws = makeWorkspace({ 'a.md': '# A CERTIFICATE\n\n**Certificate ID**: A-1\n\n# TWO\n' });
    const c = await startClient({ rootUri: ws.uri(''), command: 'cli' });
    try {
      assert.ok(c.init.capabilities.documentSymbolProvider);
      await c.waitForDiagnostics(ws.uri('a.md'), has('cert-title'));
    } finally {
      await c.stop();
      ws.dispose();
    }
  });

  test('a document outside every folder is checked with its own directory as root', async () => {
    const ws = makeWorkspace({ 'loose/cert.md': 'intro\n\n# LOOSE CERTIFICATE\n\n**Certificate ID**: L-1\n', 'loose/.signoff.json': '{"rules":{"encoding-mojibake":"error"}}' });
    const c = await startClient({ rootUri: null, capabilities: { workspace: { configuration: true } } });
    try {
      const uri = ws.uri('loose/cert.md');
      c.open(uri, 'intro ‚úÖ\n\n# LOOSE CERTIFICATE\n\n**Certificate ID**: L-1\n');
      const d = await c.waitForDiagnostics(uri, (x) => has('cert-title')(x) && has('encoding-mojibake')(x));
      assert.equal(d.find((x) => x.code === 'encoding-mojibake')!.severity, 1, 'the directory\'s .signoff.json applies');
      c.close(uri);
      await c.waitForDiagnostics(uri, (x) => x.length === 0);
    } finally {
      await c.stop();
      ws.dispose();
    }
  });

  test('untrusted workspace: git is never run, so drift is not even looked at', async () => {
    // d.md shares c.md's Certificate ID: its cert-id-unique finding shows the workspace pass (which says the
    // repository-level drift note) has run.
    const ws = makeWorkspace({ 'src/pay.py': PAY_PY, 'c.md': certificate(), 'd.md': certificate() });
    try {
      const verdicts: boolean[] = [];
      for (const workspaceTrusted of [true, false]) {
        const c = await startClient({ rootUri: ws.uri(''), settings: { evidence: { git: true } }, initializationOptions: { workspaceTrusted } });
        c.open(ws.uri('c.md'), certificate());
        const d = await c.waitForDiagnostics(ws.uri('c.md'), has('cert-id-unique'));
        verdicts.push(has('evidence-drift')(d));
        await c.stop();
      }
      assert.deepEqual(verdicts, [true, false]);
    } finally {
      ws.dispose();
    }
  });

  test('several workspace folders: each has its own root, index and config; a removed folder is cleared', async () => {
    const ws = makeWorkspace({
      'one/lib.py': 'a = 1\nb = 2\n',
      'one/src/pay.py': PAY_PY,
      'two/src/pay.py': PAY_PY,
      'one/x.md': certificate({ id: 'SAME-ID', extra: 'See lib.py:5.' }),
      'two/lib.py': Array.from({ length: 10 }, (_, i) => `v${i} = ${i}`).join('\n') + '\n',
      'two/y.md': certificate({ id: 'SAME-ID', extra: 'See lib.py:5.' }),
      'two/.signoff.json': JSON.stringify({ evidence: { git: false }, rules: { 'cert-title': 'off' } }),
    });
    const c = await startClient({ rootUri: ws.uri('one'), folders: [ws.uri('one'), ws.uri('two')], settings: { evidence: { git: false } } });
    try {
      await c.waitForDiagnostics(ws.uri('one/x.md'), has('evidence-line-range'));
      // A clean closed file gets no (empty) list; opened, it does.
      c.open(ws.uri('two/y.md'), certificate({ id: 'SAME-ID', extra: 'See lib.py:5.' }));
      const y = await c.waitForDiagnostics(ws.uri('two/y.md'), () => true);
      assert.deepEqual(y, [], 'lib.py:5 is in range in folder two, and the same ID in another folder is no duplicate');
      c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: ws.uri('one'), name: 'f0' }] } });
      await c.waitForDiagnostics(ws.uri('one/x.md'), (d) => d.length === 0);
    } finally {
      await c.stop();
      ws.dispose();
    }
  });

  test('drift in a real git repository: the diagnostic, and the hover says the cited lines drifted', async () => {
    const ws = makeWorkspace({ 'src/pay.py': PAY_PY });
    const git = (args: string[], date: string) => {
      const r = spawnSync('git', args, { cwd: ws.root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
      assert.equal(r.status, 0, r.stderr);
    };
    git(['init', '-q'], '2025-08-01T00:00:00Z');
    git(['add', '.'], '2025-08-01T00:00:00Z');
    git(['commit', '-q', '-m', 'pay'], '2025-08-01T00:00:00Z');
    // After the certificate's Date (2025-08-23), the cited line 2 changes.
    ws.write('src/pay.py', PAY_PY.replace('round(sum(items), 2)', 'round(sum(items), 3)'));
    git(['commit', '-q', '-am', 'more precision'], '2025-09-01T00:00:00Z');
    const text = certificate({ id: 'DRIFT-1' });
    ws.write('c.md', text);
    const c = await startClient({ rootUri: ws.uri(''), settings: { evidence: { git: true } } });
    try {
      const uri = ws.uri('c.md');
      c.open(uri, text);
      const d = await c.waitForDiagnostics(uri, has('evidence-drift'));
      const drift = d.find((x) => x.code === 'evidence-drift')!;
      const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: drift.range.start.line, character: drift.range.start.character + 1 } });
      assert.match(hover.contents.value, /↻ Drifted: /);
      assert.ok(hover.contents.value.includes(drift.message), hover.contents.value);
    } finally {
      await c.stop();
      ws.dispose();
    }
  });

  test('a restarted server starts the same way and finds the same problems', async () => {
    const ws = makeWorkspace({ 'a.md': '# A CERTIFICATE\n\n**Certificate ID**: A-1\n\n# TWO\n', 'b.md': '# B CERTIFICATE\n\n‚úÖ ok\n' });
    try {
      const runs: string[][] = [];
      for (let i = 0; i < 2; i++) {
        const c = await startClient({ rootUri: ws.uri('') });
        const a = await c.waitForDiagnostics(ws.uri('a.md'), has('cert-title'));
        const b = await c.waitForDiagnostics(ws.uri('b.md'), has('encoding-mojibake'));
        runs.push([...a, ...b].map((x) => `${x.code}@${x.range.start.line}:${x.range.start.character}`));
        await c.stop();
      }
      assert.deepEqual(runs[1], runs[0]);
    } finally {
      ws.dispose();
    }
  });
});

describe('the editor and the CLI agree', () => {
  const seeds = join(__dirname, '..', '..', '..', 'shared', 'seeds');

  test('on the real seed documents, the server pushes exactly the CLI\'s findings', { skip: existsSync(seeds) ? false : `${seeds} is absent (a fresh clone has no ../shared)` }, async () => {
    ensureBuilt();
    const cli = spawnSync(process.execPath, [CLI, 'check', '--root', seeds, '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(cli.stdout) as { files: { path: string; findings: { ruleId: string; line: number; column: number; endLine: number; endColumn: number }[] }[] };
    assert.ok(report.files.length >= 5);
    const c = await startClient({ rootUri: URI.file(seeds).toString() });
    try {
      const kinds = () => c.progress.map((p) => (p as { value: { kind: string } }).value.kind);
      for (let i = 0; i < 400 && !kinds().includes('end'); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(kinds().includes('end'), 'the scan finished');
      for (const f of report.files) {
        const uri = URI.file(join(seeds, f.path)).toString();
        const fromCli = f.findings.map((x) => `${x.ruleId}@${x.line}:${x.column}-${x.endLine}:${x.endColumn}`).sort();
        const fromServer = (c.diagnostics.get(uri) ?? []).map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`).sort();
        assert.deepEqual(fromServer, fromCli, f.path);
      }
    } finally {
      await c.stop();
    }
  });
});
