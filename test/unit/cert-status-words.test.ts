/** Verdict words as parse/status.ts reads them from Status and verdict lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_VOCABULARY, findVerdictWords, matchStatus, snakeWords } from '../../src/core/parse/status';

const read = (v: string) => findVerdictWords(v, DEFAULT_VOCABULARY).map((w) => `${w.word}=${w.key}${w.negated ? '!' : ''}`);

test('verdict words: longest spelling, synonyms, known extras, negation and qualification', () => {
  assert.deepEqual(read('CONDITIONALLY_APPROVED'), ['CONDITIONALLY_APPROVED=CONDITIONALLY_APPROVED']);
  assert.deepEqual(read('✅ **CONDITIONALLY APPROVED FOR PRODUCTION**'), ['CONDITIONALLY APPROVED=CONDITIONALLY_APPROVED']);
  assert.deepEqual(read('APPROVE WITH CONDITIONS'), ['APPROVE WITH CONDITIONS=CONDITIONALLY_APPROVED']);
  assert.deepEqual(read('✅ APPROVED WITH MINOR CONDITIONS'), ['APPROVED WITH MINOR CONDITIONS=CONDITIONALLY_APPROVED']);
  assert.deepEqual(read('NOT APPROVED - CRITICAL VULNERABILITIES'), ['NOT APPROVED=REJECTED!']);
  assert.deepEqual(read('CONDITIONAL GO for week 1'), ['CONDITIONAL GO=CONDITIONALLY_APPROVED']);
  assert.deepEqual(read('**GO FOR PRODUCTION**'), ['GO=APPROVED']);
  assert.deepEqual(read('NO-GO until fixed'), ['NO-GO=REJECTED']);
  assert.deepEqual(read('REJECTED - REQUIRES_REMEDIATION'), ['REJECTED=REJECTED', 'REQUIRES_REMEDIATION=REJECTED']);
  // Prose is not a verdict: lower case, or a word inside another word.
  assert.deepEqual(read('the plan was approved; GOOD progress; ALGORITHM'), []);
});

test('matchStatus ignores negated words; snakeWords finds unknown upper snake_case values', () => {
  assert.equal(matchStatus('NOT APPROVED', DEFAULT_VOCABULARY), undefined);
  assert.equal(matchStatus('✅ **APPROVED** - notes', DEFAULT_VOCABULARY)?.canonical, 'APPROVED');
  assert.deepEqual(snakeWords('REQUIRES_CLARIFICATION (see FEATURE_PACK_0)').map((w) => w.word), ['REQUIRES_CLARIFICATION']);
});
