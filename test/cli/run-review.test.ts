/**
 * `signoff run` with expectations that need a person, through the real CLI as a process: PENDING (exit 3) without a
 * terminal, asked on a terminal (script(1)), and the CI formats: json (one document) and junit (parsed with a real
 * XML parser and checked for its structure).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { makeTree } from '../helpers/engine';
import { CLI, runCli } from '../helpers/cli';
import type { RunRecord } from '../../src/protocol/index';
import { applyReview } from '../../src/runner/index';

const DOC = `# Rollout Checklist

### Phase 1: Smoke

- [ ] **Help**: the CLI lists its commands
  \`\`\`bash
  printf 'Commands:\\n  cache\\n  deps\\n  metrics\\n'
  # Should display all commands: cache, deps,
  # metrics
  \`\`\`

- [ ] **Tests**: the suite passes
  \`\`\`bash
  echo "==== 110 passed in 3.2s ===="
  # Expected: 104+ tests passing, 0 failures
  \`\`\`

- [ ] **Readme**: a quoted literal keeps its quotes
  \`\`\`bash
  echo "readme   found"
  # Expected: "readme found"
  \`\`\`

**🚦 Phase 1 Go/No-Go Decision**
- ✅ **GO**: all pass
- ❌ **NO-GO**: any fails

### Phase 2: Broken

- [ ] **Shape**: the resize works
  \`\`\`bash
  printf 'resizing\\nshape: (50, 50)\\n'
  # Expected: (50, 50, 3)
  \`\`\`
`;

function records(root: string): RunRecord[] {
  const dir = join(root, '.signoff', 'runs');
  return existsSync(dir) ? readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunRecord) : [];
}

test('a prose expectation without a terminal: PENDING, exit 3, the expectation shown beside the output', () => {
  const root = makeTree({ 'c.md': DOC });
  const r = runCli(['run', 'c.md', '--yes', '--phase', '1'], { cwd: root });
  assert.equal(r.code, 3, r.stdout + r.stderr);
  assert.match(r.stdout, / {2}metrics\n=> exit 0 in [\d.]+ s; "Should display all commands: cache, deps, metrics": needs review by a person/);
  assert.match(r.stdout, /expected 104\+ tests passing, 0 failures \(numeric\): met \(110 passed, no failures count \(taken as 0\)\)/);
  assert.match(r.stdout, /Phase 1 \(Smoke\): PENDING — 2 passed, 0 failed, 1 pending, 0 manual, 0 skipped — waits for a person: 1 to review/);
  assert.match(r.stdout, /PENDING: 1 expectation to review \(exit 3\)/);
  assert.match(r.stdout, /Run records go to \.signoff\/runs\/: add "\.signoff\/runs\/" to \.gitignore/);
  const [rec] = records(root);
  assert.equal(rec.phaseResults[0].verdict, 'PENDING');
  assert.deepEqual(rec.tasks.map((t) => t.status), ['pending', 'passed', 'passed']);
  assert.deepEqual(rec.tasks[2].snippets[0].expected, [{ text: '"readme found"', met: true, class: 'literal' }]);
  assert.equal(readFileSync(join(root, 'c.md'), 'utf8'), DOC.replace('- [ ] **Tests**', '- [x] **Tests**').replace('- [ ] **Readme**', '- [x] **Readme**'), 'only the passing tasks are ticked');
  // A NO-GO anywhere outranks PENDING.
  assert.equal(runCli(['run', 'c.md', '--yes'], { cwd: root }).code, 1);
  const second = runCli(['run', 'c.md', '--yes', '--phase', '1'], { cwd: root });
  assert.doesNotMatch(second.stdout, /Run records go to/, 'the note is shown on the first run only');
});

test('on a terminal the person is asked about the prose expectation; "y" makes the phase GO, recorded with who', { skip: spawnSync('script', ['--version']).status !== 0 ? 'no script(1) to provide a terminal' : false }, () => {
  const root = makeTree({ 'c.md': DOC });
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run c.md --yes --phase 1`, '/dev/null'], {
    cwd: root, input: 'y\n', encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /Expected \(for a person to judge\): Should display all commands: cache, deps, metrics/);
  const [rec] = records(root);
  const e = rec.tasks[0].snippets[0].expected[0];
  assert.equal(e.review?.decision, 'confirmed');
  assert.ok(e.review?.by, 'the reviewer is named');
  assert.ok(!Number.isNaN(Date.parse(e.review?.at ?? '')), 'with when');
  assert.equal(rec.phaseResults[0].verdict, 'GO');
});

test('--format json: one JSON document on stdout with the verdict; progress on stderr', () => {
  const root = makeTree({ 'c.md': DOC });
  const r = runCli(['run', 'c.md', '--yes', '--format', 'json'], { cwd: root });
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.verdict, 'NO-GO');
  assert.equal(doc.exitCode, 1);
  assert.match(doc.record, /^\.signoff\/runs\/c-\d{8}T\d{6}Z\.json$/);
  assert.deepEqual(doc.phaseResults.map((p: { verdict: string }) => p.verdict), ['PENDING', 'NO-GO']);
  assert.match(r.stderr, /== Phase 1: Smoke ==/);
});

test('--format junit: valid XML, a testsuite per phase, a testcase per task, failures with expected vs actual', () => {
  const root = makeTree({ 'c.md': DOC });
  const r = runCli(['run', 'c.md', '--yes', '--format', 'junit'], { cwd: root });
  assert.equal(r.code, 1);
  assert.equal(XMLValidator.validate(r.stdout), true, r.stdout);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(r.stdout);
  const root_ = xml.testsuites;
  assert.equal(root_.tests, '4');
  assert.equal(root_.failures, '1');
  assert.equal(root_.skipped, '1');
  const suites = root_.testsuite;
  assert.deepEqual(suites.map((s: { name: string }) => s.name), ['Phase 1: Smoke', 'Phase 2: Broken']);
  const verdicts = suites.map((s: { properties: { property: { name: string; value: string }[] } }) => s.properties.property.find((p) => p.name === 'verdict')!.value);
  assert.deepEqual(verdicts, ['PENDING', 'NO-GO']);
  const [help, tests, readme] = suites[0].testcase;
  assert.equal(readme.name, 'line 18: Readme');
  assert.equal(help.name, 'line 5: Help');
  assert.match(help.skipped.message, /needs review: Should display all commands/);
  assert.equal(tests.name, 'line 12: Tests');
  assert.equal(tests.failure, undefined);
  const shape = suites[1].testcase[0];
  assert.match(shape.failure.message, /expected \(50, 50, 3\), not in the output/);
  assert.match(shape.failure['#text'], /^-\(50, 50, 3\)$/m, 'the failure body carries the diff');
  assert.match(shape.failure['#text'], /^\+shape: \(50, 50\)$/m);
  assert.match(shape['system-out'], /resizing/);
});

test('a prose expectation rejected in review is a failed check: `signoff check` reports who rejected it', () => {
  const root = makeTree({ 'c.md': DOC });
  assert.equal(runCli(['run', 'c.md', '--yes', '--phase', '1'], { cwd: root }).code, 3);
  const dir = join(root, '.signoff', 'runs');
  const file = join(dir, readdirSync(dir)[0]);
  const record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  writeFileSync(file, JSON.stringify(applyReview(record, { task: 0, snippet: 0, expectation: 0 }, 'rejected', 'Robin', '2026-02-01T10:00:00.000Z')));
  const check = runCli(['check', 'c.md', '--format', 'json'], { cwd: root });
  const findings = JSON.parse(check.stdout).files[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'checklist-check-failed');
  assert.equal(findings.length, 1, check.stdout);
  assert.equal(findings[0].line, 5);
  assert.match(findings[0].message, /"Should display all commands: cache, deps, metrics" rejected by Robin \(2026-02-01T10:00:00\.000Z\)/);
});
