/** checklist-check-failed against records written by the real runner: re-read when a record changes, never a crash. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, parseConfig } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { makeTree } from '../helpers/engine';
import { buildRecord, runPhases, writeRecord, type RunnerPhase } from '../../src/runner/index';

const DOC = `# Ops Checklist\n\n### Phase 1: Checks\n\n- [ ] **Flaky**: depends on a file\n  \`\`\`bash\n  cat state.txt\n  # Expected: ready\n  \`\`\`\n`;
const PHASE: RunnerPhase = { number: 1, name: 'Checks', tasks: [{ phase: 1, line: 5, label: 'Flaky', text: 'Flaky: depends on a file', snippets: [{ lang: 'bash', code: 'cat state.txt\n# Expected: ready', expected: ['ready'] }] }] };

async function findings(root: string, engine?: Engine) {
  const { config } = parseConfig(undefined);
  const e = engine ?? new Engine(new NodeHost({ root, exclude: config.exclude }), config);
  const doc = e.parse('ops.md', readFileSync(join(root, 'ops.md'), 'utf8'));
  return { engine: e, found: (await e.check(doc)).filter((f) => f.ruleId === 'checklist-check-failed') };
}

test('a record written by the runner drives the rule; rewriting the record (same engine, cached) updates it', async () => {
  const root = makeTree({ 'ops.md': DOC, 'state.txt': 'booting\n' });
  const first = await runPhases([PHASE], { cwd: root });
  const file = await writeRecord(root, buildRecord('ops.md', [1], null, 'cli', first));
  const { engine, found } = await findings(root);
  assert.deepEqual(found.map((f) => f.start.line), [5]);
  assert.match(found[0].message, /expected "ready", not in the output\. Output ends: "booting"/);
  assert.equal(found[0].related?.[0].path, `.signoff/runs/${file.split('/').pop()}`);

  // The same record file now says it passed: the cache (by mtime and size) must not serve the old result.
  writeFileSync(join(root, 'state.txt'), 'ready\n');
  const second = await runPhases([PHASE], { cwd: root });
  assert.equal(second.tasks[0].status, 'passed');
  writeFileSync(file, JSON.stringify({ ...buildRecord('ops.md', [1], null, 'cli', second), startedAt: first.startedAt }, null, 2));
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
  assert.deepEqual((await findings(root, engine)).found, []);
});

test('broken or foreign records are ignored, not a crash', async () => {
  const root = makeTree({
    'ops.md': DOC,
    '.signoff/runs/ops-20260101T000000Z.json': '{"version":1,"checklist":"ops.md","phases":[1],"tasks":[{"phase":1,"line":5,"text":3}]}',
    '.signoff/runs/ops-20260102T000000Z.json': '[1,2,3]',
    '.signoff/runs/ops-20260103T000000Z.json': Buffer.from([0xff, 0xfe, 0x00]),
    '.signoff/runs/ops-notes.txt': 'not a record',
  });
  assert.deepEqual((await findings(root)).found, []);
});
