/**
 * The real engine over real certificates: the 169 of ../shared/corpus/lighthouse and the seeds in ../shared/seeds.
 * Every file must be detected as a certificate, no rule may fail on one (internal-error), and every finding must
 * come from a registered rule. The per-rule counts are printed here and held to an explained snapshot by
 * test/precision/precision.test.ts.
 * A fresh clone has no ../shared: the tests then skip, saying so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ENGINE_RULE_IDS, RULES, type Finding, type ParsedDocument } from '../../src/core/index';
import { FIXED_NOW } from '../helpers/engine';
import { CORPUS, SEEDS, checkAll, markdownFiles } from '../helpers/corpus';

const KNOWN_IDS = new Set<string>([...RULES.map((r) => r.meta.id), ...ENGINE_RULE_IDS]);

function countTable(results: { findings: Finding[] }[]): string {
  const counts = new Map<string, { findings: number; files: number }>();
  for (const r of results) {
    const seen = new Set<string>();
    for (const f of r.findings) {
      const c = counts.get(f.ruleId) ?? { findings: 0, files: 0 };
      c.findings++;
      if (!seen.has(f.ruleId)) c.files++;
      seen.add(f.ruleId);
      counts.set(f.ruleId, c);
    }
  }
  const rows = [...counts].sort((a, b) => b[1].findings - a[1].findings);
  return ['rule                                 findings  files', ...rows.map(([id, c]) => `${id.padEnd(36)} ${String(c.findings).padStart(8)} ${String(c.files).padStart(6)}`)].join('\n');
}

function assertSound(results: { doc: ParsedDocument; findings: Finding[] }[]): void {
  for (const { doc, findings } of results) {
    assert.equal(doc.kind, 'certificate', `${doc.path} is detected as a certificate`);
    const internal = findings.filter((f) => f.ruleId === 'internal-error');
    assert.deepEqual(internal.map((f) => f.message), [], `no rule fails on ${doc.path}`);
    for (const f of findings) assert.ok(KNOWN_IDS.has(f.ruleId), `${f.ruleId} (on ${doc.path}) is a registered rule or engine id`);
  }
}

test('lighthouse corpus: 169 certificates, no rule failure, only registered rule ids', async (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`corpus not present at ${CORPUS} (a fresh clone has no ../shared)`);
    return;
  }
  const files = markdownFiles(CORPUS);
  assert.equal(files.length, 169, 'the corpus holds 169 certificates');
  const results = await checkAll(CORPUS, files);
  assertSound(results);
  console.log(`\nFindings on the lighthouse corpus (${files.length} files, now = ${FIXED_NOW.toISOString()}):\n${countTable(results)}`);
});

test('certificate seeds: detected as certificates, no rule failure; their findings printed', async (t) => {
  if (!existsSync(SEEDS)) {
    t.skip(`seeds not present at ${SEEDS} (a fresh clone has no ../shared)`);
    return;
  }
  // The seed checklist is a checklist; the other seeds are certificates.
  const files = markdownFiles(SEEDS).filter((f) => !/checklist/i.test(f));
  assert.equal(files.length, 4, 'four certificate seeds');
  const results = await checkAll(SEEDS, files);
  assertSound(results);
  for (const { doc, findings } of results) {
    console.log(`\n${doc.path}: ${findings.length} findings`);
    for (const f of findings) console.log(`  ${f.start.line}:${f.start.column} ${f.severity} ${f.ruleId}: ${f.message}`);
  }
});
