/**
 * One reading of run records (issue 24): the phase's code lens verdict (the server's lenses), the
 * checklist-check-failed diagnostic (the rule, in the server and in `signoff check`) come from the same record.
 * Before the records had one reader, a record could drive the lens and be ignored by the rule, or the reverse.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { ensureBuilt, makeWorkspace, startClient } from './client';
import { checklist, failedRunRecord, LINT_SNIPPET } from './fixtures';
import { runCli } from '../helpers/cli';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A run of phase 1 in which Lint passed (phase GO). */
function passedRunRecord(checklistPath: string, endedAt: string): string {
  return JSON.stringify({
    version: 1, checklist: checklistPath, phases: [1], commit: null, startedAt: endedAt, endedAt, runner: 'cli',
    tasks: [{
      phase: 1, line: 9, label: 'Lint', text: 'Lint: the linter is clean', status: 'passed',
      snippets: [{ lang: 'bash', command: LINT_SNIPPET, commandSha256: sha(LINT_SNIPPET), exitCode: 0, signal: null, timedOut: false, durationMs: 5, outputExcerpt: 'lint-ok\n', outputSha256: sha('lint-ok\n'), expected: [{ text: 'lint-ok', met: true, class: 'literal' }] }],
    }],
    phaseResults: [{ phase: 1, verdict: 'GO', passed: 1, failed: 0, manual: 2, skipped: 0 }],
  }, null, 2);
}

async function lensAndDiagnostics(records: Record<string, string>, text = checklist()): Promise<{ lens: string; lenses: string[]; server: boolean; cli: boolean }> {
  ensureBuilt();
  const ws = makeWorkspace({ 'ops/deploy.md': text, ...records });
  const c = await startClient({ rootUri: ws.uri(''), settings: { evidence: { git: false } }, initializationOptions: { clientCommands: true } });
  try {
    const uri = ws.uri('ops/deploy.md');
    c.open(uri, text);
    const d: Diagnostic[] = await c.waitForDiagnostics(uri, () => true);
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const cli = runCli(['check', '--root', ws.root, '--format', 'json', 'ops/deploy.md'], { cwd: ws.root });
    const out = JSON.parse(cli.stdout) as { files: { findings: { ruleId: string }[] }[] };
    return {
      lens: lenses[0].command!.title,
      lenses: lenses.map((l) => `${l.range.start.line}: ${l.command!.title} -> ${l.command!.command}`),
      server: d.some((x) => x.code === 'checklist-check-failed'),
      cli: out.files.some((f) => f.findings.some((x) => x.ruleId === 'checklist-check-failed')),
    };
  } finally {
    await c.stop();
    ws.dispose();
  }
}

describe('run records: the lens verdict and checklist-check-failed agree', () => {
  test('a later record under a name that is not a run record name does not make the lens GO while the rule reports the failure', async () => {
    const r = await lensAndDiagnostics({
      '.signoff/runs/deploy-20260110T090000Z.json': failedRunRecord('ops/deploy.md', '2026-01-10T09:00:00.000Z'),
      '.signoff/runs/deploy-copy.json': passedRunRecord('ops/deploy.md', '2026-01-11T09:00:00.000Z'),
    });
    assert.equal(/NO-GO/.test(r.lens), r.server, `lens "${r.lens}" vs diagnostic ${r.server}`);
    assert.equal(r.server, r.cli, 'signoff check says what the server says');
    assert.match(r.lens, /NO-GO$/, 'the copy is not a record: the failed run is the latest');
    assert.equal(r.server, true);
  });

  test('a record the rule does not accept (no version) does not drive the lens either', async () => {
    const failed = JSON.parse(failedRunRecord('ops/deploy.md', '2026-01-10T09:00:00.000Z')) as Record<string, unknown>;
    delete failed.version;
    const r = await lensAndDiagnostics({ '.signoff/runs/deploy-20260110T090000Z.json': JSON.stringify(failed) });
    assert.equal(/NO-GO/.test(r.lens), r.server, `lens "${r.lens}" vs diagnostic ${r.server}`);
    assert.equal(r.server, r.cli);
    assert.equal(r.lens, '1/3 done · ▶ Run phase checks', 'not a record: no verdict');
  });

  test('a pending task in the latest record is read by both (no stale failure from an older record)', async () => {
    const pending = JSON.parse(passedRunRecord('ops/deploy.md', '2026-01-11T09:00:00.000Z')) as { tasks: { status: string; snippets: { expected: unknown[] }[] }[]; phaseResults: { verdict: string; passed: number; pending?: number }[] };
    pending.tasks[0].status = 'pending';
    pending.tasks[0].snippets[0].expected.push({ text: 'Should look clean', met: false, class: 'prose' });
    Object.assign(pending.phaseResults[0], { verdict: 'PENDING', passed: 0, pending: 1 });
    const r = await lensAndDiagnostics({
      '.signoff/runs/deploy-20260110T090000Z.json': failedRunRecord('ops/deploy.md', '2026-01-10T09:00:00.000Z'),
      '.signoff/runs/deploy-20260111T090000Z.json': JSON.stringify(pending),
    });
    assert.equal(r.lens, '1/3 done · ▶ Run phase checks · PENDING (1 to review)');
    // What waits stays in view: a lens to rerun what did not pass, and one to the review quick pick.
    assert.deepEqual(r.lenses.slice(0, 3), [
      '4: 1/3 done · ▶ Run phase checks · PENDING (1 to review) -> signoff.runPhaseChecks',
      '4: ↻ Rerun failed checks -> signoff.rerunFailedChecks',
      '4: 1 to review -> signoff.reviewPendingExpectations',
    ]);
    assert.equal(r.server, false, 'the latest run of phase 1 did not fail');
    assert.equal(r.cli, false);
  });
});

test('a phase with nothing to run offers Check all, not Run phase checks', async () => {
  const text = checklist().replace("- [ ] **Deploy**: push it\n  ```bash\n  echo deploy\n  ```", '- [ ] **Deploy**: a person pushes it');
  const r = await lensAndDiagnostics({}, text);
  assert.ok(r.lenses.includes('23: 0/1 done · Check all -> signoff.checkAllInPhase'), r.lenses.join('\n'));
  assert.ok(!r.lenses.some((l) => l.startsWith('23:') && /Run phase checks/.test(l)));
});
