/**
 * Sub-commands other than `check`, registered by name (run, lsp). Each parses its options with args.ts parseArgs,
 * which answers `--help` from the declared options (help.ts: add the command's summary, usage and examples there).
 */
import * as path from 'node:path';
import type { CliIO } from './io';
import { UsageError } from './io';
import { runCommand } from './run';
import { sealCommand } from './seal';
import { verifyCommand } from './verify';
import { attestCommand } from './attest';
import { rulesCommand } from './rules';
import { initCommand } from './init';
import { HelpRequest } from './args';
import { mcpCommand } from './mcp';
import { statusCommand } from './status';

export type SubCommand = (argv: string[], io: CliIO) => Promise<number>;

export const COMMANDS: Record<string, SubCommand> = {
  /** Runs a checklist's phase checks (src/cli/run.ts). */
  run: runCommand,
  /** Sealed certificates (src/cli/seal.ts, verify.ts, attest.ts; docs/sealing.md). */
  seal: sealCommand,
  verify: verifyCommand,
  attest: attestCommand,
  /** The rule list and a starter configuration (src/cli/rules.ts, init.ts). */
  rules: rulesCommand,
  init: initCommand,
  /** The review ledger: each component's current review, its freshness, and a merge gate (src/cli/status.ts, STATUS_OPTIONS). */
  status: statusCommand,
  /** The same language server the extension uses, for any LSP client; it lives in its own bundle. */
  lsp: async (argv) => {
    // Not parsed strictly: LSP clients may add arguments of their own (--clientProcessId=N), which the server reads.
    if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequest({ stdio: 'boolean' });
    if (!argv.includes('--stdio')) throw new UsageError('lsp needs --stdio (the only transport offered)');
    // The server bundle sits next to this one; it reads --stdio from process.argv.
    require(path.join(__dirname, 'server.js'));
    return new Promise<number>(() => { /* runs until the client exits the process */ });
  },
  /** The Model Context Protocol server for AI agents (src/cli/mcp.ts, src/mcp/; docs/agents.md). */
  mcp: mcpCommand,
};
