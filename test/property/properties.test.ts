/**
 * Properties of edits (product.md, "Reliability and security"), with fast-check and bounded runs:
 * - toggling checkboxes twice is the identity, and a toggle changes exactly the toggled tasks;
 * - safe fixes applied (a bounded number of passes) and re-checked leave no safe fix to apply;
 * - `check --fix` (the CLI, as a process) keeps a BOM and the line endings, and writes what the fixes say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Engine, applyEdits, safeFixEdits, parseConfig, type Finding } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { FIXED_NOW, makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const root = makeTree({ 'src/app.py': 'a = 1\nb = 2\n' });
const { config } = parseConfig(undefined);
const host = new NodeHost({ root, exclude: config.exclude, now: () => FIXED_NOW, files: ['src/app.py'] });
const engine = new Engine(host, config);
engine.workspace.files = ['src/app.py'];

function parse(text: string, path = 'docs/deploy_checklist.md') {
  return engine.parse(path, text);
}

async function check(text: string, path: string): Promise<Finding[]> {
  const doc = engine.parse(path, text);
  engine.workspace.update(doc);
  return engine.check(doc);
}

// ---------------------------------------------------------------------------------------------------------------
// Toggling

const taskLine = fc.record({
  indent: fc.constantFrom('', '  ', '    '),
  bullet: fc.constantFrom('-', '*', '+', '1.'),
  checked: fc.boolean(),
  label: fc.stringMatching(/^[A-Za-z0-9 `*_:.-]{1,30}$/),
  snippet: fc.option(fc.constantFrom('```bash\necho hi\n```', '```\nls\n```'), { nil: undefined }),
});

const checklist = fc
  .record({
    eol: fc.constantFrom('\n', '\r\n'),
    phases: fc.array(fc.record({ title: fc.stringMatching(/^[A-Za-z ]{0,20}$/), tasks: fc.array(taskLine, { minLength: 1, maxLength: 6 }) }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ eol, phases }) => {
    const out = ['# Deployment Checklist', ''];
    phases.forEach((p, i) => {
      out.push(`## Phase ${i + 1}: ${p.title}`, '');
      let prevIndent = '';
      for (const t of p.tasks) {
        const indent = t.indent.length > prevIndent.length + 2 ? prevIndent + '  ' : t.indent; // no orphan indents
        out.push(`${indent}${t.bullet} [${t.checked ? 'x' : ' '}] ${t.label.trim() || 'task'}`);
        if (t.snippet) out.push(...t.snippet.split('\n').map((l) => indent + '   ' + l));
        prevIndent = indent;
      }
      out.push('');
    });
    return out.join(eol);
  });

function toggle(text: string, which: (i: number) => boolean): string {
  const tasks = parse(text).checklist?.tasks ?? [];
  const edits = tasks.flatMap((t, i) => (which(i) ? [{ start: t.checkboxSpan.start, end: t.checkboxSpan.end, newText: t.checked ? '[ ]' : '[x]' }] : []));
  return applyEdits(text, edits);
}

test('toggling any set of checkboxes twice gives the document back; a toggle flips exactly those tasks', () => {
  fc.assert(
    fc.property(checklist, fc.array(fc.boolean(), { maxLength: 30 }), (text, picks) => {
      const before = parse(text).checklist!.tasks;
      assert.ok(before.length > 0);
      const which = (i: number) => picks[i % Math.max(1, picks.length)] ?? true;
      for (const t of before) assert.match(text.slice(t.checkboxSpan.start, t.checkboxSpan.end), /^\[[ x]\]$/);
      const once = toggle(text, which);
      const after = parse(once).checklist!.tasks;
      assert.equal(after.length, before.length);
      after.forEach((t, i) => assert.equal(t.checked, which(i) ? !before[i].checked : before[i].checked));
      assert.equal(once.length, text.length);
      assert.equal(toggle(once, which), text);
    }),
    { numRuns: 150, seed: 7 },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Fixes

const CERT = `# PAYMENTS REVIEW CERTIFICATE

**Component**: payments
**Agent**: reviewer-one
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: PAY-20250201-080000

## REVIEW SCOPE

The payments module.

## FINDINGS

- \`src/app.py:2\` computes b.

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: Fine.

## EVIDENCE

Read the code.

## SIGNATURE

Agent: reviewer-one
Timestamp: 2025-02-01 08:00:00 UTC
`;

/** Damage a fix exists for (see the rules' docs), applied to the clean certificate in any combination. */
const DAMAGE: [string, (s: string) => string][] = [
  ['decorated status', (s) => s.replace('**Status**: APPROVED', '**Status**: ✅ **APPROVED**')],
  ['ISO date', (s) => s.replace('**Date**: 2025-02-01 08:00:00 UTC', '**Date**: 2025-02-01T08:00:00Z')],
  ['missing EVIDENCE', (s) => s.replace(/## EVIDENCE\n\nRead the code.\n\n/, '')],
  ['missing SIGNATURE', (s) => s.replace(/## SIGNATURE[\s\S]*$/, '')],
  ['mojibake', (s) => s.replace('The payments module.', 'The payments moduleâ€™s cafÃ© code.')],
  ['foreign path', (s) => s.replace('`src/app.py:2`', '`/home/ci/payments/src/app.py:2`')],
  ['CRLF', (s) => s.replace(/\n/g, '\r\n')],
  ['CR only', (s) => s.replace(/\n/g, '\r')],
];

/** Fix documents of the rule fixtures too, when a rule ships them. */
function fixtureFixDocs(): { path: string; text: string }[] {
  const dir = join(__dirname, '..', 'fixtures', 'rules');
  const out: { path: string; text: string }[] = [];
  for (const rule of readdirSync(dir)) {
    const d = join(dir, rule);
    if (!statSync(d).isDirectory()) continue;
    for (const n of readdirSync(d)) if (/^fix.*\.md$/.test(n) && !n.endsWith('.fixed.md')) out.push({ path: `docs/${rule}_${n}`, text: readFileSync(join(d, n), 'utf8') });
  }
  return out;
}

async function fixAll(text: string, path: string): Promise<{ text: string; findings: Finding[] }> {
  let findings = await check(text, path);
  for (let pass = 0; pass < 5; pass++) {
    const edits = safeFixEdits(findings);
    if (!edits.length) break;
    text = applyEdits(text, edits);
    findings = await check(text, path);
  }
  return { text, findings };
}

test('safe fixes applied and re-checked leave no safe fix (generated damage and the rules\' fix fixtures)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.subarray(DAMAGE.map((_, i) => i), { minLength: 1 }), async (picked) => {
      let text = CERT;
      for (const i of picked) text = DAMAGE[i][1](text);
      const { findings } = await fixAll(text, 'docs/payments_certificate.md');
      const left = findings.filter((f) => f.fixes?.some((x) => x.safe && !x.path));
      assert.deepEqual(left.map((f) => `${f.ruleId}: ${f.message}`), [], picked.map((i) => DAMAGE[i][0]).join(', '));
    }),
    { numRuns: 60, seed: 11 },
  );
  for (const { path, text } of fixtureFixDocs()) {
    const { findings } = await fixAll(text, path);
    const left = findings.filter((f) => f.fixes?.some((x) => x.safe && !x.path));
    assert.deepEqual(left.map((f) => `${f.ruleId}: ${f.message}`), [], path);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// check --fix through the CLI

test('check --fix keeps the BOM and the line endings and writes exactly the fixed text', async () => {
  const cases = fc.sample(fc.record({ bom: fc.boolean(), eol: fc.constantFrom('\n', '\r\n'), damage: fc.subarray([0, 1, 2, 4], { minLength: 1 }) }), { seed: 5, numRuns: 6 });
  cases.push({ bom: true, eol: '\r\n', damage: [0, 1, 2, 3, 4] }, { bom: true, eol: '\n', damage: [] });
  const files: Record<string, string> = { 'src/app.py': 'a = 1\nb = 2\n' };
  const expected: Record<string, string> = {};
  for (const [n, c] of cases.entries()) {
    let text = CERT;
    for (const i of c.damage) text = DAMAGE[i][1](text);
    text = text.replace(/\n/g, c.eol);
    const path = `docs/c${n}_certificate.md`;
    files[path] = (c.bom ? '\uFEFF' : '') + text;
    expected[path] = (c.bom ? '\uFEFF' : '') + (await fixAll(text, path)).text;
  }
  const dir = makeTree(files);
  const r = runCli(['check', '--root', dir, '--fix', '--format', 'json'], { env: { SIGNOFF_WORKERS: '0' } });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  for (const [n, c] of cases.entries()) {
    const path = `docs/c${n}_certificate.md`;
    const written = readFileSync(join(dir, path), 'utf8');
    assert.equal(written.startsWith('\uFEFF'), c.bom, `${path}: BOM`);
    if (c.eol === '\r\n') assert.doesNotMatch(written, /[^\r]\n/, `${path}: a bare LF in a CRLF file`);
    else assert.doesNotMatch(written, /\r/, `${path}: a CR in an LF file`);
    assert.equal(written, expected[path], path);
    if (c.damage.length) assert.notEqual(written, files[path], `${path}: was fixed`);
  }
});
