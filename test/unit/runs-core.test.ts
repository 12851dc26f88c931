/** src/core/runs: the pure definitions every reader of run records shares. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  commandHash, inputsByPhase, parseInputAssignment, parseRunRecord, recordedInputs, recordFileName, recordNamePattern, sha256Hex, signedPayload,
  snippetFailed, snippetPending, toReviewCount,
} from '../../src/core/runs/index';
import { ExpectationWatch } from '../../src/runner/expectation-watch';
import { classifyExpectation } from '../../src/runner/expectations';
import { quotedExpectation, verdictReason } from '../../src/runner/describe';
import type { RunSnippetResult, RunTaskResult } from '../../src/protocol/index';

test('sha256Hex equals node:crypto on empty, ASCII, multi-byte and block-boundary inputs', () => {
  for (const s of ['', 'abc', 'é🎉 über', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(1000)]) {
    assert.equal(sha256Hex(s), createHash('sha256').update(s, 'utf8').digest('hex'), JSON.stringify(s.slice(0, 10)));
  }
  assert.equal(commandHash('echo a\r\necho b'), commandHash('echo a\necho b'), 'CRLF and LF hash alike');
});

test('record names: one pattern for writers and readers; the counter of same-second runs', () => {
  const at = new Date('2026-01-02T03:04:05.678Z');
  assert.equal(recordFileName('ops/deploy.md', at), 'deploy-20260102T030405Z.json');
  assert.equal(recordFileName('ops/deploy.md', at, 3), 'deploy-20260102T030405Z-3.json');
  const re = recordNamePattern('ops/deploy.md');
  assert.ok(re.test('deploy-20260102T030405Z-3.json'));
  assert.ok(!re.test('deploy-copy.json'));
  assert.ok(!re.test('deploy.staging-20260102T030405Z.json'));
});

test('parseRunRecord: not a record unless version 1 with its fields; malformed tasks dropped; old expectations are literal', () => {
  assert.equal(parseRunRecord('{'), undefined);
  assert.equal(parseRunRecord(JSON.stringify({ checklist: 'a.md', phases: [], tasks: [], phaseResults: [], endedAt: 'x' })), undefined);
  const r = parseRunRecord(JSON.stringify({
    version: 1, checklist: 'a.md', phases: [1], endedAt: '2026-01-01T00:00:00Z', runner: 'cli', tasks: [
      { phase: 1, line: 3, text: 't', status: 'failed', snippets: [{ commandSha256: 'h', exitCode: 0, expected: [{ text: 'ok', met: false }] }] },
      { phase: 1, line: 4, text: 'bad', status: 'weird', snippets: [] },
    ], phaseResults: [{ phase: 1, verdict: 'NO-GO' }], signature: { namespace: 'signoff', signature: 'x' },
  }))!;
  assert.equal(r.tasks.length, 1);
  assert.equal(r.tasks[0].snippets[0].expected[0].class, 'literal');
  assert.equal(snippetFailed(r.tasks[0].snippets[0]), true, 'an unmet literal fails');
  assert.equal(r.signature, undefined, 'a signature of another namespace is not one');
  assert.doesNotMatch(signedPayload({ ...r, signature: { namespace: 'signoff-run', signature: 'S' } }), /"signature"/);
});

test('inputs: declared before the phases for all, inside a phase for that phase; assignments; secret-like values masked', () => {
  const text = '# L\n<!-- signoff: inputs VERSION, ENV -->\n## Phase 1\n<!-- signoff: inputs API_TOKEN -->\n## Phase 2\n';
  const p1 = text.indexOf('## Phase 1');
  const p2 = text.indexOf('## Phase 2');
  const map = inputsByPhase(text, [{ number: 1, span: { start: p1, end: p2 } }, { number: 2, span: { start: p2, end: text.length } }]);
  assert.deepEqual(map.get(1), ['VERSION', 'ENV', 'API_TOKEN']);
  assert.deepEqual(map.get(2), ['VERSION', 'ENV']);
  assert.deepEqual(parseInputAssignment('A=b=c'), { name: 'A', value: 'b=c' });
  assert.equal(parseInputAssignment('1A=b'), undefined);
  assert.deepEqual(recordedInputs(['VERSION', 'API_TOKEN', 'UNSET'], { VERSION: '1.2', API_TOKEN: 'abc' }), { VERSION: '1.2', API_TOKEN: '[masked]' });
});

test('literal match first: a prose or numeric expectation met word for word passes; `# Should` stays prose', () => {
  const checks = ['in src', '~7 errors', 'Should say in src'].map((t) => classifyExpectation(t));
  assert.deepEqual(checks.map((c) => c.class), ['prose', 'numeric', 'prose']);
  const w = new ExpectationWatch(checks);
  w.push('files in\n  src\n~7 errors here\n');
  const [prose, numeric, should] = w.end();
  assert.deepEqual(prose, { met: true, verbatim: true });
  assert.equal(numeric.met, true);
  assert.deepEqual(should, { met: false });
});

test('verdict words: failures first, then reviews; quotes once', () => {
  const snip = (over: Partial<RunSnippetResult>): RunSnippetResult => ({ lang: 'bash', command: 'x', commandSha256: 'h', exitCode: 0, signal: null, timedOut: false, durationMs: 1, outputExcerpt: '', outputSha256: '', expected: [], ...over });
  const tasks: RunTaskResult[] = [
    { phase: 1, line: 1, label: 'Greeting', text: 'g', status: 'pending', snippets: [snip({ expected: [{ text: 'Should greet', met: false, class: 'prose' }] })] },
    { phase: 1, line: 2, label: 'Changelog present', text: 'c', status: 'failed', snippets: [snip({ exitCode: 1, expected: [{ text: 'Should x', met: false, class: 'prose' }] })] },
  ];
  assert.equal(snippetPending(tasks[0].snippets[0]), true);
  assert.equal(toReviewCount(tasks), 1, 'a failed snippet leaves nothing to review');
  assert.equal(verdictReason(tasks, [{ phase: 1, verdict: 'NO-GO', passed: 0, failed: 1, manual: 0, skipped: 0, pending: 1 }]), 'NO-GO: Changelog present failed (exit 1); 1 expectation to review');
  assert.equal(quotedExpectation('"bridge present"'), '"bridge present"');
  assert.equal(quotedExpectation('bridge present'), '"bridge present"');
});
