/**
 * Expectation classes, fence options, masking and the syntax pre-check, each through real shells (bash, sh,
 * python3) with the runner as `signoff run` and the editor use it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyReview, buildRecord, classifyExpectation, runPhases, writeRecord, type RunnerPhase, type RunnerSnippet, type RunnerTask } from '../../src/runner/index';
import { parseEnvFile } from '../../src/runner/env-file';

const cwd = () => mkdtempSync(join(tmpdir(), 'signoff-expect-'));

function task(line: number, code: string, expected: string[] = [], extra: Partial<RunnerSnippet> = {}): RunnerTask {
  return { phase: 1, line, label: `T${line}`, text: `T${line}: x`, snippets: [{ lang: 'bash', code, expected, ...extra }] };
}
const phase = (tasks: RunnerTask[]): RunnerPhase => ({ number: 1, name: 'P', tasks });
const run1 = async (t: RunnerTask, dir = cwd(), env?: NodeJS.ProcessEnv) => (await runPhases([phase([t])], { cwd: dir, env })).tasks[0];

test('literal: the output contains it with whitespace runs counted as one space; a miss fails', async () => {
  assert.equal(classifyExpectation('(50, 50, 3)').class, 'literal');
  const hit = await run1(task(1, "printf 'shape:  (50,\\n 50,   3)\\n'", ['(50, 50, 3)']));
  assert.equal(hit.status, 'passed', hit.snippets[0].outputExcerpt);
  assert.deepEqual(hit.snippets[0].expected, [{ text: '(50, 50, 3)', met: true, class: 'literal' }]);
  const miss = await run1(task(1, "echo 'shape: (50, 50)'", ['(50, 50, 3)']));
  assert.equal(miss.status, 'failed');
  assert.equal(miss.snippets[0].expected[0].met, false);
});

test('pattern: /regex/ matches a line (anchors are per line); flags are kept', async () => {
  const c = classifyExpectation('/^OK \\d+/');
  assert.equal(c.class, 'pattern');
  const hit = await run1(task(1, "echo 'starting'; echo 'OK 12 checks'", ['/^OK \\d+/']));
  assert.equal(hit.status, 'passed');
  assert.equal(hit.snippets[0].expected[0].pattern, '^OK \\d+');
  const miss = await run1(task(1, "echo 'not OK 12'", ['/^OK \\d+/']));
  assert.equal(miss.status, 'failed');
  assert.equal((await run1(task(1, 'echo ok 3', ['/^OK \\d/i']))).status, 'passed');
  const bad = await run1(task(1, 'echo x', ['/([/']));
  assert.equal(bad.status, 'failed');
  assert.match(bad.snippets[0].expected[0].error ?? '', /not a valid regular expression/);
});

test('numeric: ~N within max(1, 10%), <N with a unit, N+ words and 0 counts, units in order', async () => {
  const about = (out: string) => run1(task(1, `echo "${out}"`, ['~7 errors (down from 21+ pre-upgrade)']));
  assert.equal((await about('Found 7 errors in 2 files')).status, 'passed');
  assert.equal((await about('Found 8 errors in 2 files')).status, 'passed', '8 is about 7 (±1)');
  const far = await about('Found 21 errors in 2 files');
  assert.equal(far.status, 'failed');
  assert.equal(far.snippets[0].expected[0].actual, '21 errors');

  const fast = await run1(task(1, "python3 -c \"print('Average monitoring overhead: 0.52ms')\"", ['<10ms (well within 1% overhead target)']));
  assert.equal(fast.status, 'passed', JSON.stringify(fast.snippets[0]));
  assert.equal(fast.snippets[0].expected[0].actual, '0.52ms');
  assert.equal((await run1(task(1, 'echo "took 12.5ms"', ['<10ms']))).status, 'failed');

  const tests = (out: string) => run1(task(1, `echo "${out}"`, ['104+ tests passing, 0 failures']));
  assert.equal((await tests('==== 110 passed in 12.01s ====')).status, 'passed', 'pytest prints no failure count when there are none');
  assert.equal((await tests('==== 104 passed, 0 failed in 9.1s ====')).status, 'passed');
  const failing = await tests('==== 2 failed, 104 passed in 9.1s ====');
  assert.equal(failing.status, 'failed');
  assert.equal(failing.snippets[0].expected[0].actual, '104 passed, 2 failed');
  assert.equal((await tests('==== 90 passed in 9.1s ====')).status, 'failed');

  const pct = await run1(task(1, 'echo "Memory thresholds - Warning: 70.0%, Critical: 80.0%, Emergency: 95.0%"', ['70%, 80%, 95% (conservative values)']));
  assert.equal(pct.status, 'passed');
  assert.equal(pct.snippets[0].expected[0].actual, '70.0%, 80.0%, 95.0%');
  const swapped = await run1(task(1, 'echo "Warning: 80.0%, Critical: 70.0%, Emergency: 95.0%"', ['70%, 80%, 95%']));
  assert.equal(swapped.status, 'failed', 'each value is compared with its place');
});

test('prose: never fails a correct run, never passes it: the task is pending until a person decides', async () => {
  const dir = cwd();
  const t = task(3, 'echo "Commands: cache deps metrics"', ['Should display all commands: cache, deps, metrics']);
  const out = await runPhases([phase([t])], { cwd: dir });
  assert.equal(out.tasks[0].status, 'pending');
  assert.deepEqual(out.tasks[0].snippets[0].expected, [{ text: 'Should display all commands: cache, deps, metrics', met: false, class: 'prose' }]);
  assert.equal(out.phaseResults[0].verdict, 'PENDING');
  assert.equal(out.phaseResults[0].pending, 1);
  // A failing exit code still fails: the prose line does not hide it.
  const broken = await runPhases([phase([task(3, 'echo oops; exit 1', ['Should show something'])])], { cwd: dir });
  assert.equal(broken.phaseResults[0].verdict, 'NO-GO');

  // Confirmed later (the editor's notification): the record is amended with who and when, and the phase turns GO.
  const record = buildRecord('c.md', [1], null, 'vscode', out);
  const confirmed = applyReview(record, { task: 0, snippet: 0, expectation: 0 }, 'confirmed', 'Dana', '2026-01-01T00:00:00.000Z');
  assert.deepEqual(confirmed.tasks[0].snippets[0].expected[0].review, { decision: 'confirmed', by: 'Dana', at: '2026-01-01T00:00:00.000Z' });
  assert.equal(confirmed.tasks[0].status, 'passed');
  assert.equal(confirmed.phaseResults[0].verdict, 'GO');
  const rejected = applyReview(record, { task: 0, snippet: 0, expectation: 0 }, 'rejected', 'Dana');
  assert.equal(rejected.tasks[0].status, 'failed');
  assert.equal(rejected.phaseResults[0].verdict, 'NO-GO');
  assert.equal(record.phaseResults[0].verdict, 'PENDING', 'the input record is not changed');

  // Asked right after the snippet (the CLI on a terminal): the decision lands in the result.
  const asked: string[] = [];
  const reviewed = await runPhases([phase([t])], { cwd: dir, review: async (_t, _r, e) => { asked.push(e.text); return { decision: 'confirmed', by: 'Lee' }; } });
  assert.deepEqual(asked, ['Should display all commands: cache, deps, metrics']);
  assert.equal(reviewed.phaseResults[0].verdict, 'GO');
  assert.equal(reviewed.tasks[0].snippets[0].expected[0].review?.by, 'Lee');
});

test('{exit=N}: that exit code is the success, 0 is then a failure', async () => {
  const t = await run1(task(1, 'echo denied; exit 22', ['denied'], { options: { exit: 22 } }));
  assert.equal(t.status, 'passed');
  assert.equal(t.snippets[0].expectedExit, 22);
  assert.equal((await run1(task(1, 'exit 0', [], { options: { exit: 22 } }))).status, 'failed');
});

test('{cwd=DIR}: runs in that folder of the workspace; a missing folder fails without running', async () => {
  const dir = cwd();
  mkdirSync(join(dir, 'src'));
  const t = await run1(task(1, 'pwd', [], { options: { cwd: 'src' } }), dir);
  assert.equal(t.status, 'passed');
  assert.equal(t.snippets[0].outputExcerpt.trim(), join(dir, 'src'));
  const missing = await run1(task(1, 'touch ran', [], { options: { cwd: 'nope' } }), dir);
  assert.equal(missing.status, 'failed');
  assert.match(missing.snippets[0].outputExcerpt, /cwd nope is not a folder/);
  assert.equal(existsSync(join(dir, 'ran')), false);
});

test('{timeout=S}: the snippet\'s own limit replaces the run\'s', async () => {
  const out = await runPhases([phase([task(1, 'sleep 5', [], { options: { timeout: 0.5 } })])], { cwd: cwd(), timeoutMs: 60_000, killGraceMs: 200 });
  assert.equal(out.tasks[0].status, 'failed');
  assert.equal(out.tasks[0].snippets[0].timedOut, true);
  assert.equal(out.tasks[0].snippets[0].timeoutMs, 500);
});

test('{env=FILE}: its variables reach the snippet; secret-named values are masked in the result', async () => {
  const dir = cwd();
  writeFileSync(join(dir, '.env.staging'), '# staging\nexport STAGE=staging\nDEPLOY_TOKEN="tok-abcdef123456"\n');
  const t = await run1(task(1, 'echo "stage=$STAGE token=$DEPLOY_TOKEN"', ['stage=staging'], { options: { env: '.env.staging' } }), dir);
  assert.equal(t.status, 'passed', t.snippets[0].outputExcerpt);
  assert.equal(t.snippets[0].outputExcerpt, 'stage=staging token=[masked:DEPLOY_TOKEN]\n');
  assert.deepEqual(parseEnvFile('A=1\nB = "two words" # c\nC=\'x\'\n#D=4\nnot a line'), { A: '1', B: 'two words', C: 'x' });
  const missing = await run1(task(1, 'true', [], { options: { env: '.env.nope' } }), dir);
  assert.equal(missing.status, 'failed');
});

test('{stderr}: expectations look at stdout only unless the fence says stderr', async () => {
  const code = 'echo "warning: disk 97% full" >&2';
  assert.equal((await run1(task(1, code, ['"disk 97% full"']))).status, 'failed');
  assert.equal((await run1(task(1, code, ['"disk 97% full"'], { options: { stderr: true } }))).status, 'passed');
});

test('{skip} and {manual}: never run; a {manual} task waits for a person', async () => {
  const dir = cwd();
  const skip: RunnerTask = { ...task(1, 'touch skipped', [], { options: { skip: true } }), checked: false };
  const manual: RunnerTask = { ...task(2, 'touch manual', [], { options: { manual: true } }), checked: false };
  const out = await runPhases([phase([skip, manual])], { cwd: dir });
  assert.equal(existsSync(join(dir, 'skipped')), false);
  assert.equal(existsSync(join(dir, 'manual')), false);
  assert.deepEqual(out.tasks, []);
  assert.equal(out.phaseResults[0].manual, 2);
  assert.equal(out.phaseResults[0].verdict, 'PENDING');
  const mixed: RunnerTask = { ...task(3, 'echo auto', []), snippets: [{ lang: 'bash', code: 'echo auto', expected: [] }, { lang: 'bash', code: 'touch by-hand', expected: [], options: { manual: true } }] };
  const m = await runPhases([phase([mixed])], { cwd: dir });
  assert.equal(m.tasks[0].status, 'pending');
  assert.equal(existsSync(join(dir, 'by-hand')), false);
});

test('a snippet that does not parse is failed without running (bash -n, sh -n, python compile)', async () => {
  const dir = cwd();
  const bash = await run1(task(1, 'touch ran-bash\nif then fi (', []), dir);
  assert.equal(bash.status, 'failed');
  assert.match(bash.snippets[0].syntaxError ?? '', /syntax error/);
  assert.equal(existsSync(join(dir, 'ran-bash')), false);
  const py = await run1({ ...task(2, ''), snippets: [{ lang: 'python', code: 'open("ran-py", "w")\ndef broken(:\n', expected: [] }] }, dir);
  assert.equal(py.status, 'failed');
  assert.match(py.snippets[0].syntaxError ?? '', /line 2/);
  assert.equal(existsSync(join(dir, 'ran-py')), false);
});

test('masking: a run record of a snippet that echoes a token contains no token; the hash is of the real output', async () => {
  const dir = cwd();
  const ghp = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
  const env = { ...process.env, API_TOKEN: 'plain-token-value-42', DB_PASSWORD: 'hunter2hunter2' };
  const code = [
    'echo "token: $API_TOKEN"',
    'echo "db: $DB_PASSWORD"',
    `echo "gh: ${ghp}"`,
    'echo "aws: AKIAIOSFODNN7EXAMPLE"',
    'echo "openai: sk-proj-abcdefghijklmnopqrstuvwx"',
    `echo "jwt: ${jwt}"`,
    'echo "url: https://x/?token=0123456789abcdef0123456789abcdef&x=1"',
    'echo "password=c2VjcmV0LXBhc3N3b3JkLXZhbHVl"',
    'exit 1',
  ].join('\n');
  const out = await runPhases([phase([task(1, code, ['"never printed"'])])], { cwd: dir, env });
  const file = await writeRecord(dir, buildRecord('c.md', [1], null, 'cli', out));
  const text = readFileSync(file, 'utf8');
  for (const secret of ['plain-token-value-42', 'hunter2hunter2', ghp, 'AKIAIOSFODNN7EXAMPLE', 'sk-proj-abcdefghijklmnopqrstuvwx', jwt, '0123456789abcdef0123456789abcdef', 'c2VjcmV0LXBhc3N3b3JkLXZhbHVl']) {
    assert.ok(!text.includes(secret), `the record does not contain ${secret.slice(0, 12)}…`);
  }
  const s = out.tasks[0].snippets[0];
  assert.match(s.outputExcerpt, /token: \[masked:API_TOKEN\]/);
  assert.match(s.outputExcerpt, /gh: \[masked\]/);
  assert.match(s.expected[0].diff ?? '', /\[masked\]/, 'the diff is masked too');
  // The hash is over what the snippet really printed.
  const { createHash } = await import('node:crypto');
  const real = `token: plain-token-value-42\ndb: hunter2hunter2\ngh: ${ghp}\naws: AKIAIOSFODNN7EXAMPLE\nopenai: sk-proj-abcdefghijklmnopqrstuvwx\njwt: ${jwt}\nurl: https://x/?token=0123456789abcdef0123456789abcdef&x=1\npassword=c2VjcmV0LXBhc3N3b3JkLXZhbHVl\n`;
  assert.equal(s.outputSha256, createHash('sha256').update(real).digest('hex'));
});

test('expected vs actual is a unified diff when the output has several lines', async () => {
  const t = await run1(task(1, 'printf "alpha\\nbeta\\ngamma\\n"', ['"beta gamma delta"']));
  assert.equal(t.status, 'failed');
  const diff = t.snippets[0].expected[0].diff ?? '';
  assert.match(diff, /^--- expected/m);
  assert.match(diff, /^\+\+\+ actual/m);
  assert.match(diff, /^-beta gamma delta$/m);
  assert.match(diff, /^\+alpha$/m);
  const one = await run1(task(1, 'echo alpha', ['"beta"']));
  assert.equal(one.snippets[0].expected[0].diff, undefined, 'one line of output: shown side by side, no diff');
});

test('a snippet declined in the run\'s confirmation is not run: its task waits for a person (PENDING, not NO-GO)', async () => {
  const dir = cwd();
  const out = await runPhases([phase([task(1, 'touch declined'), task(2, 'touch allowed')])], { cwd: dir, declined: (t) => t.line === 1 });
  assert.equal(existsSync(join(dir, 'declined')), false);
  assert.equal(existsSync(join(dir, 'allowed')), true);
  assert.deepEqual(out.tasks.map((t) => t.status), ['pending', 'passed']);
  assert.equal(out.tasks[0].snippets[0].declined, true);
  assert.equal(out.phaseResults[0].verdict, 'PENDING');
});

test('lineDiff keeps common lines and marks the rest', async () => {
  const { lineDiff, expectedVsActual } = await import('../../src/runner/diff');
  assert.deepEqual(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c', 'd']), [' a', '-b', '+x', ' c', '+d']);
  assert.deepEqual(lineDiff([], ['a']), ['+a']);
  const many = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
  assert.match(expectedVsActual('line 49', many) ?? '', /^\+\+\+ actual \(last 40 lines\)$/m);
});
