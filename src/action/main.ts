/**
 * The GitHub Action (action.yml, `runs.using: node20`): bundled with everything it needs into action/index.js,
 * which is committed (the convention of actions/typescript-action), so a job spends no time installing: the runner
 * starts node on the bundle and the check begins. It runs the same CLI as `signoff check` (src/cli/main.ts), in
 * this process, with arguments built from the inputs:
 * - every word of `paths` is a path or glob, passed after `--`: an input can never become an option (`--fix`);
 * - `output` must stay inside the workspace, and is written by the CLI's --output-file;
 * - `changed-since` defaults to the pull request's base branch, fetched when the checkout does not have it.
 * Each CLI command the action runs is one entry of STEPS: an input that runs another command (the review ledger's
 * `signoff status --require`, its markdown into the job summary) is one entry more.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, lstatSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../cli/main';
import type { CliIO } from '../cli/io';
import { escapeControl } from '../core/text/sanitize';

/** What the runner gives the action: inputs as INPUT_<NAME> (upper case, hyphens kept), the GITHUB_* variables. */
export interface Runner {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export function input(runner: Runner, name: string): string {
  return (runner.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A CLI command the action runs: its arguments, or undefined when its inputs ask for nothing. */
export interface Step {
  name: string;
  args: (runner: Runner, workspace: string) => string[] | undefined;
  /** Where its stdout goes: the log (annotations) or the job summary (GITHUB_STEP_SUMMARY, markdown). */
  to: 'log' | 'summary';
}

const STEPS: Step[] = [
  { name: 'check', args: checkArgs, to: 'log' },
  // The review ledger of the components the change touches: into the job summary, gated by `require`.
  { name: 'status', args: (r, w) => (summaryWanted(r) ? statusArgs(r, w) : undefined), to: 'summary' },
  { name: 'status', args: (r, w) => (!summaryWanted(r) && input(r, 'require') ? statusArgs(r, w) : undefined), to: 'log' },
];

/** Runs the steps in order; the exit code is the worst of theirs (2 over 1 over 0). */
export async function main(runner: Runner, steps: readonly Step[] = STEPS): Promise<number> {
  const workspace = runner.env.GITHUB_WORKSPACE || runner.cwd;
  let worst = 0;
  for (const step of steps) {
    let args: string[] | undefined;
    try {
      args = step.args(runner, workspace);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // The runner turns this into an annotation on the workflow.
      runner.stdout(`::error title=signoff::${escapeControl(e.message)}\n`);
      return 2;
    }
    if (!args) continue;
    let summary = '';
    const io: CliIO = {
      stdout: step.to === 'summary' ? (s) => { summary += s; } : runner.stdout,
      stderr: runner.stderr,
      cwd: workspace,
      env: runner.env,
      isInteractive: false,
    };
    const code = await run(args, io);
    if (summary && runner.env.GITHUB_STEP_SUMMARY) appendFileSync(runner.env.GITHUB_STEP_SUMMARY, summary.endsWith('\n') ? summary : summary + '\n');
    worst = Math.max(worst, code);
  }
  return worst;
}

class InputError extends Error {}

function checkArgs(runner: Runner, workspace: string): string[] {
  const scope = scopeArgs(runner, workspace);
  const args = ['check', '--format', input(runner, 'format') || 'github', ...scope.options];
  const maxWarnings = input(runner, 'max-warnings');
  if (maxWarnings) args.push('--max-warnings', maxWarnings);
  const output = input(runner, 'output');
  if (output) args.push('--output-file', insideWorkspace(workspace, output));
  return [...args, ...scope.paths];
}

/**
 * What check and status take alike: the configuration, the change under review, and the paths. Paths are words,
 * each a path or a glob (never expanded here), after `--`, so none can be taken for an option.
 */
function scopeArgs(runner: Runner, workspace: string): { options: string[]; paths: string[] } {
  const options: string[] = [];
  const config = input(runner, 'config');
  if (config) options.push('--config', config);
  const since = changedSince(runner, workspace);
  if (since) options.push('--changed-since', since);
  const paths = input(runner, 'paths').split(/\s+/).filter(Boolean);
  return { options, paths: paths.length ? ['--', ...paths] : [] };
}

/** `summary` is on unless it says false. */
function summaryWanted(runner: Runner): boolean {
  return !/^(false|no|0|off)$/i.test(input(runner, 'summary'));
}

/** `signoff status`: markdown for the job summary (text for the log), `--require` when given, the same paths. */
function statusArgs(runner: Runner, workspace: string): string[] {
  const scope = scopeArgs(runner, workspace);
  const args = ['status', '--format', summaryWanted(runner) ? 'markdown' : 'text', ...scope.options];
  const required = input(runner, 'require');
  if (required) args.push('--require', required);
  return [...args, ...scope.paths];
}

/** `changed-since`, else the pull request's base branch (fetched if the checkout lacks it); `none`: everything. */
function changedSince(runner: Runner, workspace: string): string | undefined {
  const given = input(runner, 'changed-since');
  if (given === 'none') return undefined;
  if (given) return given;
  const base = runner.env.GITHUB_BASE_REF;
  if (!base) return undefined;
  const ref = `origin/${base}`;
  const git = (...a: string[]) => spawnSync('git', a, { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // actions/checkout fetches one ref by default: the base branch may be missing.
  if (git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).status !== 0) {
    const fetched = git('fetch', '--no-tags', '--quiet', 'origin', `+refs/heads/${base}:refs/remotes/origin/${base}`);
    if (fetched.status !== 0) runner.stderr(`signoff: could not fetch the base branch ${escapeControl(base)}: ${escapeControl(fetched.stderr.trim().split('\n')[0] ?? '')}\n`);
  }
  return ref;
}

/** The output file, absolute, when it is inside the workspace (through any symbolic link on the way); else an error. */
function insideWorkspace(workspace: string, file: string): string {
  const root = realpathSync(workspace);
  const abs = path.resolve(workspace, file);
  // A link in the workspace could point anywhere (even nowhere yet): the report is never written through one.
  if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) throw new InputError(`output must not be a symbolic link: ${file}`);
  // The deepest existing folder on the way, with its links resolved, must be the workspace or inside it.
  let dir = path.dirname(abs);
  while (!existsSync(dir)) dir = path.dirname(dir);
  const real = path.join(realpathSync(dir), path.relative(dir, abs));
  const rel = path.relative(root, real);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) throw new InputError(`output must be a file inside the workspace, not ${file}`);
  return real;
}

if (require.main === module) {
  main({ env: process.env, cwd: process.cwd(), stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      process.stdout.write(`::error title=signoff::internal error: ${escapeControl(String((e as Error)?.message ?? e).split('\n')[0])}\n`);
      process.exitCode = 2;
    },
  );
}
