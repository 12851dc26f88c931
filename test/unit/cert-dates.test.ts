/** The date helpers behind cert-date-*, cert-id-date, cert-filename-date and cert-signature, on the forms seen in real files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEmbedded, embeddedDate, fileNameDate, formatCanonical, parseCanonical, parseLoose } from '../../src/core/rules/shared/dates';

const at = (s: string) => Date.parse(s);

test('canonical dates parse; impossible ones do not', () => {
  assert.equal(parseCanonical('2025-08-23 06:00:00 UTC'), at('2025-08-23T06:00:00Z'));
  assert.equal(parseCanonical('2025-02-30 06:00:00 UTC'), undefined);
  assert.equal(parseCanonical('2025-08-23T06:00:00Z'), undefined);
});

test('ISO forms are the same instant as the canonical form', () => {
  for (const v of ['2025-08-23T06:00:00Z', '2025-08-23T08:00:00+02:00', '2025-08-23T06:00Z', '2025-08-23 06:00:00 GMT', '2025-08-23T06:00:00.000Z']) {
    const d = parseLoose(v);
    assert.ok(d, v);
    assert.equal(d.time, at('2025-08-23T06:00:00Z'), v);
    assert.equal(d.zoned, true, v);
  }
  assert.equal(parseLoose('2025-08-23 06:00:00')?.zoned, false);
  assert.equal(parseLoose('2025-08-23')?.hasTime, false);
  assert.equal(parseLoose('August 23, 2025'), undefined);
  assert.equal(formatCanonical(at('2025-08-23T06:00:00Z')), '2025-08-23 06:00:00 UTC');
});

test('dates embedded in certificate ids, in every real shape; never from hex or sequence numbers', () => {
  const cases: [string, string | undefined][] = [
    ['ESA-001-20250124-151200', '2025-01-24 15:12:00'],
    ['SEC-EVT-001-20250824170000', '2025-08-24 17:00:00'],
    ['PEC-RPC-2025082422-001', '2025-08-24 22h'],
    ['DAR-BRIDGE-2025012415300-ALPHA', '2025-01-24 15:30'],
    ['INFRA-2025-0824-120000-BRIDGE-REVIEW', '2025-08-24 12:00:00'],
    ['DRC-BRIDGE-2025-08-24-001', '2025-08-24'],
    ['SEC-MCP-MSG-2025-08-25-235900-CRITICAL', '2025-08-25 23:59:00'],
    ['arch_review_20240824_142300_lighthouse', '2024-08-24 14:23:00'],
    ['b7f4c892-8d3e-4a1f-9c5b-2e8a7f1d6b4c', undefined],
    ['PHASE1-DESIGN-8b4f9a2c-1739-4d5e-a8e1-6f7d8e9c0123', undefined],
    ['container-boundary-violation-000000', undefined],
    ['ARG-HLD-BRIDGE-001', undefined],
  ];
  for (const [id, want] of cases) {
    const e = embeddedDate(id);
    assert.equal(e ? describeEmbedded(e) : undefined, want, id);
  }
});

test('file name stamps', () => {
  assert.equal(describeEmbedded(fileNameDate('a/b/perf_analysis_20250824_203200.md')!), '2025-08-24 20:32:00');
  assert.equal(describeEmbedded(fileNameDate('a/b/plan_20250824.md')!), '2025-08-24');
  assert.equal(fileNameDate('a/20250824_203200/plan.md'), undefined);
  assert.equal(fileNameDate('a/b/plan_20251340_000000.md'), undefined);
});
