/**
 * The outside world, as the core sees it. The CLI implements it with node:fs, git and child processes; the
 * language server implements it on top of the same (plus the editor's unsaved buffers). Everything here is
 * workspace-relative with `/` separators unless it says otherwise, so the core never builds OS paths.
 */
export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile: boolean;
  isDirectory: boolean;
  /** Set for a FIFO, socket or device ("a FIFO"): such a file is reported as not a regular file, never opened. */
  special?: string;
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

import type { ChangeSet } from './evidence/history-types';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** What checking a seal needs from outside the pure core (src/node/seal-host.ts implements it). */
export interface SealHost {
  /** SHA-256 of the UTF-8 bytes of `text`, lowercase hex. */
  sha256(text: string): string;
  /** Checks an SSHSIG signature over `message` with `ssh-keygen -Y verify` (src/node/seal-host.ts). */
  verifySignature(request: SignatureRequest): Promise<SignatureCheck>;
  /**
   * The allowed-signers file in effect for `seal.allowedSigners` as configured (else git's
   * gpg.ssh.allowedSignersFile), or undefined when there is none: with one, an unsigned seal is a downgrade.
   */
  allowedSignersInEffect?(configured: string | undefined): Promise<string | undefined>;
}

export interface SignatureRequest {
  message: string;
  /** The armored signature (`-----BEGIN SSH SIGNATURE-----` ...). */
  signature: string;
  /** The certificate's Agent: the principal the signer's key must be allowed for. */
  principal: string;
  namespace: string;
  /** `seal.allowedSigners` as configured (workspace-relative or absolute); the host falls back to git's setting. */
  allowedSigners?: string;
}

export type SignatureCheck =
  | { status: 'valid'; key: string; allowedSigners: string }
  /** The signature is good but its key is not allowed for the principal (`principals`: who it is allowed for). */
  | { status: 'not-allowed'; key: string; principals: string[]; allowedSigners: string }
  | { status: 'invalid'; reason: string }
  /** Nothing to verify against (no allowed-signers file, no ssh-keygen). */
  | { status: 'unavailable'; reason: string };

export interface Host {
  /** Reads a file under the workspace root. Undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Stats a file under the workspace root; undefined when missing. */
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * The canonical workspace-relative path after resolving `..` and symlinks; undefined when the target lies
   * outside every workspace root or does not exist.
   */
  realPath(path: string): Promise<string | undefined>;
  /**
   * Why `path` cannot be reached when symbolic links are the cause: 'loop', or 'outside' (a link on the way leads
   * out of the workspace). Undefined when it is simply missing, or the host cannot tell. Optional.
   */
  linkProblem?(path: string): Promise<'loop' | 'outside' | undefined>;
  /** Every file of the workspace (honouring .gitignore and the configured excludes), relative paths. */
  listFiles(): Promise<string[]>;
  /**
   * Listed files that .gitignore rules cover (tracked copies under a folder ignored since, such as an archive): they
   * resolve when cited exactly but never make a suffix match ambiguous. Optional; asked only when a name matches
   * several files.
   */
  ignoredFiles?(): Promise<ReadonlySet<string>>;
  /**
   * Names of the entries of a workspace directory (not recursive, ignores and excludes not applied: for folders
   * such as `.signoff/runs` that are never indexed). Undefined when it does not exist, or the host cannot list.
   */
  listDirectory?(path: string): Promise<string[] | undefined>;
  /**
   * Stats a file and reads it only when it is at most `maxBytes` long, in one go (one symlink resolution, one open):
   * what evidence needs for each cited file. Undefined when missing, unreadable or outside the roots. Optional:
   * without it the core calls stat() then readFile().
   */
  readFileCapped?(path: string, maxBytes: number): Promise<{ stat: FileStat; bytes?: Uint8Array } | undefined>;
  /**
   * Runs a program without a shell (`git`, `bash -n`, `python3`), with stdin and a timeout in ms. Undefined when
   * the host cannot run processes (then rules that need one say their check was skipped). `maxOutput` caps the
   * captured stdout/stderr in bytes (optional; the host's default applies otherwise).
   */
  exec?(command: string, args: string[], options: { stdin?: string; timeoutMs: number; cwd?: string; maxOutput?: number }): Promise<ProcessResult>;
  /** Hashing and signature checks for sealed certificates; without it the seal rules say nothing. */
  seal?: SealHost;
  /** The change under review (`check --changed-since REF`): what `evidence-changed` reports against. */
  readonly changeSet?: ChangeSet;
  /** Current time; injectable for tests of date rules. */
  now(): Date;
  log(level: LogLevel, message: string): void;
}
