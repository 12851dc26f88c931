/**
 * Resolution on real temp trees through the real NodeHost: mappings, suffix matches, ambiguity, traversal, absolute
 * paths, a symlink out of the root, a 200 MB sparse file (never read), a binary file, the file index kept current,
 * and the seed certificate `performance_manager.py:101` with and without the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync, truncateSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { checkText, makeTree, SHARED } from '../helpers/engine';
import { Engine, parseConfig } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import type { Host } from '../../src/core/host';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

function cert(body: string): string {
  return `# T REVIEW CERTIFICATE\n\n**Component**: c\n**Agent**: a\n**Date**: 2025-03-04 10:15:00 UTC\n**Certificate ID**: T-20250304-101500\n\n## FINDINGS\n\n${body}\n`;
}

/** A host that records every file whose bytes it hands out (readFile, or readFileCapped with bytes). */
function readSpy(host: NodeHost, reads: string[]): Host {
  return Object.assign(Object.create(host), {
    readFile: async (p: string) => { const b = await host.readFile(p); if (b) reads.push(p); return b; },
    readFileCapped: async (p: string, max: number) => { const r = await host.readFileCapped(p, max); if (r?.bytes) reads.push(p); return r; },
  });
}

const EVIDENCE_RULES = /^evidence-|^cert-reference-missing$/;
const noGit = '{"evidence":{"git":false}}';

async function evidenceFindings(root: string, body: string, config = noGit) {
  const findings = await checkText('docs/review.md', cert(body), { root, config });
  return findings.filter((f) => EVIDENCE_RULES.test(f.ruleId)).map((f) => `${f.start.line}:${f.ruleId}:${f.severity}:${f.message}`);
}

test('exact, suffix, /home/<user>/<repo>/, repo-rooted /src, ./ and pathMappings resolve', async () => {
  const root = makeTree({ 'src/pkg/app.py': lines(10), 'docs/notes.md': '# n\n', 'docs/local.py': lines(3) });
  const body = [
    'src/pkg/app.py:10', 'pkg/app.py:9', 'app.py:1', '/home/john/proj/src/pkg/app.py:2', '/src/pkg/app.py:3',
    './local.py:3', '/opt/build/src/pkg/app.py:4',
  ].map((l) => `- ${l}`).join('\n');
  const out = await evidenceFindings(root, body, '{"evidence":{"git":false},"pathMappings":{"/opt/build/":""}}');
  // Only the foreign /home path is worth an info; every reference resolves and is in range.
  assert.deepEqual(out, ['13:evidence-foreign-path:info:/home/john/proj/src/pkg/app.py is a path on another machine; in this workspace it is src/pkg/app.py.']);
});

test('absolute paths: repo-rooted unless under a system folder', async () => {
  const root = makeTree({ 'src/app.py': lines(3) });
  const out = await evidenceFindings(root, '- /tests/test_app.py:2\n- /tmp/run.sh:1\n- /src/app.py:3');
  assert.deepEqual(out, [
    '10:evidence-file-missing:error:Cited file /tests/test_app.py (read as tests/test_app.py) does not exist in the workspace.',
    '11:evidence-outside-workspace:warning:/tmp/run.sh is outside the workspace (an absolute path outside the workspace); it was not read.',
  ]);
});

test('ambiguity: several suffix matches; a file at the root named exactly is the one meant, as a link would', async () => {
  const root = makeTree({ 'a/util.py': lines(3), 'b/util.py': lines(3), 'setup.py': lines(3), 'pkg/setup.py': lines(3) });
  const out = await evidenceFindings(root, '- util.py:1\n- setup.py:4\n- a/util.py:3');
  assert.deepEqual(out, [
    '10:evidence-ambiguous:warning:util.py matches 2 files: a/util.py, b/util.py.',
    '11:evidence-line-range:warning:Line 4 of setup.py ends one past its last line (3 lines): an inclusive range off by one?',
  ]);
  const findings = await checkText('docs/review.md', cert('- util.py:1'), { root, config: noGit });
  const amb = findings.find((f) => f.ruleId === 'evidence-ambiguous')!;
  assert.deepEqual(amb.fixes!.map((f) => [f.title, f.safe, f.edits[0].newText]), [['Cite a/util.py', false, 'a/util.py'], ['Cite b/util.py', false, 'b/util.py']]);
});

test('traversal, absolute paths and a symlink out of the root are never read', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'signoff-outside-'));
  writeFileSync(join(outside, 'secret.py'), lines(3));
  const root = makeTree({ 'src/app.py': lines(3) });
  symlinkSync(join(outside, 'secret.py'), join(root, 'src/leak.py'));
  const reads: string[] = [];
  const host = new NodeHost({ root, exclude: [] });
  const spy = readSpy(host, reads);
  const engine = new Engine(spy, parseConfig(noGit).config);
  engine.workspace.files = await host.listFiles();
  const doc = engine.parse('review.md', cert('- ../../etc/passwd:1\n- /etc/passwd:1\n- /root/app/settings.py\n- src/leak.py:2\n- leak.py:1\n- src/app.py:1'));
  engine.workspace.update(doc);
  const out = (await engine.check(doc)).filter((f) => f.ruleId.startsWith('evidence-')).map((f) => `${f.start.line}:${f.ruleId}`);
  assert.deepEqual(out, ['10:evidence-outside-workspace', '11:evidence-outside-workspace', '12:evidence-outside-workspace', '13:evidence-outside-workspace', '14:evidence-outside-workspace']);
  assert.deepEqual(reads, ['src/app.py'], 'only the file inside the root was read');
});

test('a 200 MB file is stat-ed, never read; a binary file is not line-checked', async () => {
  const root = makeTree({ 'data/small.py': lines(5), 'data/blob.py': new Uint8Array([0x61, 0x00, 0x0a, 0x62]) });
  writeFileSync(join(root, 'data/huge.py'), '');
  truncateSync(join(root, 'data/huge.py'), 200 * 1024 * 1024);
  const reads: string[] = [];
  const host = new NodeHost({ root, exclude: [] });
  const spy = readSpy(host, reads);
  const engine = new Engine(spy, parseConfig(noGit).config);
  engine.workspace.files = await host.listFiles();
  const doc = engine.parse('review.md', cert('- data/huge.py:10\n- data/blob.py:1\n- data/huge.py (100 lines)\n- data/small.py:6'));
  engine.workspace.update(doc);
  const out = (await engine.check(doc)).filter((f) => f.ruleId.startsWith('evidence-')).map((f) => `${f.start.line}:${f.ruleId}:${f.severity}:${f.message}`);
  assert.deepEqual(out, [
    `10:evidence-line-range:info:Lines not checked: data/huge.py is ${200 * 1024 * 1024} bytes, over evidence.maxFileSize; it was not read.`,
    '11:evidence-line-range:info:Lines not checked: data/blob.py is binary; it was not read.',
    '12:evidence-line-count:info:Line count not checked: data/huge.py is over evidence.maxFileSize; it was not read.',
    '13:evidence-line-range:warning:Line 6 of data/small.py ends one past its last line (5 lines): an inclusive range off by one?',
  ]);
  assert.ok(!reads.includes('data/huge.py'), 'the 200 MB file was never read');
});

test('the file index follows file events, and documentsCiting names the documents to re-check', async () => {
  const root = makeTree({ 'src/app.py': lines(3) });
  const host = new NodeHost({ root, exclude: [] });
  const engine = new Engine(host, parseConfig(noGit).config);
  engine.workspace.files = await host.listFiles();
  const doc = engine.parse('review.md', cert('- src/new_mod.py:2\n- app.py:1'));
  engine.workspace.update(doc);
  const missing = async () => (await engine.check(doc)).filter((f) => f.ruleId === 'evidence-file-missing').length;
  assert.equal(await missing(), 1);
  assert.deepEqual(engine.workspace.documentsCiting('lib/new_mod.py'), ['review.md']);
  assert.deepEqual(engine.workspace.documentsCiting('src/other.py'), []);
  writeFileSync(join(root, 'src/new_mod.py'), lines(2));
  engine.workspace.addFile('src/new_mod.py');
  assert.equal(await missing(), 0);
  writeFileSync(join(root, 'lib_app.py'), '');
  engine.workspace.addFile('other/app.py');
  assert.equal((await engine.check(doc)).filter((f) => f.ruleId === 'evidence-ambiguous').length, 1);
  engine.workspace.removeFile('other/app.py');
  assert.equal((await engine.check(doc)).filter((f) => f.ruleId === 'evidence-ambiguous').length, 0);
  // A changed file: line counts are re-validated by stat after fileChanged.
  writeFileSync(join(root, 'src/new_mod.py'), lines(1));
  engine.workspace.fileChanged('src/new_mod.py');
  assert.equal((await engine.check(doc)).filter((f) => f.ruleId === 'evidence-line-range').length, 1);
});

test('pytest node ids, quotes and line counts against real files', async () => {
  const root = makeTree({
    'tests/test_a.py': 'class TestA:\n    def test_ok(self):\n        pass\n',
    'src/s.py': 'import os\n\ndef load(p):\n    return p\n',
  });
  const out = await evidenceFindings(root, [
    '- tests/test_a.py::TestA::test_ok and tests/test_a.py::TestB::test_ok',
    '- `src/s.py` line 3: `def load(p):` and `src/s.py` line 1: `return p`',
    '- `src/s.py` (4 lines) and `src/s.py` (40 lines)',
  ].join('\n'));
  assert.deepEqual(out, [
    '10:evidence-pytest-node:error:TestB is not defined in tests/test_a.py (no `class TestB` or `def TestB`).',
    '11:evidence-quote-mismatch:warning:The quoted code is not at line 1 of src/s.py; it is at line 4.',
    '12:evidence-line-count:warning:src/s.py is said to have 40 lines; it has 4 (900% off).',
  ]);
});

test('seed: performance_manager.py:101 resolves when the file exists under the root, and is missing when not', async (t) => {
  const seed = join(SHARED, 'seeds', 'performance-review-rejected.md');
  if (!existsSync(seed)) { t.skip('no ../shared/seeds here'); return; }
  const text = readFileSync(seed, 'utf8');
  const run = async (files: Record<string, string>) => {
    const root = makeTree(files);
    const findings = await checkText('reviews/performance-review-rejected.md', text, { root, config: noGit });
    return findings.filter((f) => f.ruleId.startsWith('evidence-') && /performance_manager\.py/.test(f.message)).map((f) => `${f.start.line}:${f.ruleId}:${f.severity}`);
  };
  const withFile = await run({ 'keisei/evaluation/performance_manager.py': lines(243) });
  assert.deepEqual(withFile, [], 'resolves by suffix, line 101 in range');
  const without = await run({ 'keisei/evaluation/core_manager.py': lines(10) });
  assert.deepEqual(without, [
    '9:evidence-file-missing:warning', '20:evidence-file-missing:error', '91:evidence-file-missing:error', '111:evidence-file-missing:error',
  ]);
  const short = await run({ 'keisei/evaluation/performance_manager.py': lines(50) });
  assert.deepEqual(short, ['20:evidence-line-range:error', '91:evidence-line-range:error', '111:evidence-line-range:error']);
});

test('seed checklist: the migration documents its tasks cite are reported until they exist', async (t) => {
  const seed = join(SHARED, 'seeds', 'production-deployment-checklist.md');
  if (!existsSync(seed)) { t.skip('no ../shared/seeds here'); return; }
  const text = readFileSync(seed, 'utf8');
  const docMissing = async (files: Record<string, string>) =>
    (await checkText('docs/production-deployment-checklist.md', text, { root: makeTree(files), config: noGit }))
      .filter((f) => f.ruleId === 'checklist-doc-missing')
      .map((f) => f.start.line);
  assert.deepEqual(await docMissing({ 'README.md': '# r\n' }), [39, 40, 41]);
  assert.deepEqual(await docMissing({
    'docs/migration/upgrade-guide-phase-1-4.md': '# g\n',
    'docs/migration/breaking-changes-summary.md': '# b\n',
    'docs/migration/dependency-migration.md': '# d\n',
  }), []);
});
