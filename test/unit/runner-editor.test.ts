/** The editor runner's pure parts: terminal text, the display cap, DocumentInfo -> runner input, result matching. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisplayLimiter, snippetEnd, toTerminal, verdictSummary, commandLines, phaseHeader, taskHeader, taskEnd, verdictLine } from '../../src/client/runner/format';
import { matchResult, phaseFromInfo } from '../../src/runner/index';
import type { PhaseInfo, RunSnippetResult, RunTaskResult, TaskInfo } from '../../src/protocol/index';

const range = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });

test('terminal text: LF and CRLF become CRLF, lone CR passes', () => {
  assert.equal(toTerminal('a\nb\r\nc\rd'), 'a\r\nb\r\nc\rd');
  assert.equal(commandLines('echo a\r\necho b\n', 'bash').replace(/\x1b\[\d+m/g, ''), '[bash]\r\n$ echo a\r\n$ echo b\r\n');
});

test('the display cap shows the first N characters, then one notice, then nothing until reset', () => {
  const d = new DisplayLimiter(10);
  assert.equal(d.take('12345\n'), '12345\r\n');
  const second = d.take('abcdefgh');
  assert.ok(second.startsWith('abcd'), second);
  assert.match(second, /more output not shown/);
  assert.equal(d.take('more'), '');
  d.reset();
  assert.equal(d.take('xy'), 'xy');
});

test('snippet end line: exit code, timeout and expectations', () => {
  const base: RunSnippetResult = { lang: 'bash', command: 'x', commandSha256: '', exitCode: 2, signal: null, timedOut: false, durationMs: 1500, outputExcerpt: '', outputSha256: '', expected: [{ text: 'ok', met: false, class: 'literal' }] };
  const plain = (s: string) => s.replace(/\x1b\[\d+m/g, '');
  assert.equal(plain(snippetEnd(base)), '=> exit code 2 (expected 0) in 1.5 s; expected "ok": NOT met\r\n');
  assert.equal(plain(snippetEnd({ ...base, exitCode: 0, expected: [{ text: 'Should greet', met: false, class: 'prose' }] })), '=> exit code 0 in 1.5 s\r\n   needs a person: Should greet\r\n');
  assert.equal(plain(snippetEnd({ ...base, exitCode: 1, expectedExit: 1, expected: [] })), '=> exit code 1 in 1.5 s\r\n');
  assert.equal(plain(snippetEnd({ ...base, exitCode: null, signal: 'SIGKILL', timedOut: true, timeoutMs: 1000 })), '=> timed out (limit 1 s), killed after 1.5 s; expected "ok": NOT met\r\n');
  assert.equal(verdictSummary([{ phase: 1, verdict: 'GO', passed: 1, failed: 0, manual: 0, skipped: 0 }, { phase: 2, verdict: 'NO-GO', passed: 0, failed: 1, manual: 0, skipped: 0 }]), 'Phase 1: GO · Phase 2: NO-GO');
});

test('DocumentInfo phases become runner phases with 1-based lines', () => {
  const task: TaskInfo = { checked: false, checkboxRange: range(4, 2, 5), label: 'Build', text: 'Build: it builds', line: 4, endLine: 8, phase: 1, snippets: [{ lang: 'bash', code: 'make', range: range(5, 2, 8), expected: ['ok'] }] };
  const phase: PhaseInfo = { number: 1, name: 'Build', headingRange: range(2, 0, 20), endLine: 9, done: 0, total: 1, tasks: [task] };
  assert.deepEqual(phaseFromInfo(phase), { number: 1, name: 'Build', tasks: [{ phase: 1, line: 5, label: 'Build', text: 'Build: it builds', checked: false, snippets: [{ lang: 'bash', code: 'make', expected: ['ok'] }] }] });
});

test('a result is matched to the task with the same phase, label and text, nearest its recorded line', () => {
  const t = (line: number, label: string, phase = 1) => ({ line, label, text: `${label}: x`, phase });
  const tasks = [t(3, 'A'), t(10, 'B'), t(20, 'B'), t(30, 'B', 2)];
  const r = (line: number, label: string, phase = 1): RunTaskResult => ({ phase, line, label, text: `${label}: x`, status: 'passed', snippets: [] });
  assert.equal(matchResult(r(18, 'B'), tasks, 0), tasks[2]);
  assert.equal(matchResult(r(12, 'B'), tasks, 0), tasks[1]);
  assert.equal(matchResult(r(31, 'B', 2), tasks, 0), tasks[3]);
  assert.equal(matchResult(r(3, 'C'), tasks, 0), undefined);
  // 1-based task lines (the core's model) against 1-based result lines.
  assert.equal(matchResult(r(21, 'B'), tasks, 1), tasks[2]);
});

test('the run terminal shows document text escaped around the output: no phase name, label or command moves the terminal', () => {
  const evil = 'Deploy \x1b]0;TITLE\x07\x1b[2J\n::warning::X';
  const printed = [
    phaseHeader({ number: 1, name: evil, tasks: [] }),
    taskHeader({ phase: 1, line: 3, text: evil, label: evil, snippets: [] }),
    commandLines(`echo hi ${evil}`, 'bash'),
    taskEnd({ phase: 1, line: 3, text: evil, label: evil, status: 'skipped', snippets: [] }),
    taskEnd({ phase: 1, line: 3, text: evil, status: 'failed', snippets: [], reviewGate: `Requires review of ${evil}` }),
    verdictLine({ phase: 1, verdict: 'NO-GO', passed: 0, failed: 1, manual: 0, skipped: 0, pending: 0, manualOpen: 0 }, evil),
  ].join('');
  // Signoff's own colours are the only ESC sequences left: `ESC[` + digits + `m`.
  assert.doesNotMatch(printed.replace(/\x1b\[\d+m/g, ''), /\x1b|\x07/);
  assert.match(printed, /Deploy \\x1b\]0;TITLE\\x07\\x1b\[2J\\n::warning::X/);
  assert.match(printed, /failed, not run: Requires review of Deploy/);
  assert.ok(!printed.split(/\r?\n/).some((l) => l.replace(/\x1b\[\d+m/g, '').startsWith('::')));
});
