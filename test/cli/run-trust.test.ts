/**
 * Runs people can trust at a glance (issue 23), through the real CLI as a process: the file shows the run's result
 * (failed tasks unticked, in the same write, named in the record), literal match first, failures named first, no
 * doubled quotes; `--failed` reruns what did not pass and links the earlier record; run inputs (set, missing,
 * masked); who ran (`--by`, git); signed records checked by `signoff verify` with real ed25519 keys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import type { RunRecord } from '../../src/protocol/index';

const CHECKLIST = `# Release Checklist

## Phase 1: Checks

- [x] **Changelog present**: the changelog exists
  \`\`\`bash
  test -f CHANGELOG.md
  \`\`\`
- [ ] **In src**: prints where it is
  \`\`\`bash
  echo "in src"
  # Expected: in src
  \`\`\`
- [ ] **Bridge**: the bridge answers
  \`\`\`bash
  echo "bridge present"
  # Expected: "bridge present"
  \`\`\`
- [x] **Greeting**: greets the team
  \`\`\`bash
  echo "Hello team"
  # Should greet the team by name
  \`\`\`

## Phase 2: Ship

<!-- signoff: inputs VERSION, DEPLOY_TOKEN -->

- [ ] **Version given**: the version reaches the snippet
  \`\`\`bash
  echo "shipping $VERSION" | tee shipped.txt
  echo "token $DEPLOY_TOKEN"
  # Expected: shipping
  \`\`\`
`;

function recordsOf(root: string): { name: string; record: RunRecord }[] {
  const dir = join(root, '.signoff', 'runs');
  if (!existsSync(dir)) return [];
  // In the order they ran (two runs in one second are named `X.json` and `X-2.json`, which sort the other way).
  return readdirSync(dir).filter((f) => f.endsWith('.json'))
    .map((name) => ({ name, record: JSON.parse(readFileSync(join(dir, name), 'utf8')) as RunRecord }))
    .sort((a, b) => a.record.startedAt.localeCompare(b.record.startedAt));
}

function gitInit(root: string): void {
  for (const args of [['init', '-q'], ['config', 'user.name', 'Rel Manager'], ['config', 'user.email', 'rel@example.com']]) {
    assert.equal(spawnSync('git', args, { cwd: root }).status, 0);
  }
}

test('a run unticks the ticked task whose check failed, in the same write as the ticks, and the record names it', () => {
  const root = makeTree({ 'list.md': CHECKLIST });
  gitInit(root);
  const r = runCli(['run', 'list.md', '--phase', '1', '--yes'], { cwd: root });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const after = readFileSync(join(root, 'list.md'), 'utf8');
  // Only the checkbox characters changed: failed -> [ ], passed -> [x], pending (prose) as it was.
  assert.equal(after, CHECKLIST
    .replace('- [x] **Changelog present**', '- [ ] **Changelog present**')
    .replace('- [ ] **In src**', '- [x] **In src**')
    .replace('- [ ] **Bridge**', '- [x] **Bridge**'));
  const [{ record }] = recordsOf(root);
  assert.deepEqual(record.unticked, [{ phase: 1, line: 5, label: 'Changelog present', text: 'Changelog present: the changelog exists' }]);
  assert.deepEqual(record.by, { name: 'Rel Manager', email: 'rel@example.com' }, 'who ran it: git user.name / user.email');
  assert.match(r.stdout, /Unticked 1 task whose check failed in list\.md/);

  // Literal match first: "in src" is two plain words (prose by class), but the output is exactly it.
  const inSrc = record.tasks.find((t) => t.label === 'In src')!;
  assert.equal(inSrc.status, 'passed');
  assert.deepEqual([inSrc.snippets[0].expected[0].class, inSrc.snippets[0].expected[0].met, inSrc.snippets[0].expected[0].literalMatch], ['prose', true, true]);
  // `# Should …` stays prose: it waits for a person (no terminal to ask on).
  assert.equal(record.tasks.find((t) => t.label === 'Greeting')!.status, 'pending');
  // The quoted expectation is shown quoted once.
  assert.match(r.stdout, /expected "bridge present": met/);
  assert.doesNotMatch(r.stdout, /""bridge present""/);
  // Failures first, then what waits for a person.
  assert.match(r.stdout, /^NO-GO: Changelog present failed \(exit 1\); 1 expectation to review \(exit 1\)$/m);
});

test('--failed reruns only what failed or waits in the latest record; the new record links it and carries the rest', () => {
  const root = makeTree({ 'list.md': CHECKLIST });
  const first = runCli(['run', 'list.md', '--phase', '1', '--yes'], { cwd: root });
  assert.equal(first.code, 1, first.stderr);
  writeFileSync(join(root, 'CHANGELOG.md'), '# Changes\n');
  const again = runCli(['run', 'list.md', '--phase', '1', '--failed', '--yes', '--by', 'Ana Lyst <ana@example.com>'], { cwd: root });
  const [{ name: firstName }, { record }] = recordsOf(root);
  assert.deepEqual(record.previous, [`.signoff/runs/${firstName}`]);
  // Ran: Changelog (failed) and Greeting (pending); carried: In src and Bridge (passed, unchanged).
  assert.doesNotMatch(again.stdout, /^\$ echo "in src"$/m, 'a task that passed is not run again');
  assert.match(again.stdout, /^\$ test -f CHANGELOG\.md$/m);
  assert.match(again.stdout, /^\$ echo "Hello team"$/m);
  const status = Object.fromEntries(record.tasks.map((t) => [t.label, [t.status, t.carriedFrom ?? null]]));
  assert.deepEqual(status, {
    'Changelog present': ['passed', null],
    'In src': ['passed', `.signoff/runs/${firstName}`],
    Bridge: ['passed', `.signoff/runs/${firstName}`],
    Greeting: ['pending', null],
  });
  assert.equal(record.phaseResults[0].verdict, 'PENDING', 'the whole phase is judged: 3 passed, 1 waits');
  assert.deepEqual(record.by, { name: 'Ana Lyst', email: 'ana@example.com' });
  assert.equal(again.code, 3);
  assert.match(readFileSync(join(root, 'list.md'), 'utf8'), /- \[x\] \*\*Changelog present\*\*/, 'the fixed task is ticked again');
});

test('--failed with nothing left to rerun says so and runs nothing', () => {
  const root = makeTree({ 'list.md': CHECKLIST.replace(/## Phase 1[\s\S]*## Phase 2/, '## Phase 2') });
  assert.equal(runCli(['run', 'list.md', '--yes', '--set', 'VERSION=1.2', '--set', 'DEPLOY_TOKEN=s3cr3t-t0ken'], { cwd: root }).code, 0);
  const r = runCli(['run', 'list.md', '--failed', '--yes'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Nothing to rerun/);
  assert.equal(recordsOf(root).length, 1, 'no new record');
});

test('run inputs: set values reach the snippet, are recorded by name, a secret-like one masked', () => {
  const root = makeTree({ 'list.md': CHECKLIST });
  const r = runCli(['run', 'list.md', '--phase', '2', '--yes', '--set', 'VERSION=1.2.3', '--set', 'DEPLOY_TOKEN=s3cr3t-t0ken-value'], { cwd: root });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(readFileSync(join(root, 'shipped.txt'), 'utf8'), 'shipping 1.2.3\n');
  const [{ record }] = recordsOf(root);
  assert.deepEqual(record.inputs, { VERSION: '1.2.3', DEPLOY_TOKEN: '[masked]' });
  const text = JSON.stringify(record);
  assert.ok(!text.includes('s3cr3t-t0ken-value'), 'the secret value is nowhere in the record');
  assert.match(record.tasks[0].snippets[0].outputExcerpt, /token \[masked:DEPLOY_TOKEN\]/);
});

test('run inputs: the environment supplies an input too; an unset one fails the task before it runs', () => {
  const root = makeTree({ 'list.md': CHECKLIST });
  const r = runCli(['run', 'list.md', '--phase', '2', '--yes', '--set', 'VERSION=2.0'], { cwd: root, env: { DEPLOY_TOKEN: undefined } });
  assert.equal(r.code, 1);
  assert.ok(!existsSync(join(root, 'shipped.txt')), 'the snippet did not run');
  assert.match(r.stderr, /run input DEPLOY_TOKEN is not set \(--set DEPLOY_TOKEN=VALUE or the environment variable DEPLOY_TOKEN\)/);
  const [{ record }] = recordsOf(root);
  assert.equal(record.tasks[0].status, 'failed');
  assert.equal(record.tasks[0].snippets[0].setupError, 'run input DEPLOY_TOKEN not set: not run');
  assert.deepEqual(record.inputs, { VERSION: '2.0' });

  const fromEnv = runCli(['run', 'list.md', '--phase', '2', '--yes'], { cwd: root, env: { VERSION: '3.1', DEPLOY_TOKEN: 'from-the-env-123' } });
  assert.equal(fromEnv.code, 0, fromEnv.stderr);
  assert.equal(readFileSync(join(root, 'shipped.txt'), 'utf8'), 'shipping 3.1\n');
  assert.equal(runCli(['run', 'list.md', '--set', 'not a name=1', '--yes'], { cwd: root }).code, 2);
});

test('signed run records: a real ed25519 key verifies, a second key fails, an edited record fails', (t) => {
  if (spawnSync('ssh-keygen', ['-?']).error) { t.skip('ssh-keygen is not installed'); return; }
  const root = makeTree({ 'list.md': CHECKLIST.replace(/## Phase 1[\s\S]*## Phase 2/, '## Phase 2') });
  for (const k of ['k1', 'k2']) assert.equal(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, k), '-C', k]).status, 0);
  const pub = readFileSync(join(root, 'k1.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  writeFileSync(join(root, 'allowed_signers'), `ana@example.com ${pub}\n`);
  const run = (key: string) => runCli(['run', 'list.md', '--yes', '--set', 'VERSION=1', '--set', 'DEPLOY_TOKEN=abcdefgh', '--by', 'Ana <ana@example.com>', '--sign', key], { cwd: root });

  assert.equal(run('k1').code, 0);
  const [{ name: good }] = recordsOf(root);
  assert.equal(recordsOf(root)[0].record.signature?.namespace, 'signoff-run');
  const ok = runCli(['verify', `.signoff/runs/${good}`, '--allowed-signers', 'allowed_signers'], { cwd: root });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /signed by ana@example\.com, verified/);

  assert.equal(run('k2').code, 0);
  const other = recordsOf(root).map((x) => x.name).find((n) => n !== good)!;
  const wrongKey = runCli(['verify', `.signoff/runs/${other}`, '--allowed-signers', 'allowed_signers'], { cwd: root });
  assert.equal(wrongKey.code, 1);
  assert.match(wrongKey.stdout, /NOT verified: the key is not allowed for ana@example\.com/);

  const file = join(root, '.signoff', 'runs', good);
  writeFileSync(file, readFileSync(file, 'utf8').replace('"verdict": "GO"', '"verdict": "NO-GO"'));
  const edited = runCli(['verify', `.signoff/runs/${good}`, '--allowed-signers', 'allowed_signers', '--format', 'json'], { cwd: root });
  assert.equal(edited.code, 1);
  const out = JSON.parse(edited.stdout) as { records: { signature: string; holds: boolean }[] };
  assert.deepEqual(out.records.map((x) => [x.signature, x.holds]), [['invalid', false]]);

  const unsigned = runCli(['run', 'list.md', '--yes', '--set', 'VERSION=1', '--set', 'DEPLOY_TOKEN=abcdefgh'], { cwd: root });
  assert.equal(unsigned.code, 0);
});

test('on a terminal, a prose expectation rejected ("n") fails its task, and a run unticks it; the review names who', { skip: spawnSync('script', ['--version']).status !== 0 ? 'no script(1) to provide a terminal' : false }, () => {
  const doc = '# L Checklist\n\n## Phase 1: Say\n\n- [x] **Greeting**: ticked by hand\n  ```bash\n  echo "Hello"\n  # Should greet the team by name\n  ```\n';
  const root = makeTree({ 'g.md': doc });
  const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} run g.md --yes --by "Robin <robin@example.com>"`, '/dev/null'], {
    cwd: root, input: 'n\n', encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(r.status, 1, r.stdout);
  assert.equal(readFileSync(join(root, 'g.md'), 'utf8'), doc.replace('- [x]', '- [ ]'), 'the rejected task is unticked, nothing else changed');
  const [{ record }] = recordsOf(root);
  assert.deepEqual(record.tasks[0].snippets[0].expected[0].review?.decision, 'rejected');
  assert.equal(record.tasks[0].snippets[0].expected[0].review?.by, 'Robin');
  assert.equal(record.tasks[0].snippets[0].expected[0].review?.email, 'robin@example.com');
  assert.deepEqual(record.unticked?.map((t) => t.label), ['Greeting']);
  assert.match(r.stdout, /NO-GO: Greeting failed \("Should greet the team by name" rejected\)/);
});
