/**
 * The seal capabilities of the Node host: SHA-256 from node:crypto, and SSHSIG verification by OpenSSH's own
 * `ssh-keygen -Y verify` against an allowed-signers file (the format git uses for `gpg.format=ssh`). Verifying runs
 * nothing but ssh-keygen, so it is allowed in untrusted workspaces; results are memoised (the editor re-checks on
 * every keystroke).
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ProcessResult, SealHost, SignatureCheck, SignatureRequest } from '../core/host';
import { specialKind } from './regular-file';

/** Runs a program (the host's exec, so a host that refuses git in an untrusted workspace refuses it here too). */
export type Exec = (command: string, args: string[], options: { stdin?: string; timeoutMs: number; cwd?: string }) => Promise<ProcessResult>;

const TIMEOUT_MS = 20_000;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class NodeSealHost implements SealHost {
  private readonly memo = new Map<string, Promise<SignatureCheck>>();

  /** `root`: the workspace root that relative `seal.allowedSigners` paths and git's settings are read from. */
  constructor(private readonly root: string, private readonly exec: Exec) {}

  sha256(text: string): string {
    return sha256Hex(text);
  }

  async verifySignature(request: SignatureRequest): Promise<SignatureCheck> {
    const file = await this.allowedSignersFile(request.allowedSigners);
    if (typeof file !== 'string') return file;
    let stamp = '';
    try {
      const s = await fsp.stat(file);
      // ssh-keygen would block on a FIFO (waiting for a writer) or read a device forever: stat'ed first.
      if (!s.isFile()) return { status: 'unavailable', reason: `the allowed-signers file ${file} is not a regular file (${specialKind(s) ?? 'a directory'})` };
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch {
      return { status: 'unavailable', reason: `the allowed-signers file ${file} does not exist` };
    }
    const key = JSON.stringify([request, file, stamp]);
    let hit = this.memo.get(key);
    if (!hit) {
      hit = verifyWithSshKeygen(this.exec, request, file);
      this.memo.set(key, hit);
      if (this.memo.size > 200) this.memo.delete(this.memo.keys().next().value as string);
    }
    return hit;
  }

  async allowedSignersInEffect(configured: string | undefined): Promise<string | undefined> {
    const file = await this.allowedSignersFile(configured);
    return typeof file === 'string' ? file : undefined;
  }

  /** The configured file (relative to the root), else git's gpg.ssh.allowedSignersFile, else why there is none. */
  private async allowedSignersFile(configured: string | undefined): Promise<string | SignatureCheck> {
    if (configured) return path.resolve(this.root, expandHome(configured));
    const git = await this.exec('git', ['config', '--get', '--path', 'gpg.ssh.allowedSignersFile'], { cwd: this.root, timeoutMs: TIMEOUT_MS });
    const fromGit = git.code === 0 ? git.stdout.trim() : '';
    if (fromGit) return path.resolve(this.root, expandHome(fromGit));
    return { status: 'unavailable', reason: 'no allowed-signers file (pass --allowed-signers, set seal.allowedSigners in .signoff.json, or git config gpg.ssh.allowedSignersFile)' };
  }
}

function expandHome(p: string): string {
  return p.startsWith('~/') ? path.join(process.env.HOME ?? '', p.slice(2)) : p;
}

/** `-Y verify` first; when it fails, `-Y check-novalidate` and `-Y find-principals` tell a bad signature from a key not allowed for this Agent. */
async function verifyWithSshKeygen(exec: Exec, request: SignatureRequest, allowedSigners: string): Promise<SignatureCheck> {
  const dir = await fsp.mkdtemp(path.join(tmpdir(), 'signoff-sig-'));
  const sigFile = path.join(dir, 'seal.sig');
  try {
    await fsp.writeFile(sigFile, request.signature);
    const opts = { cwd: dir, timeoutMs: TIMEOUT_MS, stdin: request.message };
    const verify = await exec('ssh-keygen', ['-Y', 'verify', '-f', allowedSigners, '-I', request.principal, '-n', request.namespace, '-s', sigFile], opts);
    if (verify.code === null) return { status: 'unavailable', reason: verify.timedOut ? 'ssh-keygen timed out' : `ssh-keygen could not be run (${firstLine(verify.stderr)})` };
    if (verify.code === 0) return { status: 'valid', key: keyOf(verify.stdout + verify.stderr), allowedSigners };
    const raw = await exec('ssh-keygen', ['-Y', 'check-novalidate', '-n', request.namespace, '-s', sigFile], opts);
    if (raw.code !== 0) return { status: 'invalid', reason: firstLine(raw.stderr || verify.stderr) || 'ssh-keygen rejected it' };
    const found = await exec('ssh-keygen', ['-Y', 'find-principals', '-f', allowedSigners, '-s', sigFile], { cwd: dir, timeoutMs: TIMEOUT_MS });
    const principals = found.code === 0 ? found.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
    return { status: 'not-allowed', key: keyOf(raw.stdout + raw.stderr), principals, allowedSigners };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function keyOf(output: string): string {
  return /\b(?:ED25519|RSA|ECDSA|ED25519-SK|ECDSA-SK)\s+key\s+(SHA256:[A-Za-z0-9+/=]+)/i.exec(output)?.[1] ?? /SHA256:[A-Za-z0-9+/=]+/.exec(output)?.[0] ?? 'an unknown key';
}

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}
