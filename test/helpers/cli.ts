/** Runs the real CLI bundle (dist/cli.js) as a process. Tests build it first through `npm test`. */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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

const AS_NOBODY = ['--reuid=nobody', '--regid=nogroup', '--clear-groups'];
let nobodysCli: string | undefined | null;

/**
 * A copy of the built CLI (the bundle, its worker and the server it starts for `lsp`) in a folder every user may
 * enter. The clone itself may sit in a folder only its owner can enter (a 0700 home directory, `mktemp -d`, /root),
 * where `nobody` could not load dist/cli.js. Null when even the copy cannot be run as `nobody` (no setpriv, or the
 * temp folder or node itself is out of its reach).
 */
function cliForNobody(): string | null {
  if (nobodysCli !== undefined) return nobodysCli;
  const dir = mkdtempSync(join(tmpdir(), 'signoff-cli-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['cli.js', 'worker.js', 'server.js']) {
    const from = join(dirname(CLI), name);
    if (existsSync(from)) copyFileSync(from, join(dir, name));
    if (existsSync(join(dir, name))) chmodSync(join(dir, name), 0o644);
  }
  chmodSync(dir, 0o755);
  const cli = join(dir, 'cli.js');
  const probe = spawnSync('setpriv', [...AS_NOBODY, process.execPath, cli, '--version'], { cwd: dir, encoding: 'utf8' });
  nobodysCli = probe.status === 0 ? cli : null;
  return nobodysCli;
}

/**
 * Runs the CLI as the unprivileged user `nobody` (tests run as root, who may write any file), so permission errors
 * are real: a copy of the bundle (cliForNobody), wherever the clone is. Undefined when that is impossible here (not
 * root, no setpriv, or `nobody` cannot reach a temp folder or node).
 */
export function runCliAsNobody(args: string[], opts: { cwd?: string } = {}): CliRun | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node esbuild.mjs\` (npm test does it first)`);
  const cli = cliForNobody();
  if (!cli) return undefined;
  // Never the test's own working directory (the clone, maybe private): the workspace, else the copy's folder.
  const r = spawnSync('setpriv', [...AS_NOBODY, process.execPath, cli, ...args], { cwd: opts.cwd ?? dirname(cli), encoding: 'utf8', env: { ...process.env, HOME: '/tmp', NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** uid/gid of `nobody` (what files must belong to for runCliAsNobody to write them). */
export const NOBODY = { uid: 65534, gid: 65534 };
