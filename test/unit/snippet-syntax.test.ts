/**
 * checklist-snippet-syntax beyond its fixtures: snippets are parsed, never run; results are cached per snippet text;
 * few interpreters run at once; a host without processes or without the interpreter skips silently. Real bash and
 * python3 processes throughout (the host below only counts the calls it passes on to NodeHost).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type Finding, type Host } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';

const RULE = 'checklist-snippet-syntax';

/** A real NodeHost that counts the processes it starts and the most that ran at once. */
function countingHost(root: string) {
  const host = new NodeHost({ root, exclude: [] });
  const stats = { calls: 0, running: 0, maxRunning: 0, logs: [] as string[] };
  const counting: Host = {
    readFile: (p) => host.readFile(p),
    stat: (p) => host.stat(p),
    realPath: (p) => host.realPath(p),
    listFiles: () => host.listFiles(),
    now: () => host.now(),
    log: (_level, message) => { stats.logs.push(message); },
    exec: async (command, args, options) => {
      stats.calls++;
      stats.running++;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      try {
        return await host.exec(command, args, options);
      } finally {
        stats.running--;
      }
    },
  };
  return { host: counting, stats };
}

async function check(host: Host, text: string): Promise<Finding[]> {
  const engine = new Engine(host);
  const doc = engine.parse('docs/checklist.md', text);
  return (await engine.check(doc)).filter((f) => f.ruleId === RULE);
}

/** A checklist with one task per snippet. */
function checklist(snippets: { lang: string; code: string }[]): string {
  const tasks = snippets.map((s, i) => `- [ ] **Task ${i + 1}**: step\n  \`\`\`${s.lang}\n${s.code.split('\n').map((l) => `  ${l}`).join('\n')}\n  \`\`\`\n`);
  return `# Snippet Checklist\n\n### Phase 1: Checks\n${tasks.join('\n')}`;
}

const unique = () => `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

test('snippets are parsed, never executed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'signoff-snippet-'));
  const shMarker = join(dir, 'ran-shell');
  const pyMarker = join(dir, 'ran-python');
  const { host, stats } = countingHost(dir);
  const findings = await check(
    host,
    checklist([
      { lang: 'bash', code: `touch '${shMarker}'\necho done` },
      { lang: 'python', code: `open(${JSON.stringify(pyMarker)}, "w").write("ran")` },
    ]),
  );
  assert.deepEqual(findings, []);
  assert.equal(stats.calls, 2, 'both snippets were checked');
  assert.equal(existsSync(shMarker), false, 'the shell snippet did not run');
  assert.equal(existsSync(pyMarker), false, 'the python snippet did not run');
});

test('results are cached by snippet text: re-checking spawns nothing, editing one snippet spawns one check', async () => {
  const id = unique();
  const { host, stats } = countingHost(tmpdir());
  const snippets = [
    { lang: 'bash', code: `echo "${id} one"` },
    { lang: 'sh', code: `if true; then echo "${id}"; fi fi` },
    { lang: 'python', code: `print("${id}")` },
  ];
  const first = await check(host, checklist(snippets));
  assert.equal(stats.calls, 3);
  assert.deepEqual(first.map((f) => f.start.line), [11]);
  const again = await check(host, checklist(snippets));
  assert.equal(stats.calls, 3, 'no process for unchanged snippets');
  assert.deepEqual(again.map((f) => f.message), first.map((f) => f.message), 'cached results give the same findings');
  snippets[2].code = `print("${id}"`;
  const edited = await check(host, checklist(snippets));
  assert.equal(stats.calls, 4, 'one process for the edited snippet');
  assert.deepEqual(edited.map((f) => f.start.line), [11, 16]);
});

test('at most three checks run at once', async () => {
  const id = unique();
  const { host, stats } = countingHost(tmpdir());
  const snippets = Array.from({ length: 10 }, (_, i) => ({ lang: 'bash', code: `echo "${id} ${i}"` }));
  assert.deepEqual(await check(host, checklist(snippets)), []);
  assert.equal(stats.calls, 10);
  assert.ok(stats.maxRunning <= 3 && stats.maxRunning >= 1, `max running ${stats.maxRunning}`);
});

test('a host that cannot run processes skips the check silently, saying so in its log', async () => {
  const { host, stats } = countingHost(tmpdir());
  const noExec: Host = { ...host, exec: undefined };
  assert.deepEqual(await check(noExec, checklist([{ lang: 'bash', code: `fi ${unique()}` }])), []);
  assert.equal(stats.calls, 0);
  assert.ok(stats.logs.some((l) => /cannot run processes/.test(l)), stats.logs.join('\n'));
});

test('a snippet too large for one argument goes through stdin and is still checked', async () => {
  const { host } = countingHost(tmpdir());
  const big = `# ${unique()}\n` + 'echo "a line of a long generated script"\n'.repeat(4000) + 'fi';
  const text = checklist([{ lang: 'bash', code: big }]);
  const findings = await check(host, text);
  const fiLine = text.split('\n').indexOf('  fi') + 1;
  assert.ok(fiLine > 4000);
  // bash names the line, or (older versions, plain stdin) not: then the finding is at the opening fence (line 5).
  assert.equal(findings.length, 1);
  assert.ok([fiLine, 5].includes(findings[0].start.line), `line ${findings[0].start.line}`);
  assert.match(findings[0].message, /unexpected token `fi'/);
});

// Last: it leaves "bash not found" remembered for a minute of this host's clock (its clock is a year behind).
test('a missing interpreter skips the check silently, saying so in the log', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'signoff-empty-path-'));
  const { host, stats } = countingHost(dir);
  const past: Host = { ...host, now: () => new Date('2020-01-01T00:00:00Z') };
  const path = process.env.PATH;
  process.env.PATH = dir; // an empty folder: bash and python3 cannot be found
  try {
    assert.deepEqual(await check(past, checklist([{ lang: 'bash', code: `fi ${unique()}` }, { lang: 'python', code: `(${unique()}` }])), []);
  } finally {
    process.env.PATH = path;
  }
  assert.equal(stats.calls, 2);
  assert.ok(stats.logs.some((l) => /bash snippets not checked: bash could not be run/.test(l)), stats.logs.join('\n'));
});
