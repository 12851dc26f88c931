/**
 * `signoff status` on a real git repository (test/helpers/ledger-workspace.ts): the ledger in all three formats,
 * explicit and implicit supersession, the stale current certificate, the sealed and signed one, open conditions,
 * checklists' latest runs, `--require` exit codes, and `--changed-since` gating on a feature branch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { certificate, gitAt, IDS, ledgerWorkspace } from '../helpers/ledger-workspace';
import type { LedgerStatus } from '../../src/protocol/index';

const ws = ledgerWorkspace();
const status = (...args: string[]) => runCli(['status', ...args], { cwd: ws.root });
const json = (...args: string[]) => {
  const r = status('--format', 'json', ...args);
  return { ...r, ledger: JSON.parse(r.stdout) as LedgerStatus & { require?: { requirements: string[]; failing: { component: string; unmet: string[] }[] }; changedSince?: string } };
};

test('json: one row per component with its current certificate, freshness, seal, conditions and history', () => {
  const { code, ledger, stderr } = json();
  assert.equal(code, 0, stderr);
  assert.equal(ledger.version, 1);
  assert.deepEqual(ledger.components.map((c) => [c.component, c.verdict, c.certificateId]), [
    ['Auth Service', 'APPROVED', IDS.auth2],
    ['Cache', 'APPROVED', IDS.cache],
    ['Payments', 'CONDITIONALLY_APPROVED', IDS.pay1],
    ['Search', 'APPROVED', IDS.search],
  ]);
  const [auth, cache, pay, search] = ledger.components;
  // Explicit supersession (the two certificates also name the component two ways).
  assert.deepEqual(auth.supersedes, [IDS.auth1]);
  assert.deepEqual(auth.history.map((h) => [h.certificateId, h.supersededBy, h.explicit]), [[IDS.auth2, null, false], [IDS.auth1, 'docs/reviews/auth-2026-01-10.md', true]]);
  assert.equal(auth.agent, 'security-auditor');
  assert.equal(auth.date, '2026-01-10 09:00:00 UTC');
  assert.equal(auth.certificate, 'docs/reviews/auth-2026-01-10.md');
  assert.deepEqual([auth.sealed, auth.signed, auth.fresh, auth.evidence], [true, true, true, { fresh: 2, total: 2 }]);
  // Implicit supersession by Date.
  assert.deepEqual(pay.supersedes, [IDS.pay0]);
  assert.deepEqual(pay.history.map((h) => [h.certificateId, h.explicit]), [[IDS.pay1, false], [IDS.pay0, false]]);
  assert.deepEqual(pay.conditions, ['Add a refund test', 'Log declined cards']);
  assert.deepEqual([cache.sealed, cache.signed, cache.fresh, cache.conditions], [false, false, true, []]);
  // The later commit touched Search's cited lines.
  assert.equal(search.fresh, false);
  assert.deepEqual(search.evidence, { fresh: 0, total: 1 });
  assert.equal(search.stale.length, 1);
  assert.equal(search.stale[0].ruleId, 'evidence-drift');
  assert.equal(search.stale[0].reference, 'src/search.py:3-6');
  assert.match(search.stale[0].message, /search: change a cited line/);
  // The checklist's phases with their latest recorded run.
  assert.equal(ledger.checklists.length, 1);
  const [release] = ledger.checklists;
  assert.equal(release.path, 'docs/release.md');
  assert.deepEqual(release.phases.map((p) => [p.phase, p.name, p.verdict]), [[1, 'Build', 'GO'], [2, 'Ship', null]]);
  assert.ok(release.phases[0].at && !Number.isNaN(Date.parse(release.phases[0].at)));
});

test('text: a table with age, evidence, seal, conditions, supersedes; stale references and conditions below', () => {
  const r = status();
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^COMPONENT\s+VERDICT\s+DATE\s+AGENT\s+EVIDENCE\s+SEAL\s+CONDITIONS\s+SUPERSEDES\s+CERTIFICATE$/);
  assert.match(r.stdout, /Auth Service\s+APPROVED\s+2026-01-10 09:00:00 UTC \(\d+(d|w|mo|y)\)\s+security-auditor\s+fresh 2\/2\s+sealed, signed\s+-\s+1\s+docs\/reviews\/auth-2026-01-10\.md/);
  assert.match(r.stdout, /Payments\s+CONDITIONALLY_APPROVED .*fresh 1\/1\s+-\s+2 open\s+1\s+docs\/reviews\/pay-2026-01-05\.md/);
  assert.match(r.stdout, /\n {4}condition: Add a refund test\n {4}condition: Log declined cards\n/);
  assert.match(r.stdout, /Search\s+APPROVED .*STALE 0\/1/);
  assert.match(r.stdout, /\n {4}stale: docs\/reviews\/search-2026-01-03\.md:\d+:\d+ {2}src\/search\.py:3-6 {2}Evidence changed since .* {2}evidence-drift\n/);
  assert.match(r.stdout, /CHECKLIST docs\/release\.md {2}Release Checklist\n {4}Phase 1: Build {2}GO {2}\(\S+\)\n {4}Phase 2: Ship {2}not run\n/);
});

test('markdown: a table for a job summary, with the stale references and open conditions in details', () => {
  const r = status('--format', 'markdown');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^## Review ledger\n/);
  assert.match(r.stdout, /\n\| Component \| Verdict \| Date \| Agent \| Evidence \| Seal \| Open conditions \| Supersedes \| Certificate \|\n\|---\|/);
  assert.match(r.stdout, /\n\| Auth Service \| ✅ APPROVED \| 2026-01-10 09:00:00 UTC \(\w+\) \| security-auditor \| fresh 2\/2 \| sealed, signed \| - \| 1 \| `docs\/reviews\/auth-2026-01-10\.md` AUTH-20260110-0900 \|\n/);
  assert.match(r.stdout, /\n\| Payments \| 🟡 CONDITIONALLY_APPROVED \| .* \| 2 open \| 1 \|/);
  assert.match(r.stdout, /<details><summary>Search: 1 stale reference<\/summary>\n\n- line \d+: `src\/search\.py:3-6`: Evidence changed since/);
  assert.match(r.stdout, /<details><summary>Payments: 2 open conditions<\/summary>\n\n- \[ \] Add a refund test\n- \[ \] Log declined cards\n/);
  assert.match(r.stdout, /\n\| Release Checklist \| 1\. Build \| ✅ GO \(\S+\) \|\n\| Release Checklist \| 2\. Ship \| not run \|\n/);
});

test('--require: exit 1 naming every component that fails it, 0 when all meet it, 2 on an unknown requirement', () => {
  const approved = status('--require', 'approved');
  assert.equal(approved.code, 1);
  assert.deepEqual(approved.stderr.trim().split('\n'), ['signoff: Payments (docs/reviews/pay-2026-01-05.md) does not meet --require approved: CONDITIONALLY_APPROVED, not APPROVED']);
  assert.match(approved.stdout, /✖ 1 of 4 components fail --require approved\n {4}Payments: CONDITIONALLY_APPROVED, not APPROVED\n/);

  const fresh = json('--require', 'approved,fresh');
  assert.equal(fresh.code, 1);
  assert.deepEqual(fresh.ledger.require?.failing.map((f) => [f.component, f.unmet]), [
    ['Payments', ['CONDITIONALLY_APPROVED, not APPROVED']],
    ['Search', ['stale (1 of 1 references)']],
  ]);

  const sealed = status('--require', 'sealed,signed', '--format', 'markdown');
  assert.equal(sealed.code, 1);
  assert.match(sealed.stdout, /❌ \*\*3 of 4\*\* components fail the requirement \*sealed, signed\*: \*\*Cache\*\* \(not sealed; not signed\)/);
  assert.equal(sealed.stderr.trim().split('\n').length, 3);

  // Only the given documents make the ledger: the two Auth Service reviews meet everything.
  const auth = status('docs/reviews/auth-2026-01-10.md', 'docs/reviews/auth-2026-01-01.md', '--require', 'approved,fresh,sealed,signed');
  assert.equal(auth.code, 0, auth.stdout + auth.stderr);
  assert.match(auth.stdout, /✔ every component listed meets --require approved,fresh,sealed,signed/);

  const bad = status('--require', 'approved,reviewed');
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'signoff: --require: unknown requirement "reviewed" (known: approved, fresh, sealed, signed)\n');
  assert.equal(status('--format', 'sarif').code, 2);
});

test('--changed-since: only the components whose cited code the change touches are listed and gated', () => {
  gitAt(ws.root, '2026-03-01T00:00:00Z', 'checkout', '-q', '-b', 'touch-cache-uncited');
  const cache = readFileSync(join(ws.root, 'src/cache.py'), 'utf8');
  writeFileSync(join(ws.root, 'src/cache.py'), cache.replace('return 15\n', 'return 15 + 0\n'));
  gitAt(ws.root, '2026-03-01T00:00:00Z', 'commit', '-qam', 'cache: uncited line');
  const uncited = json('--changed-since', 'main', '--require', 'approved,fresh');
  assert.equal(uncited.code, 0, uncited.stderr);
  assert.deepEqual(uncited.ledger.components, []);
  assert.equal(uncited.ledger.changedSince, 'main');

  gitAt(ws.root, '2026-03-01T00:00:00Z', 'checkout', '-q', '-b', 'touch-payments', 'main');
  const pay = readFileSync(join(ws.root, 'src/pay.py'), 'utf8');
  writeFileSync(join(ws.root, 'src/pay.py'), pay.replace('return 2\n', 'return 2 + 0\n'));
  gitAt(ws.root, '2026-03-01T00:00:00Z', 'commit', '-qam', 'pay: cited line');
  const touched = json('--changed-since', 'main', '--require', 'approved');
  assert.equal(touched.code, 1);
  assert.deepEqual(touched.ledger.components.map((c) => [c.component, c.touched, c.fresh]), [['Payments', true, false]]);
  assert.deepEqual(touched.ledger.components[0].stale.map((s) => s.ruleId).sort(), ['evidence-changed', 'evidence-drift']);
  assert.equal(touched.stderr, 'signoff: Payments (docs/reviews/pay-2026-01-05.md) does not meet --require approved: CONDITIONALLY_APPROVED, not APPROVED\n');
  const md = status('--changed-since', 'main', '--require', 'approved,fresh', '--format', 'markdown');
  assert.equal(md.code, 1);
  assert.match(md.stdout, /Components whose cited code the change since `main` touches\./);
  assert.doesNotMatch(md.stdout, /\| Cache \|/);

  // The same pull request with a new approved review of the changed code: the gate passes.
  writeFileSync(join(ws.root, 'docs/reviews/pay-2026-03-02.md'), certificate({ component: 'Payments', date: '2026-03-02 09:00:00 UTC', id: 'PAY-20260302-0900', status: 'APPROVED', supersedes: IDS.pay1, evidence: ['src/pay.py:1-6'] }));
  gitAt(ws.root, '2026-03-02T10:00:00Z', 'add', '-A');
  gitAt(ws.root, '2026-03-02T10:00:00Z', 'commit', '-qm', 'pay: re-review');
  const reviewed = json('--changed-since', 'main', '--require', 'approved,fresh');
  assert.equal(reviewed.code, 0, reviewed.stderr);
  assert.deepEqual(reviewed.ledger.components.map((c) => [c.component, c.certificateId, c.touched, c.fresh]), [['Payments', 'PAY-20260302-0900', true, true]]);
  gitAt(ws.root, '2026-03-02T10:00:00Z', 'checkout', '-q', 'main');

  const unknown = status('--changed-since', 'no-such-branch');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^signoff: --changed-since no-such-branch: no such commit/);
});
