import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeControl, isPrintable } from '../../src/core/text/sanitize';

test('control characters are escaped so printed text stays one inert line', () => {
  assert.equal(escapeControl('a\n::warning::X\r\n'), 'a\\n::warning::X\\r\\n');
  assert.equal(escapeControl('\x1b]0;T\x07\x1b[2J'), '\\x1b]0;T\\x07\\x1b[2J');
  assert.equal(escapeControl('\u009b31m\u2028\u202e'), '\\x9b31m\\u2028\\u202e');
  assert.equal(escapeControl('tab\tstays, ünïcode ✅ stays'), 'tab\tstays, ünïcode ✅ stays');
  assert.equal(isPrintable('plain ✅'), true);
  assert.equal(isPrintable('x\x00'), false);
  assert.equal(isPrintable('x\x00'), false, 'a second call gives the same answer (no regex state kept)');
});
