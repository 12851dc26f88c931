/**
 * docs/agents.md's configurations, tried: each MCP configuration block is read from the page and the server started
 * from it exactly as written (with `npx signoff` being this checkout's CLI and `${workspaceFolder}` filled in) with
 * the MCP SDK's client; the Claude Code hook script runs on the JSON Claude Code sends a PostToolUse hook; the Aider
 * lint command runs the way Aider runs it (its command, then the file name).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI } from '../helpers/cli';
import { makeTree } from '../helpers/engine';

const PAGE = readFileSync(join(__dirname, '..', '..', 'docs', 'agents.md'), 'utf8');

/** The first fenced block of `lang` after `heading` (and after `marker`, when given). */
function block(heading: string, lang: string, marker = ''): string {
  let at = PAGE.indexOf(heading);
  assert.ok(at >= 0, `docs/agents.md has "${heading}"`);
  if (marker) at = PAGE.indexOf(marker, at);
  assert.ok(at >= 0, `"${marker}" under "${heading}"`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(PAGE.slice(at));
  assert.ok(m, `a ${lang} block under "${heading}"`);
  return m[1];
}

const BROKEN = '# PAY REVIEW CERTIFICATE\n\n**Certificate ID**: PAY-1\n';

let root: string;
let bin: string;
before(() => {
  root = makeTree({ 'src/pay.py': 'x = 1\n', 'certs/pay.md': BROKEN, 'README.md': '# Project\n\nHello.\n', 'src/tool.py': 'y = 2\n' });
  // `npx signoff ...` runs this checkout's CLI.
  bin = mkdtempSync(join(tmpdir(), 'signoff-npx-'));
  writeFileSync(join(bin, 'npx'), `#!/usr/bin/env bash\n[ "$1" = signoff ] || exit 127\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'npx'), 0o755);
});
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
});
const PATH = () => `${bin}:${process.env.PATH}`;

async function handshake(server: { command: string; args: string[] }): Promise<void> {
  const args = server.args.map((a) => a.replace('${workspaceFolder}', root));
  const transport = new StdioClientTransport({ command: server.command, args, cwd: root, env: { PATH: PATH(), HOME: process.env.HOME ?? '/tmp' }, stderr: 'pipe' });
  const client = new Client({ name: 'agents-doc', version: '1' });
  await client.connect(transport);
  try {
    assert.equal(client.getServerVersion()?.name, 'signoff');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['check', 'status', 'resolve_evidence', 'cite', 'new_document', 'rule']);
    const r = await client.callTool({ name: 'check', arguments: { path: 'certs/pay.md' } });
    const summary = (r.structuredContent as { summary: { errors: number } }).summary;
    assert.ok(summary.errors > 0, 'the broken certificate is reported');
  } finally {
    await client.close();
  }
}

test('Claude Code .mcp.json starts the server', async () => {
  const config = JSON.parse(block('## Claude Code', 'json')) as { mcpServers: Record<string, { type: string; command: string; args: string[] }> };
  assert.equal(config.mcpServers.signoff.type, 'stdio');
  await handshake(config.mcpServers.signoff);
});

test('VS Code .vscode/mcp.json starts the server', async () => {
  const config = JSON.parse(block('## VS Code agent mode', 'json')) as { servers: Record<string, { type: string; command: string; args: string[] }> };
  assert.equal(config.servers.signoff.type, 'stdio');
  await handshake(config.servers.signoff);
});

test('Cursor .cursor/mcp.json starts the server', async () => {
  const config = JSON.parse(block('## Cursor', 'json')) as { mcpServers: Record<string, { command: string; args: string[] }> };
  await handshake(config.mcpServers.signoff);
});

test('the Claude Code PostToolUse hook: errors go back to Claude (exit 2), everything else is silent', () => {
  const settings = JSON.parse(block('## Claude Code', 'json', '**A hook**')) as { hooks: { PostToolUse: { matcher: string; hooks: { type: string; command: string }[] }[] } };
  const entry = settings.hooks.PostToolUse[0];
  assert.ok(['Write', 'Edit', 'MultiEdit'].every((t) => new RegExp(`^(?:${entry.matcher})$`).test(t)));
  const dir = join(root, '.claude', 'hooks');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'signoff-check.mjs'), block('## Claude Code', 'js'));
  const hook = (file: string) => spawnSync('bash', ['-c', entry.hooks[0].command], {
    cwd: root,
    input: JSON.stringify({ session_id: 's', hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: join(root, file), content: '' }, tool_response: { success: true } }),
    env: { ...process.env, PATH: PATH(), CLAUDE_PROJECT_DIR: root },
    encoding: 'utf8',
  });
  const broken = hook('certs/pay.md');
  assert.equal(broken.status, 2, broken.stderr);
  assert.match(broken.stderr, /^signoff check found errors in .*certs\/pay\.md; fix them:\n/);
  const report = JSON.parse(broken.stderr.slice(broken.stderr.indexOf('\n') + 1)) as { files: { path: string; findings: { ruleId: string }[] }[] };
  assert.equal(report.files[0].path, 'certs/pay.md');
  assert.ok(report.files[0].findings.some((f) => f.ruleId === 'cert-header-field'));
  for (const file of ['README.md', 'src/tool.py']) {
    const r = hook(file);
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', ''], file);
  }
});

test('Aider --lint-cmd and .aider.conf.yml: a failing command that prints path:line:column per finding', () => {
  const flag = /--lint-cmd "markdown: ([^"]+)"/.exec(block('## Aider', 'sh'))![1];
  const conf = parse(block('## Aider', 'yaml')) as { 'lint-cmd': string[] };
  assert.deepEqual(conf['lint-cmd'], [`markdown: ${flag}`]);
  const r = spawnSync('bash', ['-c', `${flag} certs/pay.md`], { cwd: root, env: { ...process.env, PATH: PATH() }, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^certs\/pay\.md:1:1 {2}error {2}The header has no \*\*Component\*\* field/m);
  const clean = spawnSync('bash', ['-c', `${flag} README.md`], { cwd: root, env: { ...process.env, PATH: PATH() }, encoding: 'utf8' });
  assert.equal(clean.status, 0, clean.stdout);
});
