/** Runs the real CLI bundle (dist/cli.js) as a process. Tests build it first through `npm test`. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node esbuild.mjs\` (npm test does it first)`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    input: opts.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the CLI as the unprivileged user `nobody` (tests run as root, who may write any file), so permission errors
 * are real. Undefined when that is impossible here (not root, or no setpriv).
 */
export function runCliAsNobody(args: string[], opts: { cwd?: string } = {}): CliRun | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const as = ['--reuid=nobody', '--regid=nogroup', '--clear-groups'];
  if (spawnSync('setpriv', [...as, process.execPath, '-e', '0']).status !== 0) return undefined;
  const r = spawnSync('setpriv', [...as, process.execPath, CLI, ...args], { cwd: opts.cwd, encoding: 'utf8', env: { ...process.env, HOME: '/tmp', NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** uid/gid of `nobody` (what files must belong to for runCliAsNobody to write them). */
export const NOBODY = { uid: 65534, gid: 65534 };
