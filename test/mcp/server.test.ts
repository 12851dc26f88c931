/**
 * `signoff mcp` driven by the MCP SDK's own client over a real stdio process (node dist/cli.js mcp), on fixture
 * workspaces that are real git repositories: the tool list, every tool, the rule resources and the prompt, the
 * root guard, write tools with and without --allow-write, malformed arguments, and the same findings as
 * `signoff check --format json`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../src/core/index';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { GIT_ENV } from '../helpers/git';
import { startMcp, type McpSession } from './client';

const PAY_PY = 'def total(items):\n    return round(sum(items), 2)\n\n\ndef count(items):\n    return len(items)\n';

function certificate(o: { id: string; findings: string; evidence?: string; date?: string }): string {
  const date = o.date ?? '2025-08-23 10:00:00 UTC';
  return `# PAYMENTS REVIEW CERTIFICATE

**Component**: payments
**Agent**: code-reviewer
**Date**: ${date}
**Certificate ID**: ${o.id}

## REVIEW SCOPE

The totals module.

## FINDINGS

${o.findings}

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: The totals are right.

## EVIDENCE

${o.evidence ?? 'Read `src/pay.py` whole.'}

## SIGNATURE

Agent: code-reviewer
Timestamp: ${date}
Certificate Hash: opaque
`;
}

const PAYMENTS = certificate({
  id: 'CERT-PAY-20250823-100000',
  findings: [
    '- Rounding is right at `src/pay.py:2`.',
    '- Counting is right at `src/pay.py:5-6`.',
    '- Refunds are handled in `src/refund.py:3`.',
    '- The helper in `util.py:1` is shared.',
    '- The loop at `src/pay.py:40-45` is bounded.',
  ].join('\n'),
});

/** Two certificates with one ID: the workspace pass (cert-id-unique) has something to say. */
const FIXTURE: Record<string, string> = {
  'src/pay.py': PAY_PY,
  'a/util.py': 'x = 1\n',
  'src/long.py': Array.from({ length: 300 }, (_, i) => `v${i + 1} = ${i + 1}\n`).join(''),
  'b/util.py': 'y = 2\n',
  'certs/payments.md': PAYMENTS,
  'certs/twin.md': certificate({ id: 'CERT-PAY-20250823-100000', findings: 'Nothing new; `/home/alice/shop/src/pay.py:1` starts it.' }),
  'certs/notes.md': '# Meeting notes\n\nNothing to certify.\n',
  'deploy/release.md': '# Release Checklist\n\n## Steps\n\n### **Phase 1: Build**\n\n- [ ] **Build**: it builds\n  ```bash\n  echo ok\n  ```\n\n### **Phase 3: Ship**\n\n- [ ] **Ship**: it ships\n',
};

function git(root: string, args: string[], date: string): void {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  assert.equal(r.status, 0, r.stderr);
}

/** The fixture as a git repository: all committed on Aug 1, then line 2 of src/pay.py changed on Sep 1 (after the Date). */
function fixtureRepo(): string {
  const root = makeTree(FIXTURE);
  git(root, ['init', '-q', '-b', 'main'], '2025-08-01T00:00:00Z');
  git(root, ['add', '-A'], '2025-08-01T00:00:00Z');
  git(root, ['commit', '-q', '-m', 'start'], '2025-08-01T00:00:00Z');
  writeFileSync(join(root, 'src/pay.py'), PAY_PY.replace('round(sum(items), 2)', 'round(sum(items), 3)'));
  git(root, ['commit', '-q', '-am', 'more precision'], '2025-09-01T00:00:00Z');
  return root;
}

/** The CLI's JSON report, or the MCP check's with its additions (description, fixable, safeFix) taken off. */
function cliJson(root: string, path: string): unknown {
  const r = runCli(['check', path, '--format', 'json'], { cwd: root });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout);
}
function withoutAnnotations(data: Record<string, unknown>): unknown {
  const files = data.files as { findings: Record<string, unknown>[] }[];
  return { version: data.version, files: files.map((f) => ({ ...f, findings: f.findings.map(({ description: _d, fixable: _f, safeFix: _s, ...rest }) => rest) })), ...(data.skipped ? { skipped: data.skipped } : {}), summary: data.summary };
}

const READ_TOOLS = ['check', 'status', 'resolve_evidence', 'cite', 'new_document', 'rule'];

describe('signoff mcp (read-only)', () => {
  let root: string;
  let s: McpSession;
  before(async () => {
    root = fixtureRepo();
    s = await startMcp(root);
  });
  after(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('tools/list: the read tools with their input schemas, no write tool without --allow-write', async () => {
    const { tools } = await s.client.listTools();
    assert.deepEqual(tools.map((t) => t.name), READ_TOOLS);
    const check = tools.find((t) => t.name === 'check')!;
    assert.deepEqual(check.inputSchema.required, ['path']);
    assert.ok(check.inputSchema.properties && 'text' in check.inputSchema.properties);
    assert.ok(tools.every((t) => t.annotations?.readOnlyHint === true));
  });

  test('one engine, one answer: check over MCP is `signoff check --format json` for each document', async () => {
    for (const path of ['certs/payments.md', 'certs/twin.md', 'deploy/release.md', 'certs/notes.md']) {
      const r = await s.call('check', { path });
      assert.equal(r.isError, false, r.text);
      assert.deepEqual(withoutAnnotations(r.data), cliJson(root, path), path);
      assert.deepEqual(JSON.parse(r.text), r.data, 'the text is the same report');
    }
    const twin = await s.call('check', { path: 'certs/twin.md' });
    const ids = (twin.data.files as { findings: { ruleId: string }[] }[])[0].findings.map((f) => f.ruleId);
    assert.ok(ids.includes('cert-id-unique'), `the workspace pass ran: ${ids}`);
    const notes = await s.call('check', { path: 'certs/notes.md' });
    assert.deepEqual(notes.data.files, [], 'ordinary Markdown gets no entry, as in the CLI');
  });

  test('each finding carries its rule\'s description and whether a fix exists', async () => {
    const r = await s.call('check', { path: 'certs/twin.md' });
    const findings = (r.data.files as { findings: { ruleId: string; description: string; fixable: boolean; safeFix: boolean }[] }[])[0].findings;
    for (const f of findings) assert.equal(f.description, RULES.find((x) => x.meta.id === f.ruleId)!.meta.description, f.ruleId);
    const foreign = findings.find((f) => f.ruleId === 'evidence-foreign-path')!;
    assert.deepEqual([foreign.fixable, foreign.safeFix], [true, true]);
    const unique = findings.find((f) => f.ruleId === 'cert-id-unique')!;
    assert.equal(unique.safeFix, false);
  });

  test('unsaved text: checked before it is written, the same findings as once it is on disk', async () => {
    const text = certificate({ id: 'CERT-DRAFT-20250823-100000', findings: '- The total at `src/pay.py:9` is off.' });
    assert.equal(existsSync(join(root, 'certs/draft.md')), false);
    const r = await s.call('check', { path: 'certs/draft.md', text });
    assert.equal(r.isError, false, r.text);
    const ids = (r.data.files as { findings: { ruleId: string }[] }[])[0].findings.map((f) => f.ruleId);
    assert.ok(ids.includes('evidence-line-range'), String(ids));
    // Unsaved text wins over the file on disk.
    const over = await s.call('check', { path: 'certs/payments.md', text });
    assert.deepEqual(withoutAnnotations(over.data), { ...(withoutAnnotations(r.data) as object), files: [{ ...(withoutAnnotations(r.data) as { files: object[] }).files[0], path: 'certs/payments.md' }] });
    const copy = mkdtempSync(join(tmpdir(), 'signoff-mcp-draft-'));
    try {
      cpSync(root, copy, { recursive: true });
      writeFileSync(join(copy, 'certs/draft.md'), text);
      assert.deepEqual(withoutAnnotations(r.data), cliJson(copy, 'certs/draft.md'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('resolve_evidence: in range, drifted, missing, ambiguous with candidates, out of range', async () => {
    const one = async (reference: string) => {
      const r = await s.call('resolve_evidence', { document: 'certs/payments.md', reference });
      assert.equal(r.isError, false, r.text);
      const refs = r.data.references as Record<string, unknown>[];
      assert.equal(refs.length, 1, JSON.stringify(refs));
      return refs[0];
    };
    const inRange = await one('src/pay.py:5-6');
    assert.equal(inRange.status, 'in-range');
    assert.equal(inRange.file, 'src/pay.py');
    assert.deepEqual(inRange.lines, [{ start: 5, end: 6, text: 'def count(items):\n    return len(items)', omitted: 0 }]);
    const drifted = await one('`src/pay.py:2`');
    assert.equal(drifted.status, 'drifted');
    const drift = drifted.drift as { status: string; message: string };
    assert.equal(drift.status, 'changed');
    assert.match(drift.message, /changed/i);
    assert.equal(inRange.drift, undefined, 'lines 5-6 did not change');
    assert.ok((drifted.findings as { ruleId: string }[]).some((f) => f.ruleId === 'evidence-drift'));
    const missing = await one('src/refund.py:3');
    assert.equal(missing.status, 'missing');
    assert.ok((missing.findings as { ruleId: string }[]).some((f) => f.ruleId === 'evidence-file-missing'));
    const ambiguous = await one('util.py:1');
    assert.equal(ambiguous.status, 'ambiguous');
    assert.deepEqual(ambiguous.candidates, ['a/util.py', 'b/util.py']);
    const past = await one('src/pay.py:40-45');
    assert.equal(past.status, 'out-of-range');
    assert.equal(past.lineCount, 6);
    assert.ok((past.findings as { ruleId: string }[]).some((f) => f.ruleId === 'evidence-line-range'));
  });

  test('resolve_evidence: a reference the document does not hold is a tool error naming those it does', async () => {
    const r = await s.call('resolve_evidence', { document: 'certs/payments.md', reference: 'src/nowhere.py:1' });
    assert.equal(r.isError, true);
    assert.match(r.text, /no evidence reference "src\/nowhere\.py:1" in certs\/payments\.md; it cites: .*src\/pay\.py:2/);
  });

  test('cite: the lines really there and a reference that checks clean where it is pasted', async () => {
    const r = await s.call('cite', { file: 'src/pay.py', startLine: 5, endLine: 6 });
    assert.equal(r.isError, false, r.text);
    assert.equal(r.data.reference, '`src/pay.py:5-6`');
    assert.equal(r.data.lines, 'def count(items):\n    return len(items)');
    assert.equal(r.data.lineCount, 6);
    // Dated after the last commit: the cited lines have not changed since.
    const text = certificate({ id: 'CERT-CITE-20250902-100000', date: '2025-09-02 10:00:00 UTC', findings: `- Counting is right:\n\n${r.data.markdown as string}` });
    const checked = await s.call('check', { path: 'certs/cited.md', text });
    const ids = (checked.data.files as { findings: { ruleId: string }[] }[])[0].findings.map((f) => f.ruleId);
    assert.deepEqual(ids.filter((id) => id.startsWith('evidence-')), [], 'the pasted reference and quote hold');
    // The quote is checked: the same block citing other lines is a mismatch.
    const wrong = text.replace('src/pay.py:5-6', 'src/pay.py:1-2');
    const bad = await s.call('check', { path: 'certs/cited.md', text: wrong });
    assert.ok((bad.data.files as { findings: { ruleId: string }[] }[])[0].findings.some((f) => f.ruleId === 'evidence-quote-mismatch'));
    const single = await s.call('cite', { file: 'src/pay.py', startLine: 2, endLine: 2 });
    assert.equal(single.data.reference, '`src/pay.py:2`');
  });

  test('long citations are capped at 200 lines in all, and say how many were left out', async () => {
    const cite = await s.call('cite', { file: 'src/long.py', startLine: 1, endLine: 300 });
    assert.equal((cite.data.lines as string).split('\n').length, 200);
    assert.equal(cite.data.omittedLines, 100);
    assert.equal(cite.data.markdown, undefined, 'no quote block of part of the lines');
    const text = certificate({ id: 'CERT-LONG-20250823-100000', findings: '- All of it: `src/long.py:1-150, 151-300`.' });
    const r = await s.call('resolve_evidence', { document: 'certs/long.md', reference: 'src/long.py:1-150, 151-300', text });
    const lines = (r.data.references as { lines: { start: number; end: number; text: string; omitted: number }[] }[])[0].lines;
    assert.deepEqual(lines.map((l) => [l.start, l.end, l.text.split('\n').length, l.omitted]), [[1, 150, 150, 0], [151, 300, 50, 100]]);
    assert.match(lines[1].text, /^v151 = 151\n/);
  });

  test('cite: lines past the end, a reversed range and a missing file are tool errors', async () => {
    const past = await s.call('cite', { file: 'src/pay.py', startLine: 5, endLine: 9 });
    assert.deepEqual([past.isError, past.text], [true, 'src/pay.py has 6 lines; lines 5-9 are not all there']);
    const reversed = await s.call('cite', { file: 'src/pay.py', startLine: 5, endLine: 2 });
    assert.deepEqual([reversed.isError, reversed.text], [true, 'endLine 2 is before startLine 5']);
    const missing = await s.call('cite', { file: 'src/none.py', startLine: 1, endLine: 1 });
    assert.deepEqual([missing.isError, missing.text], [true, 'no such file in the workspace: src/none.py']);
  });

  test('new_document: the editor\'s templates, filled, that check clean but for the sections left to write', async () => {
    const cert = await s.call('new_document', { kind: 'certificate', component: 'Payments API', agent: 'code-reviewer' });
    assert.equal(cert.isError, false, cert.text);
    assert.match(cert.text, /^# PAYMENTS API REVIEW CERTIFICATE\n/);
    assert.match(cert.text, /^\*\*Component\*\*: Payments API$/m);
    assert.match(cert.text, /^\*\*Certificate ID\*\*: CERT-CODE-REVIEWER-\d{8}-\d{6}$/m);
    const list = await s.call('new_document', { kind: 'checklist', component: 'Payments API', agent: 'release-bot' });
    assert.match(list.text, /^# Payments API Production Deployment Checklist\n/);
    for (const [path, text] of [['certs/new.md', cert.text], ['deploy/new.md', list.text]]) {
      const r = await s.call('check', { path, text });
      const file = (r.data.files as { kind: string; findings: { ruleId: string; message: string }[] }[])[0];
      assert.ok(file, `${path} is a document`);
      assert.deepEqual(file.findings.filter((f) => f.ruleId !== 'cert-section-empty').map((f) => `${f.ruleId}: ${f.message}`), [], path);
    }
  });

  test('one engine, one answer: status over MCP is `signoff status --format json`, with the gate when required', async () => {
    const cli = (args: string[]) => {
      const r = runCli(['status', '--format', 'json', ...args], { cwd: root });
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      return { code: r.code, json: JSON.parse(r.stdout) as Record<string, unknown> };
    };
    const all = await s.call('status', {});
    assert.equal(all.isError, false, all.text);
    assert.deepEqual(all.data, cli([]).json);
    assert.ok((all.data.components as unknown[]).length >= 1, 'the payments certificates make a component');
    const gated = await s.call('status', { require: 'approved,fresh,sealed' });
    const { gate, notes, ...ledger } = gated.data;
    const expected = cli(['--require', 'approved,fresh,sealed']);
    assert.deepEqual(ledger, expected.json);
    assert.equal(gate, expected.code === 0 ? 'met' : 'failed');
    assert.equal(gate, 'failed', 'nothing here is sealed');
    assert.deepEqual(notes, ['signoff: payments (certs/twin.md) does not meet --require approved,fresh,sealed: not sealed'], 'what the CLI says on stderr');
    const since = await s.call('status', { changedSince: 'HEAD~1' });
    assert.deepEqual(since.data, cli(['--changed-since', 'HEAD~1']).json);
    const bad = await s.call('status', { require: 'approved,shiny' });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /--require/);
    const option = await s.call('status', { changedSince: '--output=/tmp/x' });
    assert.equal(option.isError, true, 'a ref that looks like an option is refused');
    const outside = await s.call('status', { paths: ['../elsewhere'] });
    assert.equal(outside.isError, true);
    assert.match(outside.text, /outside the workspace root/);
  });

  test('rule: the documentation page; resources signoff://rules/<id> list and read the same pages', async () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'rules', 'evidence-line-range.md'), 'utf8');
    const r = await s.call('rule', { id: 'evidence-line-range' });
    assert.equal(r.text, page);
    const unknown = await s.call('rule', { id: 'no-such-rule' });
    assert.equal(unknown.isError, true);
    assert.match(unknown.text, /^unknown rule "no-such-rule"; the rules are: cert-agent-path, /);
    const { resources } = await s.client.listResources();
    assert.ok(resources.some((x) => x.uri === 'signoff://rules/evidence-line-range'));
    assert.equal(resources.length, RULES.length + 3, 'every rule and the three the engine reports');
    const read = await s.client.readResource({ uri: 'signoff://rules/evidence-line-range' });
    assert.equal((read.contents[0] as { text: string }).text, page);
    await assert.rejects(s.client.readResource({ uri: 'signoff://rules/..%2Fpackage' }));
  });

  test('the write-certificate prompt is made from the config, the template and the rules', async () => {
    const { prompts } = await s.client.listPrompts();
    assert.deepEqual(prompts.map((p) => p.name), ['write-certificate']);
    const p = await s.client.getPrompt({ name: 'write-certificate', arguments: { agent: 'code-reviewer', component: 'Payments' } });
    const text = (p.messages[0].content as { text: string }).text;
    assert.match(text, /`## REVIEW SCOPE`, `## FINDINGS`, `## DECISION\/OUTCOME`, `## EVIDENCE`, `## SIGNATURE`/);
    assert.match(text, /`APPROVED`, `CONDITIONALLY_APPROVED`, `REJECTED`/);
    assert.match(text, /^# PAYMENTS REVIEW CERTIFICATE$/m);
    assert.match(text, /`src\/totals\.py:12-18`/);
    assert.match(text, /- `cert-header-field`: /);
  });

  test('paths outside the root are refused: relative, absolute, and through a symbolic link', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'signoff-outside-'));
    writeFileSync(join(outside, 'secret.md'), certificate({ id: 'CERT-X-20250823-100000', findings: 'x' }));
    symlinkSync(outside, join(root, 'linked'));
    try {
      const cases: [string, Record<string, unknown>, RegExp][] = [
        ['check', { path: '../secret.md' }, /^\.\.\/secret\.md is outside the workspace root /],
        ['check', { path: join(outside, 'secret.md') }, /is outside the workspace root/],
        ['check', { path: 'linked/secret.md' }, /^linked\/secret\.md is a symbolic link to outside the workspace root$/],
        ['check', { path: '../secret.md', text: 'x' }, /is outside the workspace root/],
        ['cite', { file: '/etc/passwd', startLine: 1, endLine: 1 }, /^\/etc\/passwd is outside the workspace root/],
        ['resolve_evidence', { document: 'linked/secret.md', reference: 'x' }, /symbolic link to outside/],
      ];
      for (const [tool, args, message] of cases) {
        const r = await s.call(tool, args);
        assert.equal(r.isError, true, `${tool} ${JSON.stringify(args)}`);
        assert.match(r.text, message);
        assert.ok(!r.text.includes('CERT-X'), 'nothing of the file is shown');
      }
    } finally {
      rmSync(join(root, 'linked'));
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('write tools are refused without --allow-write, and the file is unchanged', async () => {
    const before = readFileSync(join(root, 'certs/twin.md'), 'utf8');
    for (const name of ['fix', 'seal']) {
      const r = await s.call(name, { path: 'certs/twin.md' });
      assert.equal(r.isError, true, name);
      assert.match(r.text, new RegExp(`Tool ${name} not found`));
    }
    assert.equal(readFileSync(join(root, 'certs/twin.md'), 'utf8'), before);
  });

  test('malformed arguments are clear tool errors, and the server stays up', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['check', { path: 42 }, /Invalid arguments for tool check: .*expected string/],
      ['check', {}, /Invalid arguments for tool check: .*path/],
      ['cite', { file: 'src/pay.py', startLine: 0, endLine: 1 }, /Invalid arguments for tool cite: .*startLine/],
      ['cite', { file: 'src/pay.py', startLine: 1.5, endLine: 2 }, /Invalid arguments for tool cite/],
      ['new_document', { kind: 'memo', component: 'x', agent: 'y' }, /Invalid arguments for tool new_document: .*kind/],
      ['check', { path: 'certs' }, /^certs is not a regular file that can be read$/],
      ['check', { path: '.' }, /^\. is the workspace root, not a file$/],
      ['check', { path: 'certs/\u0000x.md' }, /^a path cannot contain a NUL character$/],
      ['resolve_evidence', { document: 'certs/notes.md', reference: 'x.py' }, /^certs\/notes\.md is neither a review certificate nor a checklist/],
      ['rule', { id: '../../package' }, /^unknown rule "\.\.\/\.\.\/package"/],
      ['check', { path: 'certs/none.md' }, /^no such file in the workspace: certs\/none\.md$/],
      ['no_such_tool', {}, /Tool no_such_tool not found/],
    ];
    for (const [tool, args, message] of cases) {
      const r = await s.call(tool, args);
      assert.equal(r.isError, true, `${tool} ${JSON.stringify(args)}`);
      assert.match(r.text, message);
    }
    assert.equal(s.transport.pid !== null && s.transport.pid !== undefined, true);
    const ok = await s.call('check', { path: 'certs/payments.md' });
    assert.equal(ok.isError, false, 'still answering');
    assert.equal(s.stderr(), '', 'nothing went wrong on the server side');
  });
});

describe('signoff mcp --allow-write', () => {
  let root: string;
  let s: McpSession;
  before(async () => {
    root = fixtureRepo();
    s = await startMcp(root, ['--allow-write']);
  });
  after(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('fix and seal are listed', async () => {
    const { tools } = await s.client.listTools();
    assert.deepEqual(tools.map((t) => t.name), [...READ_TOOLS, 'fix', 'seal']);
    assert.equal(tools.find((t) => t.name === 'fix')!.annotations?.readOnlyHint, false);
  });

  test('fix writes what `signoff check --fix` writes, and returns the findings left', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'signoff-mcp-fix-'));
    try {
      cpSync(root, copy, { recursive: true });
      const r = await s.call('fix', { path: 'certs/twin.md' });
      assert.equal(r.isError, false, r.text);
      assert.equal(r.data.fixed, true);
      const fixed = readFileSync(join(root, 'certs/twin.md'), 'utf8');
      assert.match(fixed, /`src\/pay\.py:1`/);
      runCli(['check', 'certs/twin.md', '--fix'], { cwd: copy });
      assert.equal(fixed, readFileSync(join(copy, 'certs/twin.md'), 'utf8'));
      assert.deepEqual(withoutAnnotations(r.data), cliJson(copy, 'certs/twin.md'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('seal writes an unsigned seal that `signoff verify` accepts; a non-certificate is a tool error', async () => {
    const r = await s.call('seal', { path: 'certs/payments.md' });
    assert.equal(r.isError, false, r.text);
    assert.match(r.text, /^sealed certs\/payments\.md: sha256:/);
    const v = runCli(['verify', 'certs/payments.md'], { cwd: root });
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const notes = await s.call('seal', { path: 'certs/notes.md' });
    assert.deepEqual([notes.isError, notes.text], [true, 'certs/notes.md is not a review certificate']);
    const outside = await s.call('fix', { path: '../x.md' });
    assert.equal(outside.isError, true);
    assert.match(outside.text, /outside the workspace root/);
  });
});

test('outside a git repository, drift is unknown, and resolve_evidence says so on each reference', async () => {
  const root = makeTree(FIXTURE);
  const s = await startMcp(root);
  try {
    const r = await s.call('resolve_evidence', { document: 'certs/payments.md', reference: 'src/pay.py:2' });
    const ref = (r.data.references as Record<string, unknown>[])[0];
    assert.equal(ref.status, 'in-range');
    const drift = ref.drift as { status: string; message: string };
    assert.equal(drift.status, 'unknown');
    assert.match(drift.message, /not a git repository/);
  } finally {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a broken .signoff.json: check says so under configProblems and reports what the CLI reports with the defaults', async () => {
  const root = makeTree({ ...FIXTURE, '.signoff.json': '{ "rules": { "cert-title": "loud" } }' });
  const s = await startMcp(root);
  try {
    const r = await s.call('check', { path: 'certs/payments.md' });
    assert.equal(r.isError, false, r.text);
    assert.equal((r.data.configProblems as string[]).length, 1);
    assert.match((r.data.configProblems as string[])[0], /^\.signoff\.json:1:\d+: /);
    assert.deepEqual(withoutAnnotations(r.data), cliJson(root, 'certs/payments.md'));
  } finally {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('signoff mcp usage errors: one line, exit 2', () => {
  const extra = runCli(['mcp', 'certs/a.md']);
  assert.deepEqual([extra.code, extra.stderr], [2, 'signoff: mcp takes no paths (got certs/a.md): it serves the workspace root, --root DIR or the current directory\n']);
  const missing = runCli(['mcp', '--root', '/nonexistent/folder']);
  assert.deepEqual([missing.code, missing.stderr], [2, 'signoff: root is not a directory: /nonexistent/folder\n']);
  const flag = runCli(['mcp', '--allow-writes']);
  assert.deepEqual([flag.code, flag.stderr], [2, 'signoff: unknown option --allow-writes (did you mean --allow-write?); see signoff mcp --help\n']);
});

test('the MCP SDK is in dist/mcp.js only: `signoff check` loads none of it', () => {
  const dist = join(__dirname, '..', '..', 'dist');
  // A protocol method name only the SDK carries (class names do not survive minifying).
  const marker = 'notifications/tools/list_changed';
  assert.ok(readFileSync(join(dist, 'mcp.js'), 'utf8').includes(marker));
  for (const bundle of ['cli.js', 'worker.js', 'server.js', 'extension.js', 'language-client.js']) {
    assert.ok(!readFileSync(join(dist, bundle), 'utf8').includes(marker), bundle);
  }
});
