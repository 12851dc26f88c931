/** What a CLI command may touch besides the file system: its streams, cwd, env and a terminal to ask on. */
import { escapeControl } from '../core/text/sanitize';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdin is a terminal a question can be asked on. */
  isInteractive: boolean;
  /** Reads one line from the terminal (only called when isInteractive). */
  ask?: (question: string) => Promise<string>;
  /** Reads stdin to its end (`check -`). */
  readStdin?: () => Promise<Uint8Array>;
}

/** A usage or internal error: exit code 2 with a one-line message. */
export class UsageError extends Error {}

/**
 * One line for stderr, `signoff: MESSAGE`: the message carries file names and document or config text, so its
 * control characters are escaped (no line break, no `::` workflow command, no terminal escape).
 */
export function errorLine(message: string): string {
  return `signoff: ${escapeControl(message)}\n`;
}
