/**
 * The MCP SDK's own client on the real server: `node dist/cli.js mcp` as a process over stdio, exactly as an agent
 * (Claude Code, VS Code agent mode) starts it. Tests build first (npm test does; ensureBuilt covers a lone run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI } from '../helpers/cli';

const REPO = join(__dirname, '..', '..');
const MCP_BUNDLE = join(REPO, 'dist', 'mcp.js');

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

/** Builds the bundles when dist/mcp.js or dist/cli.js is missing or older than the sources they are made of. */
function ensureBuilt(): void {
  const sources = Math.max(...['mcp', 'core', 'node', 'cli', 'protocol'].map((d) => newest(join(REPO, 'src', d))));
  if (existsSync(MCP_BUNDLE) && existsSync(CLI) && Math.min(statSync(MCP_BUNDLE).mtimeMs, statSync(CLI).mtimeMs) >= sources) return;
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
