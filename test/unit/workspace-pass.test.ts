/**
 * The workspace pass: a rule of scope `workspace` is one object with `checkWorkspace`, run on summaries only
 * (never a tree or the text), with suppression comments and severities applied as in the document pass; and
 * workspace.affectedBy names exactly the documents whose workspace findings a summary change may move.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, parseConfig, RULES, type Rule } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { makeTree } from '../helpers/engine';

const cert = (id: string, extra = '', beforeId = '') => `# X REVIEW CERTIFICATE\n\n**Component**: x\n**Agent**: a\n**Date**: 2025-01-01 00:00:00 UTC\n${beforeId}**Certificate ID**: \`${id}\`\n\n${extra}## FINDINGS\n\nNone.\n`;

async function engineWith(files: Record<string, string>, rules: readonly Rule[] = RULES) {
  const root = makeTree(files);
  const { config } = parseConfig(undefined);
  const host = new NodeHost({ root, exclude: config.exclude });
  const engine = new Engine(host, config, rules);
  engine.workspace.files = await host.listFiles();
  const docs = [];
  for (const [path, text] of Object.entries(files)) {
    const doc = engine.parse(path, text);
    const { summary } = await engine.checkDocument(doc);
    if (summary) engine.workspace.restore(summary);
    docs.push(doc);
  }
  return { engine, docs };
}

test('a workspace rule sees summaries only, and its findings are placed, suppressed and configured like any other', async () => {
  const seen: unknown[] = [];
  const sameComponent: Rule = {
    meta: { id: 'cert-id-unique', description: 'test', defaultSeverity: 'warning', kinds: ['certificate'], fixable: false, tags: [], scope: 'workspace' },
    checkWorkspace({ summary, workspace, report }) {
      seen.push(summary);
      if (summary.certificateId && workspace.pathsWithId(summary.certificateId.value).length > 1) report({ message: `shared ${summary.certificateId.value}`, at: summary.certificateId });
    },
  };
  const { engine } = await engineWith({
    'a.md': cert('ID-20250101-000000'),
    'b.md': cert('ID-20250101-000000', '', '<!-- signoff-disable-next-line cert-id-unique -->\n'),
    'c.md': cert('ID-20250101-000000', '', '<!-- signoff-disable-next-line cert-title -->\n'),
  }, [sameComponent]);
  const a = await engine.checkWorkspace(engine.workspace.get('a.md')!);
  assert.deepEqual(a.map((f) => [f.ruleId, f.severity, f.message, f.start.line, f.start.column]), [['cert-id-unique', 'warning', 'shared ID-20250101-000000', 6, 21]]);
  assert.deepEqual(await engine.checkWorkspace(engine.workspace.get('b.md')!), [], 'suppressed by the comment above the ID');
  assert.equal((await engine.checkWorkspace(engine.workspace.get('c.md')!)).length, 1, 'a comment about another rule does not suppress');
  for (const s of seen) {
    assert.ok(!('tree' in (s as object)) && !('text' in (s as object)), 'a summary carries no tree and no text');
    assert.doesNotThrow(() => structuredClone(s), 'summaries are plain data');
  }
});

test('the real workspace rules: both holders of an ID, and affectedBy when the ID moves', async () => {
  const { engine, docs } = await engineWith({
    'a.md': cert('ONE-20250101-000000'),
    'b.md': cert('ONE-20250101-000000'),
    'c.md': cert('TWO-20250101-000000', 'Builds on certificate ONE-20250101-000000.\n\n'),
  });
  for (const p of ['a.md', 'b.md']) {
    const f = (await engine.checkWorkspace(engine.workspace.get(p)!)).filter((x) => x.ruleId === 'cert-id-unique');
    assert.equal(f.length, 1, p);
  }
  const before = engine.workspace.get('b.md');
  const moved = engine.parse('b.md', cert('THREE-20250101-000000'));
  const { summary } = await engine.checkDocument(moved);
  engine.workspace.restore(summary!);
  assert.deepEqual([...engine.workspace.affectedBy(before, summary)].sort(), ['a.md', 'b.md', 'c.md']);
  assert.deepEqual((await engine.checkWorkspace(engine.workspace.get('a.md')!)).filter((x) => x.ruleId === 'cert-id-unique'), []);
  // A summary that changed nothing a workspace rule reads affects no one.
  const same = await engine.checkDocument(engine.parse('c.md', docs[2].text + '\nMore text.\n'));
  assert.deepEqual([...engine.workspace.affectedBy(engine.workspace.get('c.md'), same.summary)], []);
});
