/**
 * `signoff mcp`: a Model Context Protocol server over stdio (its own bundle, dist/mcp.js, loaded by the CLI's `mcp`
 * command), so an agent writing a certificate can check it, resolve and cite evidence, and read the rules while it
 * writes. Thin: the tools (./tools) call the same engine, host and formatter as `signoff check`; the server only
 * registers them, the rule pages as resources and the write-certificate prompt.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { TOOLS } from './tools/index';
import { ruleDescription, ruleIds, rulePage } from './rule-pages';
import { writeCertificatePrompt } from './prompt';
import { Workspace, type McpOptions } from './workspace';

const INSTRUCTIONS = `Signoff validates Markdown review certificates and deployment checklists, and the evidence they cite (file:line references). Before writing or after editing a certificate, call \`check\` (with \`text\` for unsaved content) and fix what it reports; use \`cite\` to quote the lines you cite and \`resolve_evidence\` to see how a reference resolves. The \`write-certificate\` prompt describes the format. Paths are relative to the workspace root; nothing outside it is read.`;

export function createServer(options: McpOptions): McpServer {
  const workspace = new Workspace(options);
  const server = new McpServer({ name: 'signoff', version: options.version }, { instructions: INSTRUCTIONS + (options.allowWrite ? ' `fix` and `seal` write files.' : ' Started without --allow-write: no tool changes a file.') });

  for (const tool of TOOLS) {
    if (tool.writes && !options.allowWrite) continue; // not even listed: a read-only server offers no writes
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: !tool.writes, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      },
      async (args: Record<string, unknown>) => {
        // A thrown error (ToolError: a refusal or bad arguments) becomes the tool's error result; the server goes on.
        const out = await tool.run(args, workspace);
        return { content: [{ type: 'text' as const, text: out.text ?? JSON.stringify(out.data, null, 2) }], structuredContent: out.data };
      },
    );
  }

  server.registerResource(
    'rule',
    new ResourceTemplate('signoff://rules/{id}', {
      list: async () => ({ resources: ruleIds().map((id) => ({ uri: `signoff://rules/${id}`, name: id, description: ruleDescription(id), mimeType: 'text/markdown' })) }),
    }),
    { title: 'Signoff rule', description: 'The documentation page of a Signoff rule.', mimeType: 'text/markdown' },
    async (uri, { id }) => {
      const page = typeof id === 'string' ? rulePage(id) : undefined;
      if (page === undefined) throw new Error(`unknown rule: ${uri.href}`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: page }] };
    },
  );

  server.registerPrompt(
    'write-certificate',
    {
      title: 'Write a review certificate',
      description: 'The certificate format Signoff accepts (header fields, sections, status values, evidence forms, what is checked), from this workspace\'s configuration.',
      argsSchema: { agent: z.string().optional().describe('Who signs it.'), component: z.string().optional().describe('What is reviewed.') },
    },
    async ({ agent, component }) => {
      const session = await workspace.open();
      const text = writeCertificatePrompt({ config: session.config, agent, component, now: new Date() });
      return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
    },
  );
  return server;
}

/**
 * Serves on stdin/stdout. The returned promise settles when the transport is closed; when the client simply closes
 * stdin, the process ends once the calls in flight have answered (nothing else keeps it alive).
 */
export async function serveMcp(options: McpOptions): Promise<void> {
  // stdout carries the protocol: anything else printed there would corrupt it.
  console.log = console.error;
  console.info = console.error;
  const server = createServer(options);
  const closed = new Promise<void>((resolve) => { server.server.onclose = () => resolve(); });
  await server.connect(new StdioServerTransport());
  await closed;
}
