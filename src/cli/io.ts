/** What a CLI command may touch besides the file system: its streams, cwd, env and a terminal to ask on. */
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
