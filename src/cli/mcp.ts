/**
 * `signoff mcp [--root DIR] [--config FILE] [--allow-write]`: the Model Context Protocol server over stdio. It lives
 * in its own bundle (dist/mcp.js, with the MCP SDK), loaded only by this command, so `signoff check` starts as fast
 * as before.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from './args';
import { UsageError, type CliIO } from './io';
import { findRoot } from './root';
import { VERSION } from './version';
import { escapeControl } from '../core/text/sanitize';

export async function mcpCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { root: 'string', config: 'string', 'allow-write': 'boolean' });
  if (positionals.length) throw new UsageError(`mcp takes no paths (got ${escapeControl(positionals[0])}): it serves the workspace root, --root DIR or the current directory`);
  const root = findRoot(io.cwd, flags.root as string | undefined);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`root is not a directory: ${escapeControl(root)}`);
  // Started by hand in a terminal: say what it is waiting for (an MCP client speaks on stdin, not a person).
  if (io.isInteractive) io.stderr(`signoff mcp: serving ${escapeControl(root)} over stdio for an MCP client (see docs/agents.md); Ctrl+C stops it\n`);
  const { serveMcp } = require(path.join(__dirname, 'mcp.js')) as typeof import('../mcp/server');
  await serveMcp({ root, configPath: flags.config ? path.resolve(io.cwd, flags.config as string) : undefined, allowWrite: !!flags['allow-write'], version: VERSION });
  return 0;
}
