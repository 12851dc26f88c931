/**
 * The MCP SDK's own client on the real server: `node dist/cli.js mcp` as a process over stdio, exactly as an agent
 * (Claude Code, VS Code agent mode) starts it. Tests build first (npm test does; ensureBuilt covers a lone run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI } from '../helpers/cli';

const REPO = join(__dirname, '..', '..');
const MCP_BUNDLE = join(REPO, 'dist', 'mcp.js');

function ensureBuilt(): void {
  if (existsSync(MCP_BUNDLE) && existsSync(CLI) && statSync(MCP_BUNDLE).mtimeMs >= statSync(join(REPO, 'src', 'mcp', 'server.ts')).mtimeMs) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export interface McpSession {
  client: Client;
  transport: StdioClientTransport;
  /** What the server wrote on stderr. */
  stderr: () => string;
  /** Calls a tool; the result's text, structured content and error flag. */
  call: (name: string, args: Record<string, unknown>) => Promise<{ text: string; data: Record<string, unknown>; isError: boolean }>;
  close: () => Promise<void>;
}

export async function startMcp(root: string, flags: string[] = []): Promise<McpSession> {
  ensureBuilt();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...flags],
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' },
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const client = new Client({ name: 'signoff-test', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    transport,
    stderr: () => err,
    call: async (name, args) => {
      const r = await client.callTool({ name, arguments: args });
      const content = r.content as { type: string; text?: string }[];
      return { text: content.map((c) => c.text ?? '').join(''), data: (r.structuredContent ?? {}) as Record<string, unknown>, isError: !!r.isError };
    },
    close: () => client.close(),
  };
}
