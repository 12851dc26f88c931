/**
 * The labelled precision suite over the real corpus (see test/precision/suite.ts and labels/): judged-wrong findings stay gone,
 * judged-right ones stay, each label file's precision is at least 95%, and the per-rule counts over the corpus
 * match counts.json, so a rule that goes silent or starts firing everywhere fails until the change is explained
 * there. A fresh clone has no ../shared: the tests then skip, saying so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, SEEDS, checkAll, markdownFiles, type Checked } from '../helpers/corpus';
import { countByRule, currentState, evaluate, loadLabels } from '../precision/suite';

const MIN_PRECISION = 0.95;
const MIN_SAMPLES = 20;
const COUNTS = join(__dirname, '..', 'precision', 'counts.json');

let results: Promise<Checked[]> | undefined;
let seedResults: Promise<Checked[]> | undefined;
const corpus = () => (results ??= checkAll(CORPUS, markdownFiles(CORPUS)));
const seeds = () => (seedResults ??= checkAll(SEEDS, markdownFiles(SEEDS).filter((f) => !/checklist/i.test(f))));
const absent = existsSync(CORPUS) ? false : `corpus not present at ${CORPUS} (a fresh clone has no ../shared)`;

test('labelled findings: wrong ones stay gone, right ones stay, precision >= 95% per label file', { skip: absent }, async () => {
  const state = currentState(await corpus());
  const seedState = existsSync(SEEDS) ? currentState(await seeds()) : undefined;
  const lines: string[] = [];
  for (const file of loadLabels()) {
    if (file.corpus === 'seeds' && !seedState) continue;
    const o = evaluate(file, file.corpus === 'seeds' ? seedState! : state);
    lines.push(`${(file.corpus === 'seeds' ? `${o.rule} (seeds)` : o.rule).padEnd(40)} ${String(o.samples).padStart(4)} sampled, ${String(o.present).padStart(4)} present, precision ${(o.precision * 100).toFixed(1)}%`);
    assert.deepEqual(o.wrongPresent.map((s) => `${s.file}:${s.line} ${s.text}: ${s.reason}`), [], `${file.rule}: findings judged wrong are reported again`);
    assert.deepEqual(o.rightMissing.map((s) => `${s.file}:${s.line} ${s.text}: ${s.reason}`), [], `${file.rule}: findings judged right are no longer reported`);
    assert.ok(o.precision >= MIN_PRECISION, `${file.rule}: precision ${o.precision} on its sample`);
    for (const s of file.samples) assert.ok(s.reason.trim() && (s.label === 'right' || s.label === 'wrong'), `${file.rule}: each sample has a label and a reason`);
  }
  console.log(`\nPrecision on the labelled samples:\n${lines.join('\n')}`);
});

test('every rule with at least 20 corpus findings has a label file of at least 20 samples', { skip: absent }, async () => {
  const counts = countByRule(await corpus());
  const labelled = new Map(loadLabels().filter((f) => f.corpus !== 'seeds').map((f) => [f.rule, f.samples.length]));
  for (const [rule, n] of Object.entries(counts)) {
    assert.ok(labelled.has(rule), `${rule} (${n} corpus findings) has labels/${rule}.json`);
    if (n >= MIN_SAMPLES) assert.ok(labelled.get(rule)! >= MIN_SAMPLES, `${rule}: ${labelled.get(rule)} samples of ${n} findings`);
  }
  assert.ok((labelled.get('binding') ?? 0) >= MIN_SAMPLES, 'binding.json judges at least 20 bare ranges');
});

test('per-rule finding counts over the corpus match the explained snapshot (counts.json)', { skip: absent }, async () => {
  const snapshot = JSON.parse(readFileSync(COUNTS, 'utf8')) as { counts: Record<string, number>; changes: { change: string; why: string }[] };
  const now = countByRule(await corpus());
  assert.deepEqual(now, snapshot.counts, 'the counts changed: if the change is intended, update counts.json and say why in its "changes" list');
  for (const c of snapshot.changes) assert.ok(c.change && c.why, 'each recorded change says what and why');
});
