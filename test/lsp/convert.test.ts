/** Core positions and findings -> LSP: 0-based lines, UTF-16 characters, CRLF and lone CR line ends. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { LineIndex, type Finding } from '../../src/core/index';
import { findingToDiagnostic, linesToRange, offsetAt, spanToRange, toLspEdits, toLspPosition } from '../../src/server/convert';

test('positions: 1-based core line and UTF-16 column become 0-based LSP ones', () => {
  assert.deepEqual(toLspPosition({ line: 1, column: 1 }), { line: 0, character: 0 });
  assert.deepEqual(toLspPosition({ line: 12, column: 7 }), { line: 11, character: 6 });
});

test('spans after emoji count surrogate pairs as two characters, on CRLF and CR lines', () => {
  const text = 'a\r\n🎉🎉 x\rz 👍 y\n';
  const lines = new LineIndex(text);
  const x = text.indexOf('x');
  assert.deepEqual(spanToRange(lines, { start: x, end: x + 1 }), { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } });
  const y = text.indexOf('y');
  assert.deepEqual(spanToRange(lines, { start: y, end: y + 1 }), { start: { line: 2, character: 5 }, end: { line: 2, character: 6 } });
  // Back again: an LSP position maps to the same offset; a character past the line end clamps before the \r\n.
  assert.equal(offsetAt(lines, { line: 1, character: 5 }), x);
  assert.equal(offsetAt(lines, { line: 0, character: 99 }), 1);
});

test('a finding becomes a diagnostic with code, docs link, source and related information', () => {
  const text = 'one\r\n✅ two\r\n';
  const lines = new LineIndex(text);
  const start = text.indexOf('two');
  const finding: Finding = {
    ruleId: 'cert-title',
    severity: 'warning',
    message: 'm',
    span: { start, end: start + 3 },
    start: lines.positionAt(start),
    end: lines.positionAt(start + 3),
    related: [
      { path: 'other.md', span: { start: 4, end: 7 }, message: 'there' },
      { path: 'src/a.py', line: 2, endLine: 3, message: 'cited' },
    ],
  };
  const otherLines = new LineIndex('abc\ndef\n');
  const d = findingToDiagnostic(finding, {
    uriOf: (p) => `file:///w/${p}`,
    linesOf: (p) => (p === 'other.md' ? otherLines : undefined),
  });
  assert.deepEqual(d.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
  assert.equal(d.severity, 2);
  assert.equal(d.code, 'cert-title');
  // The rule's page shipped with the extension (opens offline), not only the code host's URL.
  assert.equal(d.codeDescription?.href, URI.file(join(__dirname, '..', '..', 'docs', 'rules', 'cert-title.md')).toString());
  assert.ok(existsSync(URI.parse(d.codeDescription!.href).fsPath));
  assert.equal(d.source, 'signoff');
  assert.deepEqual(d.relatedInformation, [
    { location: { uri: 'file:///w/other.md', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }, message: 'there' },
    { location: { uri: 'file:///w/src/a.py', range: { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } } }, message: 'cited' },
  ]);
});

test('edits and line ranges', () => {
  const text = 'x 🎉 y\r\nlast';
  const lines = new LineIndex(text);
  assert.deepEqual(toLspEdits(lines, [{ start: 5, end: 6, newText: 'Y' }]), [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 6 } }, newText: 'Y' }]);
  assert.deepEqual(linesToRange(lines, 1, 2), { start: { line: 0, character: 0 }, end: { line: 1, character: 4 } });
});
