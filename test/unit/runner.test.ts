/** The runner with real processes: pass, fail, expectations, timeouts that must kill, caps, cancel, ticking. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPhases, tickBytes, checkboxEdits, commandHash, type RunnerPhase, type RunnerTask } from '../../src/runner/index';

const cwd = () => mkdtempSync(join(tmpdir(), 'signoff-runner-'));

function task(line: number, code: string | null, opts: { lang?: string; expected?: string[]; label?: string; checked?: boolean } = {}): RunnerTask {
  return {
    phase: 1,
    line,
    label: opts.label ?? `Task ${line}`,
    text: `Task ${line}: does something`,
    checked: opts.checked,
    snippets: code === null ? [] : [{ lang: opts.lang ?? 'bash', code, expected: opts.expected ?? [] }],
  };
}

const phase = (tasks: RunnerTask[], number = 1): RunnerPhase => ({ number, name: `Phase ${number}`, tasks: tasks.map((t) => ({ ...t, phase: number })) });

/** Running or sleeping; a zombie (killed, waiting for init to reap it) counts as dead. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) [ZX]/.test(stat);
  } catch { /* no /proc, or no such process */ }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a passing phase: exit 0 and expectations met; a ticked manual task counted, verdict GO', async () => {
  const out = await runPhases([phase([
    task(3, 'echo "104+ tests passing, 0 failures"\n# Expected: 104+ tests passing', { expected: ['104+ tests passing'] }),
    task(8, null, { checked: true }),
    task(9, 'print((50, 50, 3))', { lang: 'python', expected: ['(50, 50, 3)'] }),
  ])], { cwd: cwd() });
  assert.deepEqual(out.tasks.map((t) => t.status), ['passed', 'passed']);
  assert.deepEqual(out.phaseResults, [{ phase: 1, verdict: 'GO', passed: 2, failed: 0, manual: 1, skipped: 0, pending: 0, manualOpen: 0 }]);
  const py = out.tasks[1].snippets[0];
  assert.equal(py.exitCode, 0);
  assert.equal(py.outputExcerpt, '(50, 50, 3)\n');
  assert.equal(py.outputSha256, createHash('sha256').update('(50, 50, 3)\n').digest('hex'));
  assert.deepEqual(py.expected, [{ text: '(50, 50, 3)', met: true, class: 'literal' }]);
  assert.deepEqual(out.tasks[0].snippets[0].expected, [{ text: '104+ tests passing', met: true, class: 'numeric', actual: '104+ tests' }]);
  assert.equal(py.commandSha256, commandHash('print((50, 50, 3))'));
});

test('snippets run in the given cwd with the shell the fence names', async () => {
  const dir = cwd();
  const out = await runPhases([phase([
    task(1, 'pwd; echo "$BASH_VERSION" | grep -q . && echo is-bash', { expected: ['is-bash'] }),
    task(2, 'test -z "$BASH_VERSION" && echo not-bash', { lang: 'sh', expected: ['not-bash'] }),
  ])], { cwd: dir });
  assert.equal(out.tasks[0].status, 'passed', out.tasks[0].snippets[0].outputExcerpt);
  assert.ok(out.tasks[0].snippets[0].outputExcerpt.startsWith(dir), out.tasks[0].snippets[0].outputExcerpt);
  assert.equal(out.tasks[1].status, 'passed', out.tasks[1].snippets[0].outputExcerpt);
});

test('an exit code failure fails the task and the phase; stderr is captured', async () => {
  const out = await runPhases([phase([task(1, 'echo fine'), task(2, 'echo broken >&2; exit 3')])], { cwd: cwd() });
  const s = out.tasks[1].snippets[0];
  assert.equal(out.tasks[1].status, 'failed');
  assert.equal(s.exitCode, 3);
  assert.equal(s.outputExcerpt, 'broken\n');
  assert.equal(out.phaseResults[0].verdict, 'NO-GO');
  assert.equal(out.phaseResults[0].passed, 1);
  assert.equal(out.phaseResults[0].failed, 1);
});

test('an unmet # Expected: fails a snippet that exits 0; a configured pattern replaces the classification', async () => {
  const out = await runPhases([phase([
    task(1, 'echo "no issues"', { expected: ['~7 errors'] }),
    task(2, 'echo "found 60 errors"', { expected: ['~7 errors'] }),
  ])], { cwd: cwd(), expectedPatterns: {} });
  assert.deepEqual(out.tasks.map((t) => t.status), ['failed', 'failed']);
  assert.deepEqual(out.tasks[0].snippets[0].expected, [{ text: '~7 errors', met: false, class: 'numeric', actual: 'no number with "errors"' }]);
  assert.equal(out.tasks[1].snippets[0].expected[0].actual, '60 errors');
  const withPattern = await runPhases([phase([
    task(1, 'echo "found 6 errors"', { expected: ['~7 errors'] }),
    task(2, 'echo "found 60 errors"', { expected: ['~7 errors'] }),
  ])], { cwd: cwd(), expectedPatterns: { '~7 errors': '\\b[5-9] errors' } });
  assert.deepEqual(withPattern.tasks.map((t) => t.status), ['passed', 'failed']);
  assert.equal(withPattern.tasks[0].snippets[0].expected[0].pattern, '\\b[5-9] errors');
  const bad = await runPhases([phase([task(1, 'echo x', { expected: ['x'] })])], { cwd: cwd(), expectedPatterns: { x: '(' } });
  assert.equal(bad.tasks[0].status, 'failed');
  assert.match(bad.tasks[0].snippets[0].expected[0].error ?? '', /not a valid regular expression/);
});

test('an expected text split across output chunks is still found', async () => {
  const out = await runPhases([phase([task(1, "printf 'all tes'; sleep 0.2; printf 'ts passing\\n'", { expected: ['"all  tests passing"'] })])], { cwd: cwd() });
  assert.equal(out.tasks[0].status, 'passed');
});

test('a timeout kills a child that ignores SIGTERM, and its grandchildren', async () => {
  const dir = cwd();
  const started = Date.now();
  const out = await runPhases([phase([task(1, `trap '' TERM; (trap '' TERM; sleep 100) & echo $! > grandchild.pid; echo $$ > child.pid; sleep 100`)])], {
    cwd: dir,
    timeoutMs: 800,
    killGraceMs: 300,
  });
  const elapsed = Date.now() - started;
  const s = out.tasks[0].snippets[0];
  assert.equal(s.timedOut, true);
  assert.equal(s.signal, 'SIGKILL');
  assert.equal(out.tasks[0].status, 'failed');
  assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  for (const f of ['child.pid', 'grandchild.pid']) {
    const pid = Number(readFileSync(join(dir, f), 'utf8'));
    assert.ok(pid > 0);
    assert.equal(alive(pid), false, `${f} ${pid} should be dead`);
  }
});

test('a snippet that leaves a background process behind ends when its shell exits', async () => {
  const started = Date.now();
  const out = await runPhases([phase([task(1, 'sleep 100 & echo started', { expected: ['started'] })])], { cwd: cwd(), killGraceMs: 300 });
  assert.equal(out.tasks[0].status, 'passed');
  assert.ok(Date.now() - started < 5000);
});

test('a left-behind process that ignores SIGTERM and closed its output is still killed', async () => {
  const dir = cwd();
  const started = Date.now();
  const out = await runPhases([phase([task(1, `(trap '' TERM; exec sleep 100) >/dev/null 2>&1 </dev/null & echo $! > bg.pid; echo done`, { expected: ['done'] })])], { cwd: dir, killGraceMs: 200 });
  assert.equal(out.tasks[0].status, 'passed');
  assert.ok(Date.now() - started < 3000);
  const pid = Number(readFileSync(join(dir, 'bg.pid'), 'utf8'));
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(alive(pid), false, `background ${pid} should be dead`);
});

test('stop-on-failure skips the rest of the phase and later phases', async () => {
  const dir = cwd();
  const phases = [phase([task(1, 'exit 1'), task(2, 'touch ran-2'), task(3, null)], 1), phase([task(5, 'touch ran-5')], 2)];
  const out = await runPhases(phases, { cwd: dir, stopOnFailure: true });
  assert.deepEqual(out.tasks.map((t) => t.status), ['failed', 'skipped', 'skipped']);
  assert.equal(existsSync(join(dir, 'ran-2')), false);
  assert.equal(existsSync(join(dir, 'ran-5')), false);
  assert.deepEqual(out.phaseResults.map((p) => [p.verdict, p.skipped, p.manual]), [['NO-GO', 1, 1], ['NO-GO', 1, 0]]);
  assert.equal(out.tasks[1].snippets[0].notRun, true);
  const without = await runPhases(phases, { cwd: dir });
  assert.deepEqual(without.tasks.map((t) => t.status), ['failed', 'passed', 'passed']);
  assert.deepEqual(without.phaseResults.map((p) => p.verdict), ['NO-GO', 'GO']);
});

test('a phase with only an unticked manual task is PENDING; a later snippet of a failed task is not run', async () => {
  const dir = cwd();
  const t: RunnerTask = { ...task(1, null), snippets: [{ lang: 'bash', code: 'exit 2', expected: [] }, { lang: 'text', code: 'sample output', expected: [] }, { lang: 'sh', code: 'touch second', expected: [] }] };
  const out = await runPhases([phase([task(7, null)], 1), phase([t], 2)], { cwd: dir });
  assert.deepEqual(out.phaseResults[0], { phase: 1, verdict: 'PENDING', passed: 0, failed: 0, manual: 1, skipped: 0, pending: 0, manualOpen: 1 });
  assert.deepEqual(out.tasks[0].snippets.map((s) => [s.lang, s.exitCode, !!s.notRun]), [['bash', 2, false], ['sh', null, true]]);
  assert.equal(existsSync(join(dir, 'second')), false);
});

test('a snippet printing 50 MB: memory stays bounded, the excerpt is capped, the hash is of the whole output', async () => {
  const size = 50 * 1024 * 1024;
  let streamed = 0;
  let peak = 0;
  const base = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss - base); }, 20);
  const out = await runPhases([phase([task(1, `head -c ${size} /dev/zero | tr '\\0' a; echo; echo the-end`, { expected: ['the-end'] })])], {
    cwd: cwd(),
    callbacks: { onOutput: (c) => { streamed += c.length; } },
  });
  clearInterval(sampler);
  const s = out.tasks[0].snippets[0];
  assert.equal(out.tasks[0].status, 'passed');
  assert.equal(s.outputBytes, size + 9);
  assert.equal(streamed, size + 9);
  const h = createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  for (let i = 0; i < 50; i++) h.update(chunk);
  h.update('\nthe-end\n');
  assert.equal(s.outputSha256, h.digest('hex'));
  assert.ok(s.outputExcerpt.length < 2 * 64 * 1024 + 100, `excerpt ${s.outputExcerpt.length}`);
  assert.match(s.outputExcerpt, /\[… \d+ bytes of output omitted …\]/);
  assert.ok(s.outputExcerpt.endsWith('a\nthe-end\n'));
  assert.ok(peak < 40 * 1024 * 1024, `rss grew by ${(peak / 1048576).toFixed(1)} MB`);
});

test('CRLF code runs (line endings normalised) and hashes like its LF form', async () => {
  const out = await runPhases([phase([task(1, 'echo one\r\necho two\r\n', { expected: ['two'] })])], { cwd: cwd() });
  assert.equal(out.tasks[0].status, 'passed', out.tasks[0].snippets[0].outputExcerpt);
  assert.equal(out.tasks[0].snippets[0].outputExcerpt, 'one\ntwo\n');
  assert.equal(commandHash('echo one\r\necho two\r\n'), commandHash('echo one\necho two\n'));
});

test('a missing interpreter or a bad cwd is a failed task, not a crash', async () => {
  const out = await runPhases([phase([task(1, 'echo x')])], { cwd: join(tmpdir(), 'signoff-no-such-dir-' + process.pid) });
  assert.equal(out.tasks[0].status, 'failed');
  assert.equal(out.tasks[0].snippets[0].exitCode, null);
  assert.match(out.tasks[0].snippets[0].outputExcerpt, /ENOENT/);
});

test('cancelling kills the running snippet and skips the rest', async () => {
  const ac = new AbortController();
  const started = Date.now();
  setTimeout(() => ac.abort(), 300);
  const out = await runPhases([phase([task(1, 'sleep 100'), task(2, 'echo never')])], { cwd: cwd(), signal: ac.signal, killGraceMs: 200 });
  assert.equal(out.cancelled, true);
  assert.deepEqual(out.tasks.map((t) => t.status), ['failed', 'skipped']);
  assert.equal(out.tasks[0].snippets[0].cancelled, true);
  assert.ok(Date.now() - started < 4000);
});

test('tickBytes changes only the checkbox byte, keeping a BOM, CRLF and multi-byte text', () => {
  const text = '# Checklist ✅\r\n\r\n- [ ] **A** 🔧 task\r\n- [x] B\r\n- [ ] C — é\r\n';
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const a = text.indexOf('[ ]');
  const c = text.lastIndexOf('[ ]');
  const b = text.indexOf('[x]');
  const r = tickBytes(bytes, text, [c, a, b]);
  assert.deepEqual(r.ticked, [a, c]);
  assert.deepEqual(r.skipped, [b]);
  const expected = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('- [ ] **A**', '- [x] **A**').replace('- [ ] C', '- [x] C'), 'utf8')]);
  assert.ok(Buffer.from(r.bytes).equals(expected));
  const diff = [...r.bytes].map((v, i) => (v !== bytes[i] ? i : -1)).filter((i) => i >= 0);
  assert.equal(diff.length, 2);
});

test('checkboxEdits: one character inside each unchecked box', () => {
  const edits = checkboxEdits([
    { checked: false, checkboxRange: { start: { line: 4, character: 2 }, end: { line: 4, character: 5 } } },
    { checked: true, checkboxRange: { start: { line: 5, character: 2 }, end: { line: 5, character: 5 } } },
  ]);
  assert.deepEqual(edits, [{ range: { start: { line: 4, character: 3 }, end: { line: 4, character: 4 } }, newText: 'x' }]);
});
