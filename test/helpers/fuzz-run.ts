/**
 * Runs test/helpers/fuzz-child.ts in a child process under a watchdog: when the child does not finish in time it
 * is killed and `timedOut` is set, so a hang fails the test (naming the last case started) instead of hanging it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CHILD = join(__dirname, 'fuzz-child.ts');

export function runFuzzChild(args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--stack-size=2000', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-50_000); });
    child.stderr.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-50_000); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out, timedOut }); });
  });
}

/** The last `case ...` line: what the child was doing when it died or hung. */
export const lastCase = (out: string) => out.split('\n').filter((l) => l.startsWith('case ')).pop() ?? '(none started)';

/** The child's `RESULT {json}` lines. */
export const results = <T = Record<string, unknown>>(out: string) => out.split('\n').filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)) as T);
