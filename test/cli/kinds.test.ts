/**
 * What the CLI says about kinds (the real CLI as a process, on real temp folders): a file named on the command line
 * that is neither kind is reported as skipped with the reason (stderr for text, a `skipped` list in JSON), never a
 * silent "0 documents"; `--explain-kinds` lists each Markdown file's kind and the deciding signals; the
 * `documents.*` globs and the directive win over the content; and a one-file check sees a duplicate Certificate ID
 * written `**Certificate ID:** X` in a file it does not check (one ID matcher for the model and the scan).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const cert = (id: string, idLine = `**Certificate ID**: ${id}`) => `# PAYMENTS REVIEW CERTIFICATE

**Component**: payments
**Agent**: reviewer
**Date**: 2025-01-01 10:00:00 UTC
${idLine}

## REVIEW SCOPE
Scope.

## FINDINGS
None.

## DECISION/OUTCOME
**Status**: APPROVED
**Rationale**: Fine.

## EVIDENCE
- none

## SIGNATURE
Agent: reviewer
Timestamp: 2025-01-01 10:00:00 UTC
`;

const plan = `# Migration Plan

## Phase 1: Prepare
- [ ] Write the scripts
- [ ] Review them

## Phase 2: Run
- [ ] Run the scripts
`;

test('a named file that is neither kind is reported as skipped, with the reason', () => {
  const root = makeTree({ 'docs/plan.md': plan, 'docs/a.md': cert('PAY-1') });
  const text = runCli(['check', 'docs/plan.md'], { cwd: root });
  assert.equal(text.code, 0, text.stderr);
  // Ruled out before parsing (no heading holds a kind word): the reason says so.
  assert.match(text.stderr, /^signoff: docs\/plan\.md: skipped: not recognised as a certificate or checklist: no heading names a certificate, a checklist or a release/m);
  const json = runCli(['check', 'docs/plan.md', '--format', 'json'], { cwd: root });
  const out = JSON.parse(json.stdout) as { files: unknown[]; skipped: { path: string; reason: string }[] };
  assert.deepEqual(out.files, []);
  assert.equal(out.skipped.length, 1);
  assert.equal(out.skipped[0].path, 'docs/plan.md');
  assert.match(out.skipped[0].reason, /no heading names a certificate/);
  // A certificate named with it is checked and not listed as skipped.
  const both = JSON.parse(runCli(['check', 'docs/plan.md', 'docs/a.md', '--format', 'json'], { cwd: root }).stdout) as { files: { path: string }[]; skipped: { path: string }[] };
  assert.deepEqual(both.files.map((f) => f.path), ['docs/a.md']);
  assert.deepEqual(both.skipped.map((f) => f.path), ['docs/plan.md']);
});

test('a weak review certificate (no ID, no verdict) is not a silent pass: its near miss is said', () => {
  const root = makeTree({ 'weak.md': '# Code Review Certificates\n\nSome notes.\n' });
  const r = runCli(['check', 'weak.md'], { cwd: root });
  assert.match(r.stderr, /weak\.md: skipped: not recognised as a certificate or checklist: /);
});

test('--explain-kinds lists every Markdown file with its kind and why; config globs and the directive win', () => {
  const root = makeTree({
    'a.md': cert('PAY-1'),
    'plan.md': plan,
    'forced.md': `<!-- signoff: checklist -->\n${plan}`,
    'off.md': `<!-- signoff: none -->\n${cert('PAY-2')}`,
    'legacy/old.md': cert('PAY-3'),
    'release.md': '# Release 2.0 Runbook\n\n## 0. Preconditions\n\n- [ ] tag\n\n## 1. Pre-flight\n\n- [ ] build\n\n## 2. Go/No-Go\n\n- [ ] decide\n\n## 3. Rollback\n\nrevert\n',
    '.signoff.json': JSON.stringify({ documents: { exclude: ['legacy/**'], checklists: ['plan.md'] } }),
  });
  const r = runCli(['check', '--explain-kinds'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  const line = (p: string) => r.stdout.split('\n').find((l) => l.startsWith(p + ':')) ?? '';
  assert.match(line('a.md'), /^a\.md: certificate: Certificate ID field before the first H2$/);
  assert.match(line('plan.md'), /^plan\.md: checklist \[config\]: documents\.checklists$/);
  assert.match(line('forced.md'), /^forced\.md: checklist \[directive\]: directive <!-- signoff: checklist -->$/);
  assert.match(line('off.md'), /^off\.md: neither \[directive\]: directive <!-- signoff: none -->$/);
  assert.match(line('legacy/old.md'), /^legacy\/old\.md: neither \[config\]: documents\.exclude$/);
  assert.match(line('release.md'), /^release\.md: checklist: "release" in the title "Release 2\.0 Runbook"; 3 task items; a Go\/No-Go decision; a rollback section/);
  const json = JSON.parse(runCli(['check', '--explain-kinds', '--format', 'json', 'a.md'], { cwd: root }).stdout) as { kinds: { path: string; kind: string; reasons: string[] }[] };
  assert.deepEqual(json.kinds.map((k) => [k.path, k.kind]), [['a.md', 'certificate']]);
  // The excluded certificate is not checked by a full check either.
  const full = JSON.parse(runCli(['check', '--format', 'json'], { cwd: root }).stdout) as { files: { path: string }[] };
  assert.deepEqual(full.files.map((f) => f.path).sort(), ['a.md', 'forced.md', 'plan.md', 'release.md']);
});

test('a one-file check sees a duplicate Certificate ID written **Certificate ID:** X in another file', () => {
  const root = makeTree({ 'a.md': cert('PAY-20250101-1'), 'b.md': cert('PAY-20250101-1', '**Certificate ID:** PAY-20250101-1') });
  const one = runCli(['check', 'a.md', '--format', 'json'], { cwd: root });
  const out = JSON.parse(one.stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
  const dup = out.files[0].findings.find((f) => f.ruleId === 'cert-id-unique');
  assert.ok(dup, `no cert-id-unique finding in a one-file check: ${one.stdout}`);
  assert.match(dup.message, /b\.md/);
  // The full check says the same.
  const full = JSON.parse(runCli(['check', '--format', 'json'], { cwd: root }).stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
  assert.ok(full.files.find((f) => f.path === 'a.md')!.findings.some((f) => f.ruleId === 'cert-id-unique'));
});
