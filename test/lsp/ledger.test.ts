/**
 * One engine, one answer: the language server's `signoff/ledger` (real server over stdio) equals what
 * `signoff status --format json` (real CLI process) prints for the same workspace, a real git repository with a
 * stale, a sealed and signed, a conditional and a superseded certificate. Then the answer follows an unsaved edit,
 * and the status bar's document info says when a certificate is superseded.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/cli';
import { IDS, ledgerWorkspace } from '../helpers/ledger-workspace';
import { DOCUMENT_INFO_REQUEST, LEDGER_REQUEST, type DocumentInfo, type LedgerStatus } from '../../src/protocol/index';
import { ensureBuilt, startClient, type TestClient } from './client';

describe('the review ledger in the language server', () => {
  let c: TestClient;
  let root: string;
  const uri = (rel: string) => pathToFileURL(join(root, rel)).toString();
  before(async () => {
    ensureBuilt();
    root = ledgerWorkspace().root;
    c = await startClient({ rootUri: pathToFileURL(root).toString() });
  });
  after(async () => {
    await c.stop();
  });

  test('signoff/ledger answers exactly what `signoff status --format json` prints', async () => {
    const cli = runCli(['status', '--format', 'json'], { cwd: root });
    assert.equal(cli.code, 0, cli.stderr);
    const fromCli = JSON.parse(cli.stdout) as LedgerStatus;
    const fromServer = await c.request<LedgerStatus>(LEDGER_REQUEST, { folderUri: pathToFileURL(root).toString() });
    assert.deepEqual(fromServer, fromCli);
    // Not an empty agreement: the workspace's facts are in it.
    assert.deepEqual(fromServer.components.map((x) => [x.component, x.verdict, x.fresh, x.signed]), [
      ['Auth Service', 'APPROVED', true, true],
      ['Cache', 'APPROVED', true, false],
      ['Payments', 'CONDITIONALLY_APPROVED', true, false],
      ['Search', 'APPROVED', false, false],
    ]);
    assert.equal(fromServer.checklists[0].phases[0].verdict, 'GO');
    assert.equal(await c.request<LedgerStatus | null>(LEDGER_REQUEST, { folderUri: 'file:///no/such/folder' }), null);
  });

  test('the ledger follows an unsaved edit; document info says a certificate is superseded and by which', async () => {
    const rel = 'docs/reviews/pay-2026-01-05.md';
    const text = readFileSync(join(root, rel), 'utf8');
    c.open(uri(rel), text, 1);
    await c.waitForDiagnostics(uri(rel), () => true);
    const line = text.split('\n').findIndex((l) => l.startsWith('**Status**'));
    c.change(uri(rel), 2, [{ range: { start: { line, character: 0 }, end: { line, character: text.split('\n')[line].length } }, text: '**Status**: REJECTED' }]);
    let payments: LedgerStatus['components'][number] | undefined;
    for (let i = 0; i < 100 && payments?.verdict !== 'REJECTED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      payments = (await c.request<LedgerStatus>(LEDGER_REQUEST, {})).components.find((x) => x.component === 'Payments');
    }
    assert.equal(payments?.verdict, 'REJECTED');

    const old = 'docs/reviews/auth-2026-01-01.md';
    c.open(uri(old), readFileSync(join(root, old), 'utf8'), 1);
    await c.waitForDiagnostics(uri(old), (d) => d.some((x) => x.code === 'cert-superseded'));
    const info = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri: uri(old) });
    assert.deepEqual(info.superseded, { by: 'docs/reviews/auth-2026-01-10.md', byId: IDS.auth2, explicit: true });
    const now = 'docs/reviews/auth-2026-01-10.md';
    c.open(uri(now), readFileSync(join(root, now), 'utf8'), 1);
    await c.waitForDiagnostics(uri(now), () => true);
    const current = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri: uri(now) });
    assert.equal(current.kind, 'certificate');
    assert.equal(current.superseded, undefined);
  });

  test('document info of a checklist names the tasks whose required review does not hold, as the rule reports them', async () => {
    const rel = 'docs/release.md';
    c.open(uri(rel), readFileSync(join(root, rel), 'utf8'), 1);
    const diagnostics = await c.waitForDiagnostics(uri(rel), (d) => d.some((x) => x.code === 'checklist-review-gate'));
    const info = await c.request<DocumentInfo>(DOCUMENT_INFO_REQUEST, { uri: uri(rel) });
    const gated = diagnostics.filter((d) => d.code === 'checklist-review-gate');
    assert.ok(info.reviewGates?.length, 'some task is gated');
    assert.deepEqual(info.reviewGates!.map((g) => g.message).sort(), gated.map((d) => d.message).sort());
    const taskLines = info.phases!.flatMap((p) => p.tasks.map((t) => t.line + 1)); // TaskInfo lines are 0-based, gates 1-based as the runner's
    for (const g of info.reviewGates!) assert.ok(taskLines.includes(g.line), `gate line ${g.line} is a task's line`);
  });
});
