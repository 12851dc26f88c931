/** Extraction of every reference form of evidence.md, with exact spans, the binding rules and the non-references. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../src/core/document';
import { DEFAULT_VOCABULARY } from '../../src/core/parse/status';
import { evidenceOf } from '../../src/core/evidence/of';
import type { EvidenceRef } from '../../src/core/evidence/types';

function refs(text: string) {
  const doc = parseDocument('docs/r.md', text, { vocabulary: DEFAULT_VOCABULARY, maxDocumentBytes: 1e8 });
  const ev = evidenceOf(doc);
  const show = (r: EvidenceRef) => ({
    form: r.form,
    path: r.path,
    text: text.slice(r.span.start, r.span.end),
    pathText: text.slice(r.pathSpan.start, r.pathSpan.end),
    ranges: r.ranges.map((x) => [x.start, x.end, text.slice(x.span.start, x.span.end)]),
    binding: r.binding,
  });
  return { list: ev.refs.map(show), ev, text };
}

test('every form, with exact spans', () => {
  const { list } = refs([
    '# T CERTIFICATE',
    '',
    '- `tests/integration/test_x.py::TestA::test_b` failed',
    '- See `src/app.py#L10-L20` and store.py:90, 135 and `core_manager.py:24,55-66,135-163`',
    '- `…/agent_loading.py` (lines 1-217) and `config/default_config.yaml`, lines 144-272',
    '- Lines 122-129 in http_server.py',
    '- **Lines 24-32**: /src/lighthouse/server.py',
    '- Module `keisei/evaluation/core_manager.py` is central',
    '- performance_manager.py - 243 lines, `test_x.py` (545 lines)',
    '',
  ].join('\n'));
  const compact = list.map((r) => [r.form, r.path, r.ranges.map((x) => `${x[0]}-${x[1]}`).join(',')]);
  assert.deepEqual(compact, [
    ['pytest-node', 'tests/integration/test_x.py', ''],
    ['github-anchor', 'src/app.py', '10-20'],
    ['colon-lines', 'store.py', '90-90,135-135'],
    ['colon-lines', 'core_manager.py', '24-24,55-66,135-163'],
    ['path-paren-lines', '…/agent_loading.py', '1-217'],
    ['path-then-lines', 'config/default_config.yaml', '144-272'],
    ['lines-in-path', 'http_server.py', '122-129'],
    ['label-then-path', '/src/lighthouse/server.py', '24-32'],
    ['path-only', 'keisei/evaluation/core_manager.py', ''],
    ['line-count', 'performance_manager.py', ''],
    ['line-count', 'test_x.py', ''],
  ]);
  for (const r of list) assert.equal(r.pathText, r.path, `path span of ${r.form} holds the path`);
  assert.deepEqual(list[3].ranges.map((x) => x[2]), ['24', '55-66', '135-163']);
  assert.equal(list[7].text, 'Lines 24-32**: /src/lighthouse/server.py');
});

test('pytest names, anchors and counts keep their values and spans', () => {
  const { ev, text } = refs('# T CERTIFICATE\n\n```\nFAILED tests/t.py::TestA::test_b[1-2]\n```\n\nx.py (1,204 lines)\n');
  const node = ev.refs.find((r) => r.form === 'pytest-node')!;
  assert.deepEqual(node.names!.map((n) => [n.name, text.slice(n.span.start, n.span.end)]), [['TestA', 'TestA'], ['test_b', 'test_b']]);
  assert.equal(node.inCode, true);
  assert.equal(ev.refs.find((r) => r.form === 'line-count')!.claimedLines, 1204);
});

test('not references: localhost:3000, ratios, versions, URLs, link targets, library names, globs', () => {
  const { list } = refs([
    '# T CERTIFICATE',
    '',
    'Runs on localhost:3000 with a 1.49:1 ratio, version 1.2.3 and v2.0.1, on Node.js and Vue.js; e.g. i.e. etc.',
    'See https://github.com/o/r/blob/main/src/app.py#L10-L20 and www.example.com/a.py:3 and [docs](https://x.io/y/z.md).',
    'Globs like `tests/*.py` and `$HOME/x.py` and self.config.get and asyncio.Queue are not files.',
    'Nor are attributes with a capitalised part that looks like an extension: asyncio.Lock, `logging.Log`, Settings.Env.',
    '',
  ].join('\n'));
  assert.deepEqual(list, []);
});

test('real files with unusual extension cases still are references', () => {
  const { list } = refs('# T CERTIFICATE\n\nSee `deploy/api.Dockerfile`, `poetry.lock`, `analysis/MODEL.R` and `src/MAIN.C`.\n');
  assert.deepEqual(list.map((r) => r.path), ['deploy/api.Dockerfile', 'poetry.lock', 'analysis/MODEL.R', 'src/MAIN.C']);
});

test('code fences give explicit line references and pytest ids, not bare paths or bare lines', () => {
  const { list } = refs('# T CERTIFICATE\n\n## FINDINGS\n\n```python\n# Line 101 in performance_manager.py\npython tools/gen.py --out build/out.md\nlines 3-4\n```\n');
  assert.deepEqual(list.map((r) => [r.form, r.path]), [['lines-in-path', 'performance_manager.py']]);
});

test('markdown links to relative files are references; escapes map back to source', () => {
  const { list } = refs('# T CERTIFICATE\n\nSee [src/app.py](src/app.py) and src/my\\_mod.py:3.\n');
  assert.deepEqual(list.map((r) => [r.form, r.path, r.pathText]), [
    ['path-only', 'src/app.py', 'src/app.py'],
    ['colon-lines', 'src/my_mod.py', 'src/my\\_mod.py'],
  ]);
});

test('underscores of a file name outside a code span are kept, though markdown reads them as emphasis', () => {
  const { list } = refs([
    '# T CERTIFICATE',
    '',
    '- lib/__init__.py:3 exports, and __main__.py lines 1-2',
    '- **__init__.py**: re-exports; the _new_ API and __bold__ text are prose',
    '',
  ].join('\n'));
  assert.deepEqual(list.map((r) => [r.form, r.path, r.pathText]), [
    ['colon-lines', 'lib/__init__.py', 'lib/__init__.py'],
    ['path-then-lines', '__main__.py', '__main__.py'],
    ['path-only', '__init__.py', '__init__.py'],
  ]);
});

test('binding: same line, same heading, review scope, same H2 section; never the nearest earlier path', () => {
  const text = [
    '# T CERTIFICATE', '',
    '## REVIEW SCOPE', '',
    '- Feature Flag Management System (/home/u/repo/src/feature_flags.py)',
    '- Deployment Script (/home/u/repo/scripts/deploy.py)', '',
    '## FINDINGS', '',
    '### 1. Feature Flag Management System (EXCELLENT - 92%)', '',
    '- Progressive rollout (lines 177-213)', '',
    '### 2. Storage', '',
    '`store.py` is solid.', '',
    '- Writes are atomic (lines 10-12)', '',
    '### 3. Same line', '',
    '- In `a.py` the loop (line 7) and the guard in b.py', '',
    '## EVIDENCE', '',
    'Only `only.py` is cited here.', '',
    '### Details', '',
    '- Retry logic (lines 40-45)', '',
    '## APPENDIX', '',
    'Mentions `one.py` and `two.py`.', '',
    '### More', '',
    '- Unbound (lines 1-2)', '',
  ].join('\n');
  const { list, ev } = refs(text);
  const bare = list.filter((r) => r.form === 'bare-lines').map((r) => [r.text, r.path, r.binding]);
  assert.deepEqual(bare, [
    ['lines 177-213', '/home/u/repo/src/feature_flags.py', 'scope'],
    ['lines 10-12', 'store.py', 'heading'],
    ['line 7', 'a.py', 'same-line'],
    ['lines 40-45', 'only.py', 'section'],
  ]);
  assert.equal(ev.unbound.length, 1);
  assert.equal(text.slice(ev.unbound[0].span.start, ev.unbound[0].span.end), 'lines 1-2');
});

test('quotes: a code span after a line reference, and the fence after its paragraph', () => {
  const { ev, text } = refs('# T CERTIFICATE\n\n- `src/a.py` line 66: `def __init__(self)`\n\nLines 7-9 in src/store.py:\n\n```python\ndef save():\n    pass\n```\n\nLines 1-2 in src/store.py should become:\n\n```python\nimport sys\n```\n');
  const quoted = ev.refs.filter((r) => r.quote).map((r) => [r.path, r.quote!.kind, text.slice(r.quote!.span.start, r.quote!.span.end)]);
  assert.deepEqual(quoted, [
    ['src/a.py', 'inline', 'def __init__(self)'],
    ['src/store.py', 'fence', '```python\ndef save():\n    pass\n```'],
  ]);
});

test('certificate ID citations need a date and a line that mentions a certificate', () => {
  const { ev } = refs('# T CERTIFICATE\n\n- **Security Certificate**: SEC-AUDIT-20250102-120000 - APPROVED\n- Build BUILD-ID-20250102-1 passed\n- Certificate Hash: SHA-CERT-20250101-XYZ\n- Certificate PHASE-DESIGN-abc-def has no date\n');
  assert.deepEqual(ev.idCitations.map((c) => [c.id, c.line]), [['SEC-AUDIT-20250102-120000', 3]]);
});

test('many references and a pathological 200 KB token: every reference found, nothing hangs', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `src/m${i}.py:${i + 1}-${i + 3} (lines ${i}-${i + 1})`).join('\n\n');
  const spaces = ' '.repeat(100000);
  const nasty = ['a.'.repeat(100000), 'x/'.repeat(50000) + 'y.py', `z.py${spaces}q`, `z.py,${spaces}lines`, `lines 1${spaces},${spaces}x`, 'A-1-'.repeat(50000)].join('\n\n');
  const { ev } = refs('# T CERTIFICATE\n\n' + many + '\n\n' + nasty + '\n');
  assert.equal(ev.refs.filter((r) => r.form === 'colon-lines').length, 2000);
  assert.equal(ev.refs.filter((r) => r.form === 'bare-lines' && r.binding === 'same-line').length, 2000);
});

test('citedFiles lists the distinct paths a document cites, for watchers', async () => {
  const { citedFiles } = await import('../../src/core/index');
  const doc = parseDocument('docs/r.md', '# T CERTIFICATE\n\n## F\n\n`a.py:1`, `a.py` (lines 2-3), b/c.ts and (lines 4-5)\n', { vocabulary: DEFAULT_VOCABULARY, maxDocumentBytes: 1e8 });
  assert.deepEqual(citedFiles(doc), ['a.py', 'b/c.ts']);
});

test('binding never reaches forward: a list under a label binds to that label, not the next label below', () => {
  const { list, ev } = refs([
    '# T CERTIFICATE', '', '## FINDINGS', '',
    '**Token Store** (`auth/token_store.py`)', '',
    '- Tokens are hashed', '- Expiry is enforced (Lines 10-20)', '',
    '**Session** (`auth/session.py`)', '',
    '- Sessions rotate', '',
    '### Later', '',
    'Lines 5-6 are fine.', 'The file is `later.py`.', '',
  ].join('\n'));
  const bare = list.filter((r) => r.form === 'bare-lines').map((r) => [r.text, r.path, r.binding]);
  assert.deepEqual(bare, [['Lines 10-20', 'auth/token_store.py', 'heading']]);
  // `later.py` comes after "Lines 5-6" (a later line of the same paragraph): never bound forward.
  assert.deepEqual(ev.unbound.map((u) => u.line), [16]);
});

test('section fallback: never forward, never across into a sibling H3/H4; the H2 intro still counts', () => {
  const { list, ev, text } = refs([
    '# T CERTIFICATE', '', '## FINDINGS', '',
    'The module under review is `core/engine.py`.', '',
    '#### 1. Bypass', '', '- Evidence: the whole module (lines 1-90)', '',
    '#### 2. Duplicate', '', '- `other/dup.py` repeats it', '', 'Unrelated paragraph.', '', '- Evidence: a dictionary (lines 42-44)', '',
    '#### 3. Cache', '', '- Evidence: cache misses (lines 7-9)', '', '`later/cache.py` is where they are.', '',
  ].join('\n'));
  const bare = list.filter((r) => r.form === 'bare-lines').map((r) => [r.text, r.path, r.binding]);
  assert.deepEqual(bare, [
    ['lines 1-90', 'core/engine.py', 'section'],
    // Subsection 2 names other/dup.py and the intro names core/engine.py: two candidates, so no guess.
  ]);
  assert.deepEqual(ev.unbound.map((u) => text.slice(u.span.start, u.span.end)), ['lines 42-44', 'lines 7-9']);
});

test('a range naming a non-file target stays unbound, even with a file named just before it', () => {
  const { list, ev, text } = refs([
    '# T CERTIFICATE', '', '## FINDINGS', '',
    '- `src/app.py` is reviewed against its plan', '- Spec Lines 40-60 require retries', '- Retries are planned (Lines 12-30 in the proposal)',
    '- As lines 3-4 of the design say', '- HLD lines 256-293: the mount', '- And lines 5-6 above', '- Retries happen (lines 70-80)', '',
  ].join('\n'));
  assert.deepEqual(list.filter((r) => r.form === 'bare-lines').map((r) => [r.text, r.path]), [['lines 70-80', 'src/app.py']]);
  assert.deepEqual(ev.unbound.map((u) => text.slice(u.span.start, u.span.end)), ['Lines 40-60', 'Lines 12-30', 'lines 3-4', 'lines 256-293', 'lines 5-6']);
});
