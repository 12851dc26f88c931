/** `signoff run` through the real CLI as a process, on temp workspaces: runs, records, ticking, refusals, kills. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeTree } from '../helpers/engine';
import { CLI, runCli } from '../helpers/cli';
import type { RunRecord } from '../../src/protocol/index';

const PASSING = `# Release Checklist

### Phase 1: Build

- [ ] **Shell**: the shell works
  \`\`\`bash
  echo "104+ tests passing, 0 failures"
  # Expected: 104+ tests passing
  \`\`\`

- [ ] **Python**: the interpreter answers
  \`\`\`python
  print((50, 50, 3))
  # Expected: (50, 50, 3)
  \`\`\`

- [x] **Already done**: stays ticked
  \`\`\`sh
  test -f README.md
  \`\`\`

- [x] **Approval**: a person signs (manual)

**🚦 Phase 1 Go/No-Go Decision**
- ✅ **GO**: all pass
- ❌ **NO-GO**: any fails
`;

function records(root: string): RunRecord[] {
  const dir = join(root, '.signoff', 'runs');
  if (!existsSync(dir)) return [];
  const all = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunRecord);
  return all.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

function alive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch { /* gone, or no /proc */ }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The document with the checkbox of the task on `line` (1-based) ticked, as bytes. */
function tickedAt(bytes: Buffer, ...lines: number[]): Buffer {
  const out = Buffer.from(bytes);
  let line = 1;
  for (let i = 0; i < out.length; i++) {
    if (lines.includes(line) && out[i] === 0x5b && out[i + 1] === 0x20 && out[i + 2] === 0x5d) { out[i + 1] = 0x78; lines = lines.filter((l) => l !== line); }
    if (out[i] === 0x0a) line++;
  }
  assert.deepEqual(lines, [], 'every line to tick has a box');
  return out;
}

test('a passing phase: GO, exit 0, the passing tasks ticked (only those bytes), a record written', () => {
  const root = makeTree({ 'docs/release.md': PASSING, 'README.md': 'hi\n' });
  const before = readFileSync(join(root, 'docs/release.md'));
  const r = runCli(['run', 'docs/release.md', '--yes'], { cwd: root });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\[bash\]\n\$ echo "104\+ tests passing, 0 failures"\n\$ # Expected: 104\+ tests passing\n104\+ tests passing, 0 failures\n=> exit 0/);
  assert.match(r.stdout, /\(50, 50, 3\)\n=> exit 0 in [\d.]+ s; expected "\(50, 50, 3\)": met/);
  assert.match(r.stdout, /Phase 1 \(Build\): GO — 3 passed, 0 failed, 0 pending, 1 manual, 0 skipped/);
  assert.match(r.stdout, /1\s+22\s+manual\s+Approval/);
  assert.match(r.stdout, /Ticked 2 passing tasks in docs\/release\.md/);
  assert.ok(readFileSync(join(root, 'docs/release.md')).equals(tickedAt(before, 5, 11)));
  const [rec] = records(root);
  assert.equal(rec.version, 1);
  assert.equal(rec.checklist, 'docs/release.md');
  assert.deepEqual(rec.phases, [1]);
  assert.equal(rec.commit, null);
  assert.equal(rec.runner, 'cli');
  assert.deepEqual(rec.phaseResults, [{ phase: 1, verdict: 'GO', passed: 3, failed: 0, manual: 1, skipped: 0, pending: 0, manualOpen: 0 }]);
  assert.deepEqual(rec.tasks.map((t) => [t.line, t.label, t.status]), [[5, 'Shell', 'passed'], [11, 'Python', 'passed'], [17, 'Already done', 'passed']]);
  const py = rec.tasks[1].snippets[0];
  assert.equal(py.outputExcerpt, '(50, 50, 3)\n');
  assert.equal(py.outputSha256, createHash('sha256').update('(50, 50, 3)\n').digest('hex'));
  assert.equal(py.commandSha256, createHash('sha256').update('print((50, 50, 3))\n# Expected: (50, 50, 3)').digest('hex'));
  assert.match(readdirSync(join(root, '.signoff/runs'))[0], /^release-\d{8}T\d{6}Z\.json$/);
  // Nothing left to report afterwards.
  const check = runCli(['check', '--format', 'json'], { cwd: root });
  const failed = JSON.parse(check.stdout).files.flatMap((f: { findings: { ruleId: string }[] }) => f.findings).filter((f: { ruleId: string }) => f.ruleId === 'checklist-check-failed');
  assert.deepEqual(failed, []);
});

test('the record names the commit inside a git repository', () => {
  const root = makeTree({ 'c.md': PASSING, 'README.md': 'hi\n' });
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: root, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'init');
  const head = git('rev-parse', 'HEAD').stdout.trim();
  assert.match(head, /^[0-9a-f]{40}$/);
  assert.equal(runCli(['run', 'c.md', '--yes'], { cwd: root }).code, 0);
  assert.equal(records(root)[0].commit, head);
});

const FAILING = `# Deploy Checklist

### Phase 1: Checks

- [ ] **Exit code**: fails with 3
  \`\`\`bash
  echo "disk check: 97% used" >&2
  exit 3
  \`\`\`

- [ ] **Expectation**: exits 0 but says the wrong thing
  \`\`\`bash
  echo "12 tests passing, 2 failures"
  # Expected: 0 failures
  \`\`\`

- [ ] **Fine**: passes
  \`\`\`bash
  echo fine
  \`\`\`
`;

test('an exit code failure and an unmet # Expected: give NO-GO, exit 1, no tick; check then reports both', () => {
  const root = makeTree({ 'deploy.md': FAILING });
  const r = runCli(['run', 'deploy.md', '--yes'], { cwd: root });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /disk check: 97% used\n=> exit 3 \(expected 0\)/);
  assert.match(r.stdout, /=> exit 0 in [\d.]+ s; expected 0 failures \(numeric\): NOT met, the output shows 2 failures/);
  assert.match(r.stdout, /Phase 1 \(Checks\): NO-GO — 1 passed, 2 failed, 0 pending, 0 manual, 0 skipped/);
  const after = readFileSync(join(root, 'deploy.md'), 'utf8');
  assert.equal(after, FAILING.replace('- [ ] **Fine**', '- [x] **Fine**'));
  const check = runCli(['check', '--format', 'json'], { cwd: root });
  assert.equal(check.code, 1);
  const findings = JSON.parse(check.stdout).files[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'checklist-check-failed');
  assert.deepEqual(findings.map((f: { line: number }) => f.line), [5, 11]);
  assert.match(findings[0].message, /`echo "disk check: 97% used" >&2`: exit code 3, expected 0\. Output ends: "disk check: 97% used"/);
  assert.match(findings[1].message, /expected "0 failures", the output shows 2 failures\. Output ends: "12 tests passing, 2 failures"/);
  // Fixing the check and running again clears its finding; the other failure stays reported.
  writeFileSync(join(root, 'deploy.md'), after.replace('exit 3', 'exit 0'));
  const again = runCli(['run', 'deploy.md', '--yes'], { cwd: root });
  assert.equal(again.code, 1);
  const lines = JSON.parse(runCli(['check', '--format', 'json'], { cwd: root }).stdout).files[0].findings
    .filter((f: { ruleId: string }) => f.ruleId === 'checklist-check-failed')
    .map((f: { line: number }) => f.line);
  assert.deepEqual(lines, [11]);
  assert.match(readFileSync(join(root, 'deploy.md'), 'utf8'), /- \[x\] \*\*Exit code\*\*/);
});

test('a timeout kills a snippet that ignores SIGTERM, with its grandchildren', () => {
  const root = makeTree({
    'c.md': `# Slow Checklist\n\n### Phase 1: Slow\n\n- [ ] **Hang**: never ends\n  \`\`\`bash\n  trap '' TERM\n  (trap '' TERM; sleep 100) &\n  echo $! > grandchild.pid\n  echo $$ > child.pid\n  sleep 100\n  \`\`\`\n`,
  });
  const started = Date.now();
  const r = runCli(['run', 'c.md', '--yes', '--timeout', '1'], { cwd: root, timeoutMs: 30_000 });
  const elapsed = Date.now() - started;
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
  assert.match(r.stdout, /=> timed out \(limit 1 s\), killed after [\d.]+ s/);
  for (const f of ['child.pid', 'grandchild.pid']) assert.equal(alive(Number(readFileSync(join(root, f), 'utf8'))), false, `${f} is dead`);
  const s = records(root)[0].tasks[0].snippets[0];
  assert.equal(s.timedOut, true);
  assert.equal(s.signal, 'SIGKILL');
});

test('nothing a snippet started outlives the CLI, even a process that ignores SIGTERM and closed its output', () => {
  const root = makeTree({
    'c.md': `# Bg Checklist\n\n### Phase 1: Bg\n\n- [ ] **Leave**: starts a daemon\n  \`\`\`bash\n  (trap '' TERM; exec sleep 100) >/dev/null 2>&1 </dev/null &\n  echo $! > bg.pid\n  echo started\n  # Expected: started\n  \`\`\`\n`,
  });
  const r = runCli(['run', 'c.md', '--yes'], { cwd: root });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(alive(Number(readFileSync(join(root, 'bg.pid'), 'utf8'))), false);
});

test('--stop-on-failure skips the rest; without it every task runs', () => {
  const doc = `# Stop Checklist\n\n### Phase 1: A\n\n- [ ] **First**: fails\n  \`\`\`sh\n  exit 1\n  \`\`\`\n- [ ] **Second**: leaves a mark\n  \`\`\`sh\n  touch second-ran\n  \`\`\`\n\n### Phase 2: B\n\n- [ ] **Third**: leaves a mark\n  \`\`\`sh\n  touch third-ran\n  \`\`\`\n`;
  const root = makeTree({ 'c.md': doc });
  const r = runCli(['run', 'c.md', '--yes', '--stop-on-failure'], { cwd: root });
  assert.equal(r.code, 1);
  assert.equal(existsSync(join(root, 'second-ran')), false);
  assert.equal(existsSync(join(root, 'third-ran')), false);
  assert.match(r.stdout, /1\s+9\s+skipped\s+Second\s+not run/);
  assert.match(r.stdout, /Phase 2 \(B\): NO-GO — 0 passed, 0 failed, 0 pending, 0 manual, 1 skipped/);
  assert.equal(readFileSync(join(root, 'c.md'), 'utf8'), doc);
  const all = runCli(['run', 'c.md', '--yes', '--phase', '2'], { cwd: root });
  assert.equal(all.code, 0, all.stdout);
  assert.equal(existsSync(join(root, 'third-ran')), true);
  assert.equal(existsSync(join(root, 'second-ran')), false, '--phase 2 runs phase 2 only');
  assert.deepEqual(records(root).map((x) => x.phases), [[1, 2], [2]]);
});

test('a snippet printing 50 MB: streamed through, the record keeps a capped excerpt and the hash of it all', () => {
  const size = 50 * 1024 * 1024;
  const root = makeTree({ 'c.md': `# Big Checklist\n\n### Phase 1: Big\n\n- [ ] **Flood**: prints a lot\n  \`\`\`bash\n  head -c ${size} /dev/zero | tr '\\0' b\n  \`\`\`\n` });
  const r = runCli(['run', 'c.md', '--yes'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.length > size, 'the output was shown');
  const file = join(root, '.signoff/runs', readdirSync(join(root, '.signoff/runs'))[0]);
  assert.ok(readFileSync(file).length < 200 * 1024, 'record stays small');
  const s = records(root)[0].tasks[0].snippets[0];
  assert.equal(s.outputBytes, size);
  assert.equal(s.outputSha256, createHash('sha256').update(Buffer.alloc(size, 'b')).digest('hex'));
  assert.ok(s.outputExcerpt.length < 2 * 64 * 1024 + 100);
});

test('a CRLF checklist with a BOM: ticking changes only the checkbox bytes', () => {
  const crlf = '\uFEFF' + PASSING.replace(/\n/g, '\r\n');
  const root = makeTree({ 'c.md': Buffer.from(crlf, 'utf8'), 'README.md': 'hi\n' });
  const before = readFileSync(join(root, 'c.md'));
  assert.deepEqual([...before.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const r = runCli(['run', 'c.md', '--yes'], { cwd: root });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const after = readFileSync(join(root, 'c.md'));
  assert.ok(after.equals(tickedAt(before, 5, 11)), 'only the two checkbox bytes changed');
  assert.equal([...after].filter((b, i) => b !== before[i]).length, 2);
});

test('a LF checklist with a BOM keeps it', () => {
  const root = makeTree({ 'c.md': Buffer.from('\uFEFF' + FAILING, 'utf8') });
  const before = readFileSync(join(root, 'c.md'));
  assert.equal(runCli(['run', 'c.md', '--yes'], { cwd: root }).code, 1);
  assert.ok(readFileSync(join(root, 'c.md')).equals(tickedAt(before, 17)));
});

test('without --yes and without a terminal: refuses in one line, runs nothing, exit 2', () => {
  const root = makeTree({ 'c.md': `# C Checklist\n\n### Phase 1: X\n\n- [ ] **Mark**: leaves a mark\n  \`\`\`bash\n  touch ran\n  \`\`\`\n` });
  const r = runCli(['run', 'c.md'], { cwd: root });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^signoff: refusing to run 1 snippet of c\.md without confirmation: no terminal to ask on \(review them, then pass --yes\)\n$/);
  assert.equal(existsSync(join(root, 'ran')), false);
  assert.deepEqual(records(root), []);
});

test('on a terminal it lists the exact commands and asks; only "y" runs them', { skip: spawnSync('script', ['--version']).status !== 0 ? 'no script(1) to provide a terminal' : false }, () => {
  const root = makeTree({ 'c.md': `# C Checklist\n\n### Phase 1: X\n\n- [ ] **Mark**: leaves a mark\n  \`\`\`bash\n  touch ran\n  echo "marked   twice"\n  \`\`\`\n` });
  const ask = (answer: string) => spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run c.md`, '/dev/null'], {
    cwd: root, input: answer, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' },
  });
  const no = ask('n\n');
  assert.equal(no.status, 2, no.stdout);
  assert.match(no.stdout, /execute these 1 snippet in .*:\r?\n\r?\n {2}Phase 1, line 5 \(Mark\), bash:\r?\n {4}touch ran\r?\n {4}echo "marked {3}twice"/);
  assert.match(no.stdout, /Run them\? \[y\/N\]/);
  assert.equal(existsSync(join(root, 'ran')), false);
  const yes = ask('y\n');
  assert.equal(yes.status, 0, yes.stdout);
  assert.equal(existsSync(join(root, 'ran')), true);
});

test('usage errors exit 2 with one line', () => {
  const root = makeTree({ 'c.md': FAILING, 'notes.md': '# Notes\n\nplain text\n' });
  const cases: [string[], RegExp][] = [
    [['run'], /run takes exactly one checklist/],
    [['run', 'c.md', '--phase', '9', '--yes'], /c\.md has no phase 9 \(phases: 1\)/],
    [['run', 'c.md', '--timeout', '0', '--yes'], /--timeout takes a number of seconds above 0/],
    [['run', 'notes.md', '--yes'], /notes\.md is not a checklist/],
    [['run', 'missing.md', '--yes'], /cannot read missing\.md/],
    [['run', 'c.md', '--bogus'], /unknown option --bogus/],
  ];
  for (const [args, re] of cases) {
    const r = runCli(args, { cwd: root });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  assert.deepEqual(records(root), []);
});
