/**
 * Inputs that once hung or aborted `signoff check` (issue 11), through the real CLI as a process: FIFOs cited or
 * listed as documents (directly and through symbolic links), symbolic link loops and links out of the workspace,
 * and `--fix` on a file the user may not write. A hang fails through runCli's timeout (the process is killed and
 * the exit code is null), never a timed assertion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { NOBODY, runCli, runCliAsNobody } from '../helpers/cli';

const CERT = (body: string) => `# PIPE REVIEW CERTIFICATE

**Component**: pipes
**Agent**: reviewer-one
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: PIPE-20250201-080000

## REVIEW SCOPE

Pipes.

## FINDINGS

${body}

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: Nothing blocks the release.

## EVIDENCE

Reviewed.

## SIGNATURE

Agent: reviewer-one
Timestamp: 2025-02-01 08:00:00 UTC
Certificate Hash: any-opaque-text
`;

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

interface JsonFinding { ruleId: string; message: string; severity: string }
const findingsOf = (stdout: string, path: string): JsonFinding[] => (JSON.parse(stdout).files as { path: string; findings: JsonFinding[] }[]).find((f) => f.path === path)?.findings ?? [];

test('a FIFO cited through a symbolic link, and a document that is a link to a FIFO: reported, never opened', { skip: !hasMkfifo && 'mkfifo is not available' }, () => {
  const root = makeTree({ 'docs/pipe_certificate.md': CERT('- Read `src/pipe_link.py:1` and `src/pipe.py:2`.'), 'src/ok.py': 'x = 1\n' });
  mkfifo(join(root, 'src/pipe.py'));
  symlinkSync('pipe.py', join(root, 'src/pipe_link.py'));
  mkfifo(join(root, 'docs/fifo.md'));
  symlinkSync('fifo.md', join(root, 'docs/link_certificate.md'));
  const r = runCli(['check', '--root', root, '--format', 'json'], { env: { SIGNOFF_WORKERS: '0' } });
  assert.notEqual(r.code, null, 'signoff check hung (killed by the watchdog)');
  assert.notEqual(r.code, 2, r.stderr);
  const messages = findingsOf(r.stdout, 'docs/pipe_certificate.md').map((f) => f.message).join('\n');
  assert.match(messages, /src\/pipe_link\.py is not a regular file \(a FIFO\)/);
  assert.match(messages, /src\/pipe\.py is not a regular file \(a FIFO\)/);
  assert.match(r.stderr, /docs\/link_certificate\.md: not a regular file \(a FIFO\), not read/);
  // Named on the command line: the same line, and the others are still checked.
  const named = runCli(['check', '--root', root, '--format', 'json', join(root, 'docs/link_certificate.md'), join(root, 'docs/pipe_certificate.md')]);
  assert.notEqual(named.code, null, 'hung');
  assert.match(named.stderr, /link_certificate\.md: not a regular file \(a FIFO\), not read/);
  assert.equal((JSON.parse(named.stdout).files as unknown[]).length, 1);
  // A FIFO as the configuration file: not read, said so, the defaults apply.
  mkfifo(join(root, '.signoff.json'));
  const config = runCli(['check', '--root', root, '--format', 'json', join(root, 'docs/pipe_certificate.md')]);
  assert.notEqual(config.code, null, 'hung on .signoff.json');
  assert.match(config.stderr, /\.signoff\.json is not a regular file: not read, the defaults apply/);
  assert.equal((JSON.parse(config.stdout).files as unknown[]).length, 1);
});

test('a symbolic link loop and a folder link out of the workspace are named as such, not as missing', () => {
  const outside = makeTree({ 'secret.py': 'token = 1\n' });
  const root = makeTree({ 'docs/links_certificate.md': CERT('- See `src/loop.py:1`, `src/out/secret.py:1` and `src/gone.py:1`.') });
  mkdirSync(join(root, 'src'), { recursive: true });
  symlinkSync('loop.py', join(root, 'src/loop.py'));
  symlinkSync(outside, join(root, 'src/out'));
  const r = runCli(['check', '--root', root, '--format', 'json']);
  assert.notEqual(r.code, 2, r.stderr);
  const byMessage = findingsOf(r.stdout, 'docs/links_certificate.md').map((f) => `${f.ruleId}: ${f.message}`).join('\n');
  assert.match(byMessage, /src\/loop\.py is not a regular file \(a symbolic link loop\)/);
  assert.match(byMessage, /evidence-outside-workspace: src\/out\/secret\.py .*leads through a symbolic link to outside the workspace/);
  assert.match(byMessage, /evidence-file-missing: Cited file src\/gone\.py does not exist/);
  assert.doesNotMatch(byMessage, /(loop|secret)\.py does not exist/);
  // As command-line arguments.
  symlinkSync('selfloop.md', join(root, 'selfloop.md'));
  const loop = runCli(['check', '--root', root, join(root, 'selfloop.md')]);
  assert.equal(loop.code, 2);
  assert.match(loop.stderr, /selfloop\.md is a symbolic link loop/);
  const out = runCli(['check', '--root', root, join(root, 'src/out')]);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /src\/out is a symbolic link to outside the root/);
});

test('--fix with one read-only file: that file is reported and left whole, the others are fixed, exit 1', (t) => {
  // `**Status**: **APPROVED**` has a safe fix (cert-status-value).
  const fixable = CERT('Fine.').replace('**Status**: APPROVED', '**Status**: **APPROVED**').replace(/\n/g, '\r\n');
  const root = makeTree({ 'a.md': fixable, 'b.md': fixable.replace('PIPE-', 'PIPB-'), 'c.md': fixable.replace('PIPE-', 'PIPC-') });
  for (const p of ['', 'a.md', 'b.md', 'c.md']) chownSync(join(root, p), NOBODY.uid, NOBODY.gid);
  chmodSync(join(root, 'b.md'), 0o444);
  chmodSync(join(root, 'c.md'), 0o640);
  const r = runCliAsNobody(['check', '--root', root, '--fix', '--format', 'json']);
  if (!r) { t.skip('cannot run as an unprivileged user here (not root, or no setpriv)'); return; }
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^signoff: b\.md: the fixes could not be written \(EACCES: permission denied\); the file is unchanged$/m);
  assert.equal(readFileSync(join(root, 'b.md'), 'utf8'), fixable.replace('PIPE-', 'PIPB-'), 'the read-only file is untouched');
  for (const p of ['a.md', 'c.md']) {
    const after = readFileSync(join(root, p), 'utf8');
    assert.match(after, /\*\*Status\*\*: APPROVED\r\n/, `${p} fixed`);
    assert.ok(!/[^\r]\n/.test(after), `${p} keeps CRLF`);
  }
  assert.equal(statSync(join(root, 'c.md')).mode & 0o777, 0o640, 'mode kept through the rename');
  assert.deepEqual(readdirSync(root).filter((n) => n.includes('.tmp')), [], 'no temporary file left');
  const report = JSON.parse(r.stdout);
  const b = findingsOf(r.stdout, 'b.md');
  assert.ok(b.some((f) => f.severity === 'error' && /fixes could not be written/.test(f.message)), JSON.stringify(b));
  assert.deepEqual(report.files.map((f: { path: string }) => f.path), ['a.md', 'b.md', 'c.md']);
  writeFileSync(join(root, 'b.md'), ''); // keep the temp folder removable
});
