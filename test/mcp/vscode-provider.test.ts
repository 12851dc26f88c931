/**
 * The extension's MCP server registration (src/client/mcp-provider.ts) without VS Code's window: on a VS Code
 * without the API (1.100, what engines.vscode allows) it registers nothing and throws nothing; with the 1.101 API
 * surface it publishes one server per folder, only in a trusted workspace, and each definition it publishes starts
 * a working server (spawned here exactly as VS Code would: command, args, cwd, env).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { MCP_PROVIDER_ID, hasFinalMcpApi, registerMcpServer, type McpApi } from '../../src/client/mcp-provider';
import { CLI } from '../helpers/cli';

type Listener = () => void;

/** VS Code's EventEmitter contract (event, fire, dispose), enough for the provider's change event. */
class Emitter<T> {
  private listeners: Listener[] = [];
  event = (l: Listener) => {
    this.listeners.push(l);
    return { dispose: () => { this.listeners = this.listeners.filter((x) => x !== l); } };
  };
  fire(_?: T) { for (const l of this.listeners) l(); }
  dispose() { this.listeners = []; }
}

interface Def { label: string; command: string; args: string[]; env: Record<string, string>; version: string; cwd?: { fsPath: string } }

function api(opts: { withApi: boolean; trusted: boolean; folders: string[]; version?: string }) {
  const registered: { id: string; provider: { onDidChangeMcpServerDefinitions?: (l: Listener) => unknown; provideMcpServerDefinitions: () => Def[] } }[] = [];
  const folders = new Emitter<void>();
  const trust = new Emitter<void>();
  const surface = {
    version: opts.version ?? '1.101.0',
    EventEmitter: Emitter,
    workspace: {
      isTrusted: opts.trusted,
      workspaceFolders: opts.folders.map((p) => ({ uri: { scheme: 'file', fsPath: p }, name: p.split('/').pop()! })),
      onDidChangeWorkspaceFolders: folders.event,
      onDidGrantWorkspaceTrust: trust.event,
    },
    ...(opts.withApi
      ? {
          lm: { registerMcpServerDefinitionProvider: (id: string, provider: (typeof registered)[0]['provider']) => { registered.push({ id, provider }); return { dispose: () => undefined }; } },
          McpStdioServerDefinition: class { cwd?: { fsPath: string }; constructor(public label: string, public command: string, public args: string[], public env: Record<string, string>, public version: string) {} },
        }
      : { lm: {} }),
  };
  return { surface: surface as unknown as McpApi, registered, grantTrust: () => { surface.workspace.isTrusted = true; trust.fire(); } };
}

test('on a VS Code without the finalised MCP API, nothing is registered and nothing throws', () => {
  const a = api({ withApi: false, trusted: true, folders: ['/w'] });
  assert.deepEqual(registerMcpServer(a.surface, CLI, '0.1.0'), []);
  const bare = { ...a.surface, lm: undefined } as McpApi;
  assert.deepEqual(registerMcpServer(bare, CLI, '0.1.0'), []);
  // 1.100 has the function as a proposed API (it throws for this extension: test/e2e/mcp-api.e2e.ts): not called.
  const proposed = api({ withApi: true, trusted: true, folders: ['/w'], version: '1.100.3' });
  assert.deepEqual(registerMcpServer(proposed.surface, CLI, '0.1.0'), []);
  assert.equal(proposed.registered.length, 0);
});

test('the finalised API is recognised from 1.101 on', () => {
  assert.deepEqual(['1.100.3', '1.101.0', '1.101.0-insider', '1.110.2', '2.0.0', 'x'].map(hasFinalMcpApi), [false, true, true, true, true, false]);
});

test('with the API: one read-only server per folder, only once the workspace is trusted, and each one starts', async () => {
  const one = mkdtempSync(join(tmpdir(), 'signoff-vsmcp-'));
  const two = mkdtempSync(join(tmpdir(), 'signoff-vsmcp-'));
  writeFileSync(join(one, 'x.md'), '# X CERTIFICATE\n\n**Certificate ID**: X-1\n');
  try {
    const a = api({ withApi: true, trusted: false, folders: [one, two] });
    const disposables = registerMcpServer(a.surface, CLI, '0.1.0');
    assert.ok(disposables.length > 0);
    assert.deepEqual(a.registered.map((r) => r.id), [MCP_PROVIDER_ID]);
    const { provider } = a.registered[0];
    assert.deepEqual(provider.provideMcpServerDefinitions(), [], 'Restricted Mode: no server (it would run git)');
    let changes = 0;
    provider.onDidChangeMcpServerDefinitions?.(() => changes++);
    a.grantTrust();
    assert.equal(changes, 1, 'granting trust tells VS Code to ask again');
    const defs = provider.provideMcpServerDefinitions();
    assert.deepEqual(defs.map((d) => [d.label, d.args.slice(1)]), [
      [`Signoff (${one.split('/').pop()})`, ['mcp', '--root', one]],
      [`Signoff (${two.split('/').pop()})`, ['mcp', '--root', two]],
    ]);
    assert.ok(defs.every((d) => !d.args.includes('--allow-write')));
    const d = defs[0];
    const transport = new StdioClientTransport({ command: d.command, args: d.args, cwd: d.cwd!.fsPath, env: { PATH: process.env.PATH ?? '', ...d.env }, stderr: 'pipe' });
    const client = new Client({ name: 'vscode-stand-in', version: '1' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name), ['check', 'status', 'resolve_evidence', 'cite', 'new_document', 'rule']);
      const r = await client.callTool({ name: 'check', arguments: { path: 'x.md' } });
      assert.ok(!r.isError, JSON.stringify(r.content));
      assert.equal((r.structuredContent as { files: { path: string }[] }).files[0].path, 'x.md', 'served from the folder given');
    } finally {
      await client.close();
    }
    for (const x of disposables) x.dispose();
  } finally {
    rmSync(one, { recursive: true, force: true });
    rmSync(two, { recursive: true, force: true });
  }
});
