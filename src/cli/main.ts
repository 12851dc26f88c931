/**
 * The CLI as a function: run(argv, io) -> exit code. 0: no errors (and warnings within --max-warnings);
 * 1: problems found (or a NO-GO run); 2: usage or internal error, reported in one line; 3: a run PENDING review.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { HelpRequest, nearest, parseArgs, intFlag } from './args';
import { runCheck, type CheckResult } from './check';
import { openCliWorkspace } from './workspace';
import { formatText } from './formatters/text';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatGithub } from './formatters/github';
import { formatJunit } from './formatters/junit';
import { formatGitlab } from './formatters/gitlab';
import { formatCompact } from './formatters/compact';
import { summarize } from './formatters/summary';
import { errorLine, UsageError, type CliIO } from './io';
import { COMMANDS, type SubCommand } from './commands';
import { commandHelp, mainHelp } from './help';
import { escapeControl } from '../core/text/sanitize';
import { VERSION } from './version';
import { workspacePath } from '../node/paths';
import { findRoot } from './root';
import { formatKindsJson, formatKindsText, skippedMessage } from './kinds';

export { VERSION };

const FORMATS = ['text', 'compact', 'json', 'sarif', 'github', 'junit', 'gitlab'];

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h') {
      (command ? io.stdout : io.stderr)(mainHelp(['check', ...Object.keys(COMMANDS)]));
      return command ? 0 : 2;
    }
    if (command === 'help') return await run(rest.length ? [rest[0], '--help'] : ['--help'], io);
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(VERSION + '\n');
      return 0;
    }
    if (command === 'check') return await check(rest, io);
    const extra: SubCommand | undefined = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (extra) return await extra(rest, io);
    const near = nearest(command.replace(/^-+/, ''), ['check', ...Object.keys(COMMANDS)]);
    throw new UsageError(`unknown command "${escapeControl(command)}"${near ? ` (did you mean ${near}?)` : ''}; see signoff --help`);
  } catch (e) {
    if (e instanceof HelpRequest) {
      io.stdout(commandHelp(command, e.spec));
      return 0;
    }
    if (e instanceof UsageError) {
      io.stderr(errorLine(e.message.replace(/; see --help$/, `; see signoff ${command} --help`)));
      return 2;
    }
    const err = e as Error;
    io.stderr(errorLine(`internal error: ${(err?.message ?? String(e)).split('\n')[0]}`));
    if (io.env.SIGNOFF_DEBUG) io.stderr(String(err?.stack) + '\n');
    return 2;
  }
}

async function check(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    root: 'string',
    config: 'string',
    format: 'string',
    'max-warnings': 'string',
    quiet: 'boolean',
    'output-file': 'string',
    fix: 'boolean',
    cache: 'boolean',
    'cache-location': 'string',
    'changed-since': 'string',
    staged: 'boolean',
    'stdin-filename': 'string',
    'print-config': 'string',
    color: 'boolean',
    'no-color': 'boolean',
    'explain-kinds': 'boolean',
  });
  if (flags['changed-since'] !== undefined && flags.staged) throw new UsageError('--changed-since and --staged do not go together (--staged compares the index with HEAD)');
  const format = (flags.format as string | undefined) ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}, not "${format}"`);
  const maxWarnings = intFlag(flags['max-warnings'], 'max-warnings', 0);
  const root = findRoot(io.cwd, flags.root as string | undefined);
  const configPath = flags.config ? path.resolve(io.cwd, flags.config as string) : undefined;
  if (flags['print-config'] !== undefined) return printConfig(root, configPath, flags['print-config'] as string, io);
  const stdin = await readStdin(positionals, flags, root, io);
  const result = await runCheck(
    {
      root,
      configPath,
      paths: positionals,
      fix: !!flags.fix,
      cache: !!flags.cache,
      cacheLocation: flags['cache-location'] ? path.resolve(io.cwd, flags['cache-location'] as string) : undefined,
      version: VERSION,
      changes: flags.staged ? { staged: true } : flags['changed-since'] !== undefined ? { since: flags['changed-since'] as string } : undefined,
      stdin,
      explainKinds: !!flags['explain-kinds'],
    },
    io,
  );
  if (result.kinds) {
    io.stdout(format === 'json' ? formatKindsJson(result.kinds) : formatKindsText(result.kinds));
    return 0;
  }
  if (format !== 'json') for (const s of result.skipped ?? []) io.stderr(skippedMessage(s));
  // --quiet: errors only, as if the other findings were not there (ESLint's meaning).
  if (flags.quiet) for (const f of result.files) f.findings = f.findings.filter((x) => x.severity === 'error');
  const outputFile = flags['output-file'] as string | undefined;
  const s = summarize(result);
  const tooMany = maxWarnings !== undefined && s.warnings > maxWarnings;
  let report = formatReport(result, format, io, !!outputFile, flags);
  if (tooMany && format === 'text') report += `too many warnings: ${s.warnings} (--max-warnings ${maxWarnings})\n`;
  if (outputFile) writeReport(path.resolve(io.cwd, outputFile), report);
  else io.stdout(report);
  if (s.errors > 0 || result.configFindings.findings.length > 0) return 1;
  return tooMany ? 1 : 0;
}

function formatReport(result: CheckResult, format: string, io: CliIO, toFile: boolean, flags: Record<string, unknown>): string {
  if (format === 'json') {
    for (const f of result.configFindings.findings) io.stderr(errorLine(`${result.configFindings.path}:${f.start.line}:${f.start.column}: ${f.message}`));
    return formatJson(result);
  }
  if (format === 'sarif') return formatSarif(result, VERSION);
  if (format === 'github') return formatGithub(result, io.cwd);
  if (format === 'junit') return formatJunit(result);
  if (format === 'gitlab') return formatGitlab(result, io.cwd);
  if (format === 'compact') return formatCompact(result);
  return formatText(result, useColor(flags, io.env, io.isInteractive && !toFile));
}

/**
 * --no-color, --color, then NO_COLOR (set: off, the user's standing wish, https://no-color.org), FORCE_COLOR (set
 * and not 0/false: on; test runners and CI tools set it to see colour through pipes), then a terminal outside CI.
 */
export function useColor(flags: Record<string, unknown>, env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  if (flags['no-color']) return false;
  if (flags.color) return true;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return terminal && !env.CI;
}

function writeReport(file: string, report: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, report);
  } catch (e) {
    throw new UsageError(`cannot write ${escapeControl(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** `check -`: the text on stdin, checked as the document at --stdin-filename (default stdin.md at the root). */
async function readStdin(positionals: string[], flags: Record<string, unknown>, root: string, io: CliIO) {
  const named = flags['stdin-filename'] as string | undefined;
  if (!positionals.includes('-')) {
    if (named !== undefined) throw new UsageError('--stdin-filename goes with "-" (read the document from stdin)');
    return undefined;
  }
  if (positionals.length > 1) throw new UsageError('"-" (stdin) is checked alone: give no other paths');
  if (flags.fix) throw new UsageError('--fix does not go with "-": there is no file to write the fixes to');
  if (flags['changed-since'] !== undefined || flags.staged) throw new UsageError('--changed-since and --staged do not go with "-"');
  if (!io.readStdin) throw new UsageError('no stdin to read');
  const rel = workspacePath(root, path.resolve(io.cwd, named ?? path.join(root, 'stdin.md')));
  if (!rel) throw new UsageError(`--stdin-filename ${escapeControl(named ?? '')} is outside the root ${escapeControl(root)} (use --root)`);
  positionals.length = 0;
  return { path: rel, bytes: await io.readStdin() };
}

/** --print-config PATH: the configuration the check of PATH uses (defaults, extends and the file merged), as JSON. */
async function printConfig(root: string, configPath: string | undefined, file: string, io: CliIO): Promise<number> {
  const { engine, config, loaded } = openCliWorkspace(io, { root, config: { file: configPath } });
  const shown = workspacePath(root, loaded.file) ?? loaded.file;
  const configFindings = loaded.findings;
  const rel = workspacePath(root, path.resolve(io.cwd, file));
  if (rel === undefined) throw new UsageError(`${escapeControl(file)} is outside the root ${escapeControl(root)} (use --root)`);
  for (const f of configFindings) io.stderr(errorLine(`${shown}:${f.start.line}:${f.start.column}: ${f.message}`));
  if (!engine.isIncluded(rel)) io.stderr(errorLine(`${rel} is not checked by this configuration (include/exclude), unless named on the command line`));
  io.stdout(JSON.stringify(config, null, 2) + '\n');
  return configFindings.length ? 1 : 0;
}
