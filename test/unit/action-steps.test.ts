/**
 * src/action/main.ts's STEPS mechanism, for the inputs that will run other CLI commands: a step whose output goes
 * to the job summary appends the command's stdout to GITHUB_STEP_SUMMARY (nothing in the log), a step with nothing
 * to do is skipped, and the exit code is the worst of the steps'. Runs the real CLI in process (`signoff rules`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { input, main, type Step } from '../../src/action/main';

test('action steps: summary output to GITHUB_STEP_SUMMARY, skipped steps, worst exit code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'signoff-steps-'));
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, '# earlier step\n');
  let log = '';
  const runner = { env: { GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: summary, INPUT_LIST: 'true', INPUT_BOGUS: '' }, cwd: dir, stdout: (s: string) => { log += s; }, stderr: (s: string) => { log += s; } };
  const steps: Step[] = [
    { name: 'list', args: (r) => (input(r, 'list') === 'true' ? ['rules', '--format', 'json'] : undefined), to: 'summary' },
    { name: 'bogus', args: (r) => (input(r, 'bogus') ? ['rules', '--nope'] : undefined), to: 'log' },
  ];
  assert.equal(await main(runner, steps), 0);
  const written = readFileSync(summary, 'utf8');
  assert.ok(written.startsWith('# earlier step\n'), 'appended, not replaced');
  assert.ok((JSON.parse(written.slice('# earlier step\n'.length)) as { id: string }[]).some((r) => r.id === 'cert-title'));
  assert.equal(log, '', 'nothing in the log');
  runner.env.INPUT_BOGUS = 'yes';
  assert.equal(await main(runner, steps), 2, 'a usage error of any step is the exit code');
  assert.match(log, /unknown option --nope/);
});
