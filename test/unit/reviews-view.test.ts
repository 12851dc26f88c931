/**
 * The Reviews view's pure part (src/client/ledger/nodes.ts) on the ledger the real CLI prints for the fixture
 * workspace, and the status bar's "superseded" text (src/client/status-text.ts). The view itself runs in the
 * code-server end-to-end suite (test/e2e/reviews.e2e.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';
import { IDS, ledgerWorkspace } from '../helpers/ledger-workspace';
import { ledgerNodes } from '../../src/client/ledger/nodes';
import { describe as statusText } from '../../src/client/status-text';
import type { LedgerStatus } from '../../src/protocol/index';

test('components with verdict icons and badges, certificates newest first (superseded dimmed), stale references, conditions, checklists', () => {
  const { root } = ledgerWorkspace({ sealed: true });
  const r = runCli(['status', '--format', 'json'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  const nodes = ledgerNodes(JSON.parse(r.stdout) as LedgerStatus);
  assert.deepEqual(nodes.map((n) => [n.label, n.icon, n.description]), [
    ['Auth Service', 'pass-filled', 'APPROVED · sealed, signed'],
    ['Cache', 'pass-filled', 'APPROVED'],
    ['Payments', 'warning', 'CONDITIONALLY_APPROVED · 2 open conditions'],
    ['Search', 'pass-filled', 'APPROVED · stale'],
    ['Release Checklist', 'checklist', 'docs/release.md'],
  ]);
  const [auth, , pay, search, release] = nodes;
  assert.deepEqual(auth.children!.map((c) => [c.label, c.dimmed, c.contextValue, c.open]), [
    [IDS.auth2, false, 'certificate', { path: 'docs/reviews/auth-2026-01-10.md', line: 6 }],
    [IDS.auth1, true, 'certificate.superseded', { path: 'docs/reviews/auth-2026-01-01.md', line: 6 }],
  ]);
  assert.match(auth.children![1].description!, /^2026-01-01 09:00:00 UTC · REJECTED · superseded \(Supersedes\)$/);
  assert.deepEqual(pay.children!.map((c) => [c.label, c.contextValue]), [[IDS.pay1, 'certificate'], [IDS.pay0, 'certificate.superseded'], ['Add a refund test', 'condition'], ['Log declined cards', 'condition']]);
  const stale = search.children!.find((c) => c.contextValue === 'stale')!;
  assert.equal(stale.label, 'stale: src/search.py:3-6');
  assert.equal(stale.color, 'list.warningForeground');
  assert.equal(search.color, 'list.warningForeground');
  assert.deepEqual(release.children!.map((c) => [c.label, c.icon, c.description?.split(' · ')[0]]), [['Phase 1: Build', 'pass-filled', 'GO'], ['Phase 2: Ship', 'circle-large-outline', 'not run']]);
  assert.equal(new Set(nodes.flatMap((n) => [n.id, ...(n.children ?? []).map((c) => c.id)])).size, nodes.length + nodes.reduce((k, n) => k + (n.children?.length ?? 0), 0), 'ids are unique');
  assert.deepEqual(ledgerNodes({ version: 1, components: [], checklists: [] }).map((n) => n.label), ['No certificates with a Component']);
});

test('the status bar says when a certificate is superseded, and by which', () => {
  const shown = statusText({ uri: 'file:///x.md', kind: 'certificate', status: { raw: 'REJECTED', value: 'REJECTED' }, certificateId: IDS.auth1, superseded: { by: 'docs/reviews/auth-2026-01-10.md', byId: IDS.auth2, explicit: true } });
  assert.equal(shown?.text, `$(error) REJECTED · $(history) Superseded by ${IDS.auth2}`);
  assert.match(shown!.tooltip, /Superseded by AUTH-20260110-0900 \(docs\/reviews\/auth-2026-01-10\.md\), which names it in Supersedes/);
  const current = statusText({ uri: 'file:///y.md', kind: 'certificate', status: { raw: 'APPROVED', value: 'APPROVED' } });
  assert.equal(current?.text, '$(verified) APPROVED');
});
