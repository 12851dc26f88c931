/**
 * The labelled precision suite: a person's judgements of sampled corpus findings (test/precision/labels/<rule>.json)
 * held against what the engine reports now. A sample is identified by file, rule, line and the source text the
 * finding marks (see test/helpers/corpus.ts); the test is test/unit/precision.test.ts; binding.json judges the file each bare `lines N-M` is read against.
 *
 * For each label file: every sample labelled wrong must be absent, every one labelled right present (unless it
 * carries `dropped`, the reason a right finding is given up on purpose), and precision on the sample, right present
 * over all present, is what the suite reports and gates on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evidenceOf } from '../../src/core/index';
import { keyOf, sameKey, type Checked, type FindingKey } from '../helpers/corpus';

export const LABELS = join(__dirname, 'labels');

export interface Sample {
  file: string;
  line: number;
  /** The source text the finding marks (for binding.json: the bare range, e.g. `Lines 10-20`). */
  text: string;
  /** binding.json only: the path the range is read against when this sample is "present" (null: unbound). */
  boundTo?: string | null;
  label: 'right' | 'wrong';
  reason: string;
  /** A right finding given up on purpose (precision before recall), and why. */
  dropped?: string;
}

export interface LabelFile {
  rule: string;
  /** Where the samples come from: the lighthouse corpus (default) or the seeds. */
  corpus?: 'lighthouse' | 'seeds';
  sampling: string;
  samples: Sample[];
}

export interface Outcome {
  rule: string;
  samples: number;
  present: number;
  rightPresent: number;
  /** Right present over present (1 when nothing sampled is present). */
  precision: number;
  wrongPresent: Sample[];
  rightMissing: Sample[];
}

export function loadLabels(): LabelFile[] {
  return readdirSync(LABELS).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(LABELS, f), 'utf8')) as LabelFile);
}

/** Every current finding's key, and every bare range's current binding (`file|line|text` -> path or null). */
export function currentState(results: Checked[]): { findings: FindingKey[]; bindings: Map<string, string | null> } {
  const findings: FindingKey[] = [];
  const bindings = new Map<string, string | null>();
  for (const { doc, findings: fs } of results) {
    for (const f of fs) findings.push(keyOf(doc, f));
    const ev = evidenceOf(doc);
    for (const r of ev.refs) if (r.form === 'bare-lines') bindings.set(`${doc.path}|${r.line}|${doc.text.slice(r.span.start, r.span.end)}`, r.path);
    for (const u of ev.unbound) bindings.set(`${doc.path}|${u.line}|${doc.text.slice(u.span.start, u.span.end)}`, null);
  }
  return { findings, bindings };
}

export function evaluate(file: LabelFile, state: ReturnType<typeof currentState>): Outcome {
  const isPresent = (s: Sample): boolean => {
    if (file.rule === 'binding') return (state.bindings.get(`${s.file}|${s.line}|${s.text}`) ?? null) === (s.boundTo ?? null);
    return state.findings.some((k) => sameKey(k, { file: s.file, rule: file.rule, line: s.line, text: s.text }));
  };
  let present = 0;
  let rightPresent = 0;
  const wrongPresent: Sample[] = [];
  const rightMissing: Sample[] = [];
  for (const s of file.samples) {
    const here = isPresent(s);
    if (here) present++;
    if (here && s.label === 'right') rightPresent++;
    if (here && s.label === 'wrong') wrongPresent.push(s);
    if (!here && s.label === 'right' && !s.dropped) rightMissing.push(s);
  }
  return { rule: file.rule, samples: file.samples.length, present, rightPresent, precision: present ? rightPresent / present : 1, wrongPresent, rightMissing };
}

/** Findings per rule over a set of results (the snapshot's shape). */
export function countByRule(results: Checked[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) for (const f of r.findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
