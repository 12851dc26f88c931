/**
 * `signoff run` when the world does not cooperate (issue 11), through the real CLI as a process: a snippet that
 * deletes its own checklist, snippets that leave processes running outside their process group (`setsid`), and two
 * runs of different phases of one checklist at once. A hang fails through the watchdog (runCli's timeout kills the
 * process: exit code null), never a timed assertion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chownSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { makeTree } from '../helpers/engine';
import { CLI, NOBODY, runCli, runCliAsNobody } from '../helpers/cli';

const checklist = (phases: string[][]) => `# Deploy Checklist
${phases.map((tasks, i) => `
### Phase ${i + 1}: Step ${i + 1}
${tasks.map((code, k) => `
- [ ] **Task ${i + 1}.${k + 1}**: runs
  \`\`\`bash
  ${code}
  \`\`\`
`).join('')}
**🚦 Phase ${i + 1} Go/No-Go Decision**
- ✅ **GO**: all pass
- ❌ **NO-GO**: any fails
`).join('')}`;

const recordsOf = (root: string) => (existsSync(join(root, '.signoff/runs')) ? readdirSync(join(root, '.signoff/runs')) : []);

/** Whether a process still runs (a zombie waiting for its parent does not count). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

test('a snippet that deletes its own checklist: results table, run record, a clear message, exit 1', () => {
  const root = makeTree({ 'deploy_checklist.md': checklist([['echo first', 'rm deploy_checklist.md', 'echo after']]) });
  const r = runCli(['run', 'deploy_checklist.md', '--yes', '--root', root], { cwd: root });
  assert.notEqual(r.code, null, 'hung (killed by the watchdog)');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /PHASE\s+LINE\s+RESULT/);
  assert.match(r.stdout, /Phase 1 \(Step 1\): GO — 3 passed/);
  assert.match(r.stdout, /Run record: /);
  assert.equal(recordsOf(root).length, 1);
  assert.match(r.stderr, /^signoff: deploy_checklist\.md is gone \(deleted during the run\?\): its checkboxes could not be updated$/m);
  assert.doesNotMatch(r.stderr, /internal error/);
});

test('a checklist made read-only by its snippet (as a normal user): left whole, results and record kept, exit 1', (t) => {
  const text = checklist([['chmod 444 deploy_checklist.md']]);
  const root = makeTree({ 'deploy_checklist.md': text });
  for (const p of ['', 'deploy_checklist.md']) chownSync(join(root, p), NOBODY.uid, NOBODY.gid);
  const r = runCliAsNobody(['run', 'deploy_checklist.md', '--yes', '--root', root], { cwd: root });
  if (!r) { t.skip('cannot run as an unprivileged user here (not root, or no setpriv)'); return; }
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /Phase 1 \(Step 1\): GO — 1 passed/);
  assert.match(r.stdout, /Run record: /);
  assert.match(r.stderr, /^signoff: deploy_checklist\.md: its checkboxes could not be updated \(EACCES: permission denied\)$/m);
  assert.equal(readFileSync(join(root, 'deploy_checklist.md'), 'utf8'), text);
  assert.deepEqual(readdirSync(root).filter((n) => n.includes('signoff-lock') || n.endsWith('.tmp')), []);
});

/** Starts `sleep 1000` in a session of its own, waits until it has left the group, prints its pid. */
const LEAVE = 'setsid sleep 1000 & p=$!; until [ "$(cut -d" " -f6 /proc/$p/stat)" = "$p" ]; do sleep 0.01; done; echo $p';

test('processes a snippet started outside its process group (setsid) are ended when it finishes or times out', (t) => {
  if (process.platform !== 'linux') { t.skip('finding them needs /proc (Linux)'); return; }
  if (runCli(['--version']).code !== 0) throw new Error('CLI does not start');
  const root = makeTree({
    'deploy_checklist.md': checklist([
      [`${LEAVE} > finished.pid; echo started`],
      [`${LEAVE} > timed-out.pid; sleep 100`],
    ]),
  });
  const r = runCli(['run', 'deploy_checklist.md', '--yes', '--timeout', '2', '--root', root], { cwd: root, timeoutMs: 60_000 });
  assert.notEqual(r.code, null, 'hung: a process outside the group held the output pipe (killed by the watchdog)');
  const pids = ['finished.pid', 'timed-out.pid'].map((f) => Number(readFileSync(join(root, f), 'utf8')));
  for (const pid of pids) assert.ok(pid > 0 && !running(pid), `process ${pid} outlived the run`);
  assert.equal(r.code, 1, 'phase 2 timed out: NO-GO');
  const notes = r.stdout.match(/\[signoff: ended 1 process the snippet left running outside its process group: \d+ [^\]]*sleep 1000\]/g) ?? [];
  assert.equal(notes.length, 2, r.stdout);
  const record = JSON.parse(readFileSync(join(root, '.signoff/runs', recordsOf(root)[0]), 'utf8'));
  const excerpts = record.tasks.flatMap((x: { snippets: { outputExcerpt: string }[] }) => x.snippets.map((s) => s.outputExcerpt)).join('\n');
  assert.match(excerpts, /left running outside its process group/, 'listed in the run record');
});

/** One `signoff run` as a process, asynchronously (so two run at once). */
function runAsync(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d; });
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => { clearTimeout(watchdog); resolve({ code, stdout, stderr }); });
  });
}

test('two runs of different phases of one checklist at once: no tick is lost', async () => {
  // Both phases end at the same moment (each waits for the other at its last task), so the write-backs meet.
  const tasks = (me: number, other: number) => [...Array.from({ length: 5 }, () => 'true'), `touch ${me}.done; while [ ! -f ${other}.done ]; do sleep 0.005; done`];
  for (let trial = 0; trial < 8; trial++) {
    const root = makeTree({ 'deploy_checklist.md': checklist([tasks(1, 2), tasks(2, 1)]) });
    const [a, b] = await Promise.all([
      runAsync(['run', 'deploy_checklist.md', '--yes', '--phase', '1', '--root', root], root),
      runAsync(['run', 'deploy_checklist.md', '--yes', '--phase', '2', '--root', root], root),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const text = readFileSync(join(root, 'deploy_checklist.md'), 'utf8');
    assert.equal((text.match(/- \[x\]/g) ?? []).length, 12, `trial ${trial}: ticks lost\n${text}`);
    assert.equal((text.match(/- \[ \]/g) ?? []).length, 0);
    assert.deepEqual(readdirSync(root).filter((n) => n.includes('signoff-lock') || n.endsWith('.tmp')), [], 'lock and temp files removed');
  }
});
