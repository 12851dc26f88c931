/**
 * `Requires review: <ID or component>` gates a checklist task in `signoff run` as in `signoff check`: a task whose
 * required review does not hold now (checklist-review-gate) fails without running, with the rule's words, and the
 * phase is NO-GO; a task whose review holds is left to the run as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';
import { ledgerWorkspace } from '../helpers/ledger-workspace';

test('signoff run: a task whose required review does not hold fails without running; the rule and the run agree', () => {
  const { root } = ledgerWorkspace({ sealed: false, run: false });
  const check = runCli(['check', 'docs/release.md', '--format', 'json'], { cwd: root });
  const findings = (JSON.parse(check.stdout) as { files: { findings: { ruleId: string; line: number; message: string }[] }[] }).files[0].findings;
  const gated = findings.filter((f) => f.ruleId === 'checklist-review-gate');
  assert.ok(gated.length >= 1 && gated.length < 3, `some tasks gated, not all: ${JSON.stringify(gated)}`);

  const run = runCli(['run', 'docs/release.md', '--phase', '2', '--yes', '--format', 'json'], { cwd: root });
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { verdict: string; tasks: { line: number; status: string; reviewGate?: string; snippets: unknown[] }[] };
  assert.equal(report.verdict, 'NO-GO');
  const failed = report.tasks.filter((t) => t.reviewGate);
  assert.deepEqual(failed.map((t) => [t.line, t.status, t.reviewGate]), gated.map((f) => [f.line, 'failed', f.message]), 'the run fails exactly the tasks the rule reports, with its words');
  assert.match(run.stderr, /NO-GO: .*failed \(its required review does not hold\)/);

  // Without `Requires review` in the checklist nothing extra is checked (phase 1 is a plain snippet).
  const plain = runCli(['run', 'docs/release.md', '--phase', '1', '--yes', '--format', 'json'], { cwd: root });
  assert.equal((JSON.parse(plain.stdout) as { verdict: string }).verdict, 'GO', plain.stderr);
});
