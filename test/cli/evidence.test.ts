/** Evidence through the real CLI as a process (`node dist/cli.js check --root <tmp> --format json`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const ten = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

function cert(id: string, body: string): string {
  return `# LEDGER REVIEW CERTIFICATE

**Component**: ledger
**Agent**: code-reviewer
**Date**: 2025-03-04 10:15:00 UTC
**Certificate ID**: ${id}

## REVIEW SCOPE

- Ledger (/home/john/proj/src/app.py)

## FINDINGS

${body}

### Ledger

- Balance check (lines 2-3)

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: ok

## EVIDENCE

Reviewed.

## SIGNATURE

Agent: code-reviewer
Timestamp: 2025-03-04 10:15:00 UTC
Certificate Hash: x
`;
}

const BODY = [
  '- `src/app.py:12` is past the end, `util.py:3` is ambiguous, `src/gone.py:4` is missing.',
  '- Quote: `src/app.py` line 1: `line 5`',
  '- **Security Certificate**: SEC-20250101-000000 - APPROVED',
].join('\n');

interface JsonFinding { ruleId: string; severity: string; message: string; line: number; column: number }

test('check --format json: every evidence and workspace finding, each listed once', () => {
  const root = makeTree({
    'src/app.py': ten,
    'src/util.py': ten,
    'lib/util.py': ten,
    'docs/a.md': cert('REV-20250304-101500', BODY),
    'docs/b.md': cert('REV-20250304-101500', 'Nothing else.'),
    '.signoff.json': '{"evidence":{"git":false}}',
  });
  const r = runCli(['check', '--root', root, '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { files: { path: string; findings: JsonFinding[] }[] };
  const pick = (p: string) => out.files.find((f) => f.path === p)!.findings.filter((f) => /^(evidence|cert-id|cert-reference)/.test(f.ruleId));
  const a = pick('docs/a.md');
  const keys = a.map((f) => `${f.line}:${f.column}:${f.ruleId}:${f.message}`);
  assert.equal(new Set(keys).size, keys.length, 'no finding twice');
  assert.deepEqual(a.map((f) => `${f.line}:${f.ruleId}:${f.severity}`), [
    '6:cert-id-unique:error',
    '10:evidence-foreign-path:info',
    '14:evidence-line-range:error',
    '14:evidence-ambiguous:warning',
    '14:evidence-file-missing:error',
    '15:evidence-quote-mismatch:warning',
    '16:cert-reference-missing:error',
  ]);
  assert.ok(a[0].message.includes('docs/b.md'));
  const b = pick('docs/b.md');
  assert.deepEqual(b.map((f) => `${f.line}:${f.ruleId}`), ['6:cert-id-unique', '10:evidence-foreign-path']);
  assert.ok(b[0].message.includes('docs/a.md'), 'each names the other');
});

test('check --fix rewrites foreign paths (safe) and leaves unsafe fixes alone', () => {
  const root = makeTree({ 'src/app.py': ten, 'a/util.py': ten, 'b/util.py': ten, 'docs/a.md': cert('REV-1', '- `util.py:3` and /home/john/proj/src/app.py:2'), '.signoff.json': '{"evidence":{"git":false}}' });
  const r = runCli(['check', '--root', root, '--fix', '--format', 'json']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const fixed = readFileSync(join(root, 'docs/a.md'), 'utf8');
  assert.ok(fixed.includes('- Ledger (src/app.py)'));
  assert.ok(fixed.includes('- `util.py:3` and src/app.py:2'), 'the ambiguous name is left for a person to choose');
});
