/**
 * The one process spawner of the Node side: git (file list, drift, `--changed-since`), ssh-keygen (seal, verify)
 * and the snippet syntax check all start their programs here, without a shell, with a timeout that kills the whole
 * process group and a cap on captured output. (Running a checklist's snippets is src/runner/exec.ts: it streams,
 * masks and cancels, which these short questions never need.)
 */
import { spawn } from 'node:child_process';
import type { ProcessResult } from '../core/host';

/** Spawns a program without a shell; kills its process group on timeout; caps captured output. */
export function runProcess(
  command: string,
  args: string[],
  options: { stdin?: string; timeoutMs: number; cwd: string; maxOutput?: number; env?: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  const max = options.maxOutput ?? 4 * 1024 * 1024;
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    } catch (e) {
      resolve({ code: null, stdout: '', stderr: String((e as Error).message), timedOut: false });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    child.stdout?.on('data', (d: Buffer) => { if (outLen < max) { out.push(d); outLen += d.length; } });
    child.stderr?.on('data', (d: Buffer) => { if (errLen < max) { err.push(d); errLen += d.length; } });
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: '', stderr: e.message, timedOut: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
    child.stdin?.on('error', () => { /* the program may exit before reading its input */ });
    child.stdin?.end(options.stdin ?? '');
  });
}

function killTree(child: { pid?: number; kill(signal?: NodeJS.Signals): boolean }): void {
  try {
    if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
