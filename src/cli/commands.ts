/** Sub-commands other than `check`, registered by name (run, lsp). */
import * as path from 'node:path';
import type { CliIO } from './io';
import { UsageError } from './io';
import { runCommand } from './run';
import { sealCommand } from './seal';
import { verifyCommand } from './verify';
import { attestCommand } from './attest';
import { statusCommand } from './status';

export type SubCommand = (argv: string[], io: CliIO) => Promise<number>;

export const COMMANDS: Record<string, SubCommand> = {
  /** Runs a checklist's phase checks (src/cli/run.ts). */
  run: runCommand,
  /** Sealed certificates (src/cli/seal.ts, verify.ts, attest.ts; docs/sealing.md). */
  seal: sealCommand,
  verify: verifyCommand,
  attest: attestCommand,
  /** The review ledger: each component's current review, its freshness, and a merge gate (src/cli/status.ts, STATUS_OPTIONS). */
  status: statusCommand,
  /** The same language server the extension uses, for any LSP client; it lives in its own bundle. */
  lsp: async (argv) => {
    if (!argv.includes('--stdio')) throw new UsageError('lsp needs --stdio (the only transport offered)');
    // The server bundle sits next to this one; it reads --stdio from process.argv.
    require(path.join(__dirname, 'server.js'));
    return new Promise<number>(() => { /* runs until the client exits the process */ });
  },
};
