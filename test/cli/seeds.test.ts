/**
 * The real seed documents (../shared/seeds, read only, never copied into the repository): the checklist model of the
 * seed checklist, the mojibake of the three damaged seeds, and their repair by the real CLI (`check --fix`) on temp
 * copies. Skipped with a message when the seeds are absent (a fresh clone has no ../shared).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, Engine, RULES, type ChecklistModel } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { checkText, makeTree, SHARED } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const SEEDS = join(SHARED, 'seeds');
const skip = existsSync(SEEDS) ? false : `no seeds at ${SEEDS} (../shared is not part of a clone)`;
const CHECKLIST = 'production-deployment-checklist.md';
/** The seeds with emoji damaged through Mac OS Roman (format.md, "Encoding damage"), and their damaged runs. */
const DAMAGED: Record<string, number> = { 'deployment-review-plan.md': 7, 'performance-review-rejected.md': 8, [CHECKLIST]: 63 };
const CLEAN = ['deployment-readiness-review.md', 'implementation-review.md'];

const seed = (name: string) => readFileSync(join(SEEDS, name));

function checklistModel(text: string): ChecklistModel {
  const engine = new Engine(new NodeHost({ root: SEEDS, exclude: [] }));
  const doc = engine.parse(CHECKLIST, text);
  assert.equal(doc.kind, 'checklist');
  return doc.checklist!;
}

/** Independent of the core: Mac OS Roman from the platform decoder, reversed. */
const macRomanByte = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) macRomanByte.set(new TextDecoder('macintosh').decode(Uint8Array.of(b)), b);
function undoMacRoman(damaged: string): string {
  const bytes = Array.from(damaged, (c) => {
    const b = c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : macRomanByte.get(c);
    assert.ok(b !== undefined, `${JSON.stringify(c)} is a Mac OS Roman character`);
    return b;
  });
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

interface JsonFinding { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }
function checkJson(root: string, fix = false): Map<string, JsonFinding[]> {
  const r = runCli(['check', '--root', root, '--format', 'json', ...(fix ? ['--fix'] : [])], { cwd: root });
  assert.ok(r.code === 0 || r.code === 1, `exit code ${r.code}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { files: { path: string; findings: JsonFinding[] }[] };
  return new Map(out.files.map((f) => [f.path, f.findings.filter((x) => x.ruleId === 'encoding-mojibake')]));
}

test('seed checklist: phases, Go/No-Go blocks, tasks, snippets and expected lines', { skip }, () => {
  const { text } = decodeText(seed(CHECKLIST));
  const m = checklistModel(text);
  assert.deepEqual(m.h1s.map((h) => h.text), ['Production Deployment Checklist: Phases 1-4']);
  assert.deepEqual(m.metadata.map((f) => f.key), ['Document Version', 'Scope', 'Deployment Risk', 'Last Updated']);
  assert.deepEqual(m.phases.map((p) => [p.number, p.name, p.tasks.length]), [
    [1, 'Build Stability Validation', 4],
    [2, 'Architecture Stability Validation', 6],
    [3, 'Memory Safety Validation', 5],
    [4, 'Comprehensive Testing Validation', 5],
  ]);
  for (const p of m.phases) {
    assert.ok(p.goNoGo?.go && p.goNoGo.noGo, `phase ${p.number} has GO and NO-GO lines`);
    assert.match(text.slice(p.goNoGo.go.start, p.goNoGo.go.end), /\*\*GO\*\*/);
    assert.match(text.slice(p.goNoGo.noGo.start, p.goNoGo.noGo.end), /\*\*NO-GO\*\*/);
    assert.match(text.slice(p.goNoGo.span.start, p.goNoGo.span.end), new RegExp(`Phase ${p.number} Go/No-Go Decision`));
  }
  assert.equal(m.tasks.length, 104);
  assert.equal(m.tasks.filter((t) => t.label).length, 88);
  assert.equal(m.tasks.filter((t) => t.phase !== undefined).length, 20);
  const snippets = m.tasks.flatMap((t) => t.snippets);
  // 30 fences, 28 of them inside tasks; the rollback fences (bash and python) belong to no task.
  assert.equal(snippets.length, 28);
  assert.deepEqual([...new Set(snippets.map((s) => s.lang))], ['bash']);
  for (const s of snippets) {
    assert.equal(text.split('\n')[s.line - 1].trim(), '```bash', `snippet at line ${s.line} starts at its fence`);
    assert.equal(text.split('\n')[s.codeLine - 1].trim(), s.code.split('\n')[0].trim(), `first code line of snippet at ${s.line}`);
  }
  const withExpected = snippets.filter((s) => s.expected.length);
  assert.equal(withExpected.length, 12);
  const expected = withExpected.flatMap((s) => s.expected.map((e) => e.text));
  assert.ok(expected.includes('~7 errors (down from 21+ pre-upgrade)'), expected.join(' | '));
  assert.ok(expected.includes('(50, 50, 3)'));
  assert.ok(expected.includes('70%, 80%, 95% (conservative values)'));
});

test('seed checklist: the checklist rules find nothing wrong, and the model survives the repair', { skip }, async () => {
  const { text, ...decoded } = decodeText(seed(CHECKLIST));
  const findings = await checkText(`docs/${CHECKLIST}`, text, { decoded });
  const ids = ['checklist-title', 'checklist-phase-numbering', 'checklist-gonogo-missing', 'checklist-snippet-lang', 'checklist-snippet-syntax', 'encoding-invalid'];
  assert.deepEqual(findings.filter((f) => ids.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.start.line}: ${f.message}`), []);
  const fixes = findings.filter((f) => f.ruleId === 'encoding-mojibake').map((f) => f.fixes![0].edits[0]);
  let repaired = text;
  for (const e of [...fixes].sort((a, b) => b.start - a.start)) repaired = repaired.slice(0, e.start) + e.newText + repaired.slice(e.end);
  const before = checklistModel(text);
  const after = checklistModel(repaired);
  assert.equal(after.tasks.length, before.tasks.length);
  assert.deepEqual(after.phases.map((p) => p.groups.map((g) => g.name)), [
    ['Core Build Validation'],
    ['Conditional Import System Validation', 'Enhanced CLI Validation'],
    ['Memory Monitoring System Validation', 'Integration Validation'],
    ['Test Suite Validation', 'Feature Flag System Validation'],
  ]);
  assert.match(repaired, /\*\*🚦 Phase 1 Go\/No-Go Decision\*\*\n- ✅ \*\*GO\*\*/);
});

test('the three damaged seeds have encoding-mojibake findings, the two others none', { skip }, async () => {
  for (const name of [...Object.keys(DAMAGED), ...CLEAN]) {
    const { text, ...decoded } = decodeText(seed(name));
    const runs = (await checkText(`docs/${name}`, text, { decoded })).filter((f) => f.ruleId === 'encoding-mojibake');
    assert.equal(runs.length, DAMAGED[name] ?? 0, name);
    for (const f of runs) assert.equal(f.fixes?.[0]?.safe, true);
  }
});

test('check --fix (the real CLI) repairs copies of the damaged seeds, keeps CRLF and BOM, and is idempotent', { skip }, () => {
  const files: Record<string, Uint8Array | string> = {};
  for (const name of [...Object.keys(DAMAGED), ...CLEAN]) files[name] = seed(name);
  // The checklist again, with a byte order mark and CRLF line ends.
  const crlf = 'crlf-bom-checklist.md';
  files[crlf] = '\uFEFF' + decodeText(seed(CHECKLIST)).text.replace(/\n/g, '\r\n');
  // Only this rule, so that --fix changes nothing but the damaged runs.
  const rules = Object.fromEntries(RULES.filter((r) => r.meta.id !== 'encoding-mojibake').map((r) => [r.meta.id, 'off']));
  files['.signoff.json'] = JSON.stringify({ rules });
  const root = makeTree(files);
  const original = new Map(Object.keys(files).map((name) => [name, readFileSync(join(root, name))]));

  const found = checkJson(root);
  for (const [name, count] of Object.entries({ ...DAMAGED, [crlf]: DAMAGED[CHECKLIST] })) assert.equal(found.get(name)?.length, count, name);
  for (const name of CLEAN) assert.equal(found.get(name)?.length ?? 0, 0, name);

  // The expected result, computed here without the core: each reported run decoded back through Mac OS Roman.
  const expected = new Map<string, Buffer>();
  for (const [name, findings] of found) {
    const { text, bom } = decodeText(original.get(name)!);
    let out = text;
    const spans = findings.map((f) => [offsetOf(text, f.line, f.column), offsetOf(text, f.endLine, f.endColumn)]);
    for (const [s, e] of spans.sort((a, b) => b[0] - a[0])) out = out.slice(0, s) + undoMacRoman(text.slice(s, e)) + out.slice(e);
    expected.set(name, Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(out, 'utf8')]));
  }

  const afterFix = checkJson(root, true);
  for (const name of Object.keys(files)) {
    const now = readFileSync(join(root, name));
    if (found.get(name)?.length) {
      assert.ok(now.equals(expected.get(name)!), `${name}: only the damaged runs changed, each to its decoded text`);
      assert.equal(afterFix.get(name)?.length ?? 0, 0, `${name}: no damage reported after --fix`);
      const text = decodeText(now).text;
      assert.doesNotMatch(text, /[\u0080-\u00ff\uf8ff\u201a]/, `${name}: no Mac OS Roman characters left`);
    } else {
      assert.ok(now.equals(original.get(name)!), `${name} is untouched`);
    }
  }
  const fixedCrlf = readFileSync(join(root, crlf));
  assert.deepEqual([...fixedCrlf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
  const crlfText = fixedCrlf.toString('utf8');
  assert.equal(crlfText.match(/\r\n/g)?.length, crlfText.match(/\n/g)?.length, 'every line still ends in CRLF');
  assert.equal(crlfText.slice(1).replace(/\r\n/g, '\n'), readFileSync(join(root, CHECKLIST), 'utf8'), 'same repair with CRLF and BOM');

  // Idempotent: a second --fix changes no byte.
  const fixed = new Map(Object.keys(files).map((name) => [name, readFileSync(join(root, name))]));
  checkJson(root, true);
  for (const name of Object.keys(files)) assert.ok(readFileSync(join(root, name)).equals(fixed.get(name)!), `${name} unchanged by a second --fix`);
});
