/**
 * evidence-drift on real git repositories made in temp folders, with commits at set dates: drift found, moved lines
 * re-anchored, nothing after the Date, uncommitted changes, and "unknown" without git, outside a repository, in a
 * shallow clone and before a file's history. Also: one `git log` per cited file, not per reference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { Engine, parseConfig, applyEdits, type Finding } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { runProcess } from '../../src/node/process';
import type { Host } from '../../src/core/host';

const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`);

function git(cwd: string, args: string[], date?: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' });
}

function write(root: string, rel: string, content: string) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}

/** a.py: 20 lines (Jan 1); line 5 edited (Mar 1); 3 lines inserted at the top (Mar 2). b.py: added Jan 1, untouched. */
function makeRepo(): { root: string; shas: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'signoff-git-'));
  git(root, ['init', '-q', '-b', 'main']);
  write(root, 'src/a.py', lines(20).join('\n') + '\n');
  write(root, 'src/b.py', lines(5).join('\n') + '\n');
  git(root, ['add', '.']);
  git(root, ['commit', '-q', '-m', 'add a and b'], '2025-01-01T00:00:00Z');
  const a = lines(20);
  a[4] = 'line 5 changed';
  write(root, 'src/a.py', a.join('\n') + '\n');
  git(root, ['commit', '-q', '-am', 'edit line 5'], '2025-03-01T00:00:00Z');
  write(root, 'src/a.py', ['new 1', 'new 2', 'new 3', ...a].join('\n') + '\n');
  git(root, ['commit', '-q', '-am', 'insert a header'], '2025-03-02T00:00:00Z');
  const shas = git(root, ['log', '--format=%H', '--reverse']).trim().split('\n');
  return { root, shas };
}

function cert(date: string, body: string): string {
  return `# T REVIEW CERTIFICATE\n\n**Component**: c\n**Agent**: a\n**Date**: ${date}\n**Certificate ID**: T-1\n\n## FINDINGS\n\n${body}\n`;
}

async function drift(root: string, text: string, host?: Host): Promise<{ findings: Finding[]; processes: number; engine: Engine }> {
  const h = host ?? new NodeHost({ root, exclude: [] });
  const engine = new Engine(h, parseConfig(undefined).config);
  engine.workspace.files = await new NodeHost({ root, exclude: [] }).listFiles();
  const doc = engine.parse('docs/review.md', text);
  engine.workspace.update(doc);
  const findings = (await engine.check(doc)).filter((f) => f.ruleId === 'evidence-drift');
  return { findings, processes: engine.workspace.evidence(h, engine.config).drift.processes, engine };
}

test('drift found: cited lines edited after the Date, with the commit; untouched lines that did not move are silent', async () => {
  const { root, shas } = makeRepo();
  const text = cert('2025-02-01 00:00:00 UTC', '- src/a.py:4-6\n- src/b.py:2\n- src/a.py:15-16');
  const { findings } = await drift(root, text);
  const touched = findings.find((f) => f.start.line === 10)!;
  assert.ok(touched, 'the edited range is reported');
  assert.match(touched.message, /^Evidence changed since the certificate was signed \(2025-02-01 00:00:00 UTC\): lines 4-6 of src\/a\.py was modified by 1 commit/);
  assert.ok(touched.message.includes(shas[1].slice(0, 7)) && touched.message.includes('edit line 5'));
  assert.deepEqual(touched.data?.commits, [shas[1]]);
  // 15-16 moved by the header insertion (Mar 2), unchanged: re-anchoring offered.
  const moved = findings.find((f) => f.start.line === 12)!;
  assert.match(moved.message, /moved since the certificate was signed .* unchanged: now lines 18-19/);
  assert.equal(moved.fixes![0].safe, false);
  assert.equal(applyEdits(text, moved.fixes![0].edits).split('\n')[11], '- src/a.py:18-19');
  assert.equal(findings.length, 2, 'b.py did not change');
});

test('no drift when nothing changed after the Date', async () => {
  const { root } = makeRepo();
  const { findings } = await drift(root, cert('2025-04-01 00:00:00 UTC', '- src/a.py:4-6\n- src/a.py:18-19\n- src/b.py'));
  assert.deepEqual(findings.map((f) => f.message), []);
});

test('uncommitted changes to the cited lines are drift too; one git log per cited file', async () => {
  const { root } = makeRepo();
  const a = readFileSync(join(root, 'src/a.py'), 'utf8').split('\n');
  a[9] = 'edited in the work tree';
  writeFileSync(join(root, 'src/a.py'), a.join('\n'));
  const refs = ['- src/a.py:10', '- src/a.py:1-2', '- src/a.py (lines 3-4)', '- src/b.py:1', '- src/b.py:2-3', '- b.py'];
  const { findings, processes } = await drift(root, cert('2025-04-01 00:00:00 UTC', refs.join('\n')));
  assert.deepEqual(findings.map((f) => f.start.line), [10]);
  assert.match(findings[0].message, /modified by uncommitted changes/);
  // rev-parse once, one batched diff, one log per file (a.py, b.py): not one per reference.
  assert.equal(processes, 4);
});

test('a path cited without lines is reported once per file when the file changed', async () => {
  const { root } = makeRepo();
  const { findings } = await drift(root, cert('2025-02-01 00:00:00 UTC', '- src/a.py is central\n- so is `src/a.py`'));
  assert.deepEqual(findings.map((f) => f.start.line), [10]);
  assert.match(findings[0].message, /^src\/a\.py changed after the certificate was signed .*2 commits/);
});

test('unknown: not a repository, git missing, shallow clone, no history at the Date; nothing fails', async () => {
  const plain = mkdtempSync(join(tmpdir(), 'signoff-nogit-'));
  write(plain, 'src/a.py', lines(5).join('\n') + '\n');
  const body = '- src/a.py:2';
  const notRepo = await drift(plain, cert('2025-02-01 00:00:00 UTC', body));
  assert.deepEqual(notRepo.findings.map((f) => [f.start.line, f.severity, f.message]), [[5, 'info', 'Evidence drift is unknown: the workspace is not a git repository.']]);

  const base = new NodeHost({ root: plain, exclude: [] });
  const noGitHost: Host = Object.assign(Object.create(base), {
    exec: (_c: string, args: string[], o: { timeoutMs: number }) => runProcess('signoff-no-such-git-binary', args, { timeoutMs: o.timeoutMs, cwd: plain }),
  });
  const missing = await drift(plain, cert('2025-02-01 00:00:00 UTC', body), noGitHost);
  assert.deepEqual(missing.findings.map((f) => f.message), ['Evidence drift is unknown: git is not available.']);

  const { root } = makeRepo();
  const shallow = join(mkdtempSync(join(tmpdir(), 'signoff-shallow-')), 'clone');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${root}`, shallow]);
  const s = await drift(shallow, cert('2025-02-01 00:00:00 UTC', body));
  assert.deepEqual(s.findings.map((f) => f.message), ['Evidence drift is unknown: the repository is a shallow clone without history at the Date; drift needs that history (in CI, check out with fetch-depth: 0).']);

  const early = await drift(root, cert('2024-06-01 00:00:00 UTC', body));
  assert.equal(early.findings.length, 1);
  assert.match(early.findings[0].message, /^Evidence drift is unknown: it was first committed after the certificate's Date/);

  const off = new Engine(new NodeHost({ root, exclude: [] }), parseConfig('{"evidence":{"git":false}}').config);
  off.workspace.files = ['src/a.py'];
  const doc = off.parse('docs/r.md', cert('2024-06-01 00:00:00 UTC', body));
  off.workspace.update(doc);
  assert.deepEqual((await off.check(doc)).filter((f) => f.ruleId === 'evidence-drift'), [], 'evidence.git: false turns it off');
});

test('the repository-level note (shallow clone) is said once per run by signoff check, with fetch-depth: 0 advice', async () => {
  const { root } = makeRepo();
  const shallow = join(mkdtempSync(join(tmpdir(), 'signoff-shallow-')), 'clone');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${root}`, shallow]);
  for (const name of ['one', 'two', 'three']) write(shallow, `docs/${name}.md`, cert('2025-02-01 00:00:00 UTC', '- src/a.py:2\n- src/b.py:1'));
  // The engine marks the note as the repository's on each certificate ...
  const { findings } = await drift(shallow, cert('2025-02-01 00:00:00 UTC', '- src/a.py:2'));
  assert.deepEqual(findings.map((f) => f.data?.repository), [true]);
  // ... and a run says it once, on the first certificate, the same with worker threads and without.
  const { runCli } = await import('../helpers/cli');
  for (const workers of ['0', '2']) {
    const r = runCli(['check', '--root', shallow, '--format', 'json'], { cwd: shallow, env: { SIGNOFF_WORKERS: workers } });
    const notes = (JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] }).files
      .flatMap((f) => f.findings.filter((x) => x.ruleId === 'evidence-drift').map((x) => `${f.path}: ${x.message}`));
    assert.deepEqual(notes, ['docs/one.md: Evidence drift is unknown: the repository is a shallow clone without history at the Date; drift needs that history (in CI, check out with fetch-depth: 0).'], `workers ${workers}`);
  }
});

/**
 * A real repository with one object deleted from .git/objects: the blob of an unrelated file that was removed in the
 * commit that added the cited file. `git log --follow` must read it (rename detection) and fails; drift still works.
 */
function damagedRepo(): { root: string; shas: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'signoff-damaged-'));
  git(root, ['init', '-q', '-b', 'main']);
  write(root, 'src/old.txt', lines(50, 'other').join('\n') + '\n');
  git(root, ['add', '.']);
  git(root, ['commit', '-q', '-m', 'an unrelated file'], '2024-12-01T00:00:00Z');
  const oid = git(root, ['rev-parse', 'HEAD:src/old.txt']).trim();
  git(root, ['rm', '-q', 'src/old.txt']);
  write(root, 'src/a.py', lines(20).join('\n') + '\n');
  git(root, ['add', '.']);
  git(root, ['commit', '-q', '-m', 'add a, drop old'], '2025-01-01T00:00:00Z');
  const a = lines(20);
  a[4] = 'line 5 changed';
  write(root, 'src/a.py', a.join('\n') + '\n');
  git(root, ['commit', '-q', '-am', 'edit line 5'], '2025-03-01T00:00:00Z');
  rmSync(join(root, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
  const shas = git(root, ['log', '--format=%H', '--reverse']).trim().split('\n');
  return { root, shas };
}

test('one unreadable object in the history does not turn drift off: changed cited lines are still reported', async () => {
  const { root, shas } = damagedRepo();
  // The damage is real: rename following fails on this repository.
  assert.throws(() => execFileSync('git', ['log', '--follow', '-p', '--', 'src/a.py'], { cwd: root, stdio: 'pipe' }));
  const { findings } = await drift(root, cert('2025-02-01 00:00:00 UTC', '- src/a.py:4-6\n- src/a.py:10-12'));
  assert.deepEqual(findings.map((f) => f.start.line), [10], findings.map((f) => f.message).join(' | '));
  assert.match(findings[0].message, /^Evidence changed since the certificate was signed .*lines 4-6 of src\/a\.py was modified by 1 commit/);
  assert.deepEqual(findings[0].data?.commits, [shas[2]]);
});

test('a file whose own history cannot be read is unknown, with the reason, and git\'s error text is not shown', async () => {
  const { root } = damagedRepo();
  // Damage the cited file's own history too: its first version's blob.
  const oid = git(root, ['rev-parse', 'HEAD~1:src/a.py']).trim();
  rmSync(join(root, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
  write(root, 'src/b.py', lines(5).join('\n') + '\n');
  git(root, ['add', 'src/b.py']);
  git(root, ['commit', '-q', '-m', 'add b'], '2025-01-15T00:00:00Z');
  const { findings } = await drift(root, cert('2025-02-01 00:00:00 UTC', '- src/a.py:4-6\n- src/b.py:2'));
  assert.deepEqual(findings.map((f) => f.message), ['Evidence drift is unknown for 1 cited file: src/a.py (its history cannot be read: an object in the repository is missing or damaged).']);
  assert.ok(!/fatal|unable to read/i.test(findings[0].message));
});

test('the real CLI on a damaged repository: drift reported, nothing of git\'s error text on stderr', async () => {
  const { runCli } = await import('../helpers/cli');
  const { root } = damagedRepo();
  write(root, 'docs/review.md', cert('2025-02-01 00:00:00 UTC', '- src/a.py:4-6'));
  const r = runCli(['check', '--root', root, '--format', 'json'], { cwd: root });
  assert.equal(r.stderr, '');
  const findings = (JSON.parse(r.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] }).files.flatMap((f) => f.findings);
  assert.ok(findings.some((f) => f.ruleId === 'evidence-drift' && /lines 4-6 of src\/a\.py was modified/.test(f.message)), JSON.stringify(findings));
});
