/**
 * A short program fed on stdin, its output collected (the snippet syntax check, `ssh-keygen -Y sign`): never a
 * shell, killed after a time limit, and a program that cannot start is a result (code null), not an exception.
 */
import { spawn } from 'node:child_process';

export interface PipeResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function pipeThrough(command: string, args: string[], stdin: string, options: { cwd?: string; timeoutMs: number }): Promise<PipeResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: null, signal: null, stdout: '', stderr: (e as Error).message });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(stdin);
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: null, signal: null, stdout, stderr: stderr || e.message }); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}
