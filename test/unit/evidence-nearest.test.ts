/**
 * Resolution from where the document stands (evidence.md "Resolution" 2), on real temp trees through the real
 * NodeHost: the document's folder, then the root, then the nearest ancestor folder of the document whose subtree
 * holds a suffix match; ambiguous only when that folder holds several. Copies git ignores never make a reference
 * ambiguous (a real git repository), nor files the configuration excludes. Findings carry the rule that resolved them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText, makeTree } from '../helpers/engine';
import { git, initRepo } from '../helpers/git';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const noGit = '{"evidence":{"git":false}}';

function cert(body: string): string {
  return `# T REVIEW CERTIFICATE\n\n**Component**: c\n**Agent**: a\n**Date**: 2025-03-04 10:15:00 UTC\n**Certificate ID**: T-20250304-101500\n\n## FINDINGS\n\n${body}\n`;
}

/** A monorepo of agents, each with its own tests and monitoring, and an archived copy of one agent. */
const AGENTS = {
  'agents/gl1/tests/test_calc.py': lines(10),
  'agents/gl1/monitoring/metrics.py': lines(10),
  'agents/gl2/tests/test_calc.py': lines(20),
  'agents/gl2/monitoring/metrics.py': lines(20),
  'agents/gl2/a/util.py': lines(5),
  'agents/gl2/b/util.py': lines(5),
  '_archive/agents/gl2/tests/test_calc.py': lines(2),
  '_archive/agents/gl2/monitoring/metrics.py': lines(2),
  'src/app.py': lines(4),
};

async function evidence(root: string, doc: string, body: string, config = noGit) {
  const findings = await checkText(doc, cert(body), { root, config });
  return findings.filter((f) => f.ruleId.startsWith('evidence-')).map((f) => ({ rule: f.ruleId, line: f.start.line, message: f.message, resolution: f.data?.resolution }));
}

test('the file beside the certificate wins over archived copies and other agents\' files', async () => {
  const root = makeTree(AGENTS);
  // Line 20 exists only in gl2's files: each reference below is in range only when read against gl2's own file.
  const out = await evidence(root, 'agents/gl2/CERT.md', '- tests/test_calc.py:20\n- test_calc.py:20\n- monitoring/metrics.py:20\n- metrics.py:21');
  assert.deepEqual(out.map((f) => `${f.line}:${f.rule}:${f.message}`), [
    '13:evidence-line-range:Line 21 of agents/gl2/monitoring/metrics.py ends one past its last line (20 lines): an inclusive range off by one?',
  ]);
  assert.deepEqual(out[0].resolution, { cited: 'metrics.py', status: 'found', rule: 'nearest-folder', scope: 'agents/gl2', path: 'agents/gl2/monitoring/metrics.py' });
});

test('ambiguous only when the nearest folder holding a match holds several', async () => {
  const root = makeTree(AGENTS);
  const inAgent = await evidence(root, 'agents/gl2/CERT.md', '- util.py:1');
  assert.deepEqual(inAgent.map((f) => `${f.rule}:${f.message}`), ['evidence-ambiguous:util.py matches 2 files under agents/gl2/: agents/gl2/a/util.py, agents/gl2/b/util.py.']);
  assert.deepEqual(inAgent[0].resolution, { cited: 'util.py', status: 'ambiguous', scope: 'agents/gl2', candidates: ['agents/gl2/a/util.py', 'agents/gl2/b/util.py'] });
  // From docs/, the nearest folder holding metrics.py is the root, which holds three: that is a real ambiguity.
  const fromDocs = await evidence(root, 'docs/overview/CERT.md', '- monitoring/metrics.py:1');
  assert.deepEqual(fromDocs.map((f) => `${f.rule}:${f.message}`), ['evidence-ambiguous:monitoring/metrics.py matches 3 files: _archive/agents/gl2/monitoring/metrics.py, agents/gl1/monitoring/metrics.py, agents/gl2/monitoring/metrics.py.']);
  // Walking up: from agents/gl2/docs/ the nearest folder holding test_calc.py is agents/gl2/.
  assert.deepEqual(await evidence(root, 'agents/gl2/docs/CERT.md', '- test_calc.py:20'), []);
});

test('relative to the document\'s folder first, then the root, as a Markdown link', async () => {
  const root = makeTree({ ...AGENTS, 'agents/gl1/src/app.py': lines(8) });
  // `src/app.py` beside the certificate of gl1 (8 lines); from elsewhere, the root's (4 lines).
  const beside = await evidence(root, 'agents/gl1/CERT.md', '- src/app.py:8');
  assert.deepEqual(beside, []);
  const atRoot = await evidence(root, 'docs/CERT.md', '- src/app.py:8');
  assert.deepEqual(atRoot.map((f) => `${f.rule}:${f.message}`), ['evidence-line-range:Line 8 of src/app.py is past its end: the file has 4 lines.']);
  assert.deepEqual(atRoot[0].resolution, { cited: 'src/app.py', status: 'found', rule: 'root', path: 'src/app.py' });
  // A rooted path never reads from the document's folder.
  const rooted = await evidence(root, 'agents/gl1/CERT.md', '- /src/app.py:8');
  assert.deepEqual(rooted.map((f) => f.rule), ['evidence-line-range']);
  const relative = await evidence(root, 'agents/gl1/tests/CERT.md', '- ../src/app.py:9');
  assert.deepEqual(relative[0].resolution, { cited: '../src/app.py', status: 'found', rule: 'document', path: 'agents/gl1/src/app.py' });
});

test('copies under folders git ignores, or the configuration excludes, never make a reference ambiguous', async () => {
  const root = makeTree({ 'lib/util.py': lines(3), 'old/util.py': lines(3), 'docs/.keep': '' });
  initRepo(root);
  const before = await evidence(root, 'docs/CERT.md', '- util.py:1');
  assert.deepEqual(before.map((f) => f.rule), ['evidence-ambiguous'], 'both copies count while old/ is not ignored');
  // old/ is ignored from now on, its copy still tracked (committed before): it no longer counts.
  git(root, 'rm', '-q', '--cached', '-r', 'old');
  git(root, 'commit', '-q', '-m', 'untrack');
  git(root, 'add', '-f', 'old/util.py');
  writeFileSync(join(root, '.gitignore'), 'old/\n');
  git(root, 'add', '.gitignore');
  git(root, 'commit', '-q', '-m', 'ignore old/');
  assert.deepEqual(await evidence(root, 'docs/CERT.md', '- util.py:3'), []);
  const named = await evidence(root, 'docs/CERT.md', '- old/util.py:4');
  assert.deepEqual(named.map((f) => f.rule), ['evidence-line-range'], 'the ignored copy still resolves when named exactly');
  // The configuration's exclude does the same.
  const cfgRoot = makeTree({ 'lib/util.py': lines(3), 'vendor/util.py': lines(3) });
  assert.deepEqual(await evidence(cfgRoot, 'docs/CERT.md', '- util.py:1', '{"evidence":{"git":false},"exclude":["vendor/**"]}'), []);
});
