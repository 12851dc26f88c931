/**
 * The CLI as a function: run(argv, io) -> exit code. 0: no errors (and warnings within --max-warnings);
 * 1: problems found (or a NO-GO run); 2: usage or internal error, reported in one line; 3: a run PENDING review.
 */
import * as path from 'node:path';
import { parseArgs, intFlag } from './args';
import { runCheck } from './check';
import { formatText } from './formatters/text';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatGithub } from './formatters/github';
import { formatJunit } from './formatters/junit';
import { formatGitlab } from './formatters/gitlab';
import { summarize } from './formatters/summary';
import { UsageError, type CliIO } from './io';
import { COMMANDS, type SubCommand } from './commands';
import { formatKindsJson, formatKindsText, skippedMessage } from './kinds';

export const VERSION = '0.1.0';

const FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab'];

const USAGE = `Usage:
  signoff check [PATH|GLOB ...] [--root DIR] [--config FILE] [--format text|json|sarif|github|junit|gitlab]
                [--changed-since REF | --staged] [--max-warnings N] [--fix] [--explain-kinds]
  signoff run CHECKLIST [--phase N ...] [--timeout S] [--stop-on-failure] [--yes] [--format text|json|junit] [--root DIR] [--config FILE]
  signoff seal CERT... [--key SSH_PRIVATE_KEY] [--root DIR] [--config FILE]
  signoff verify CERT... [--allowed-signers FILE] [--format text|json] [--root DIR] [--config FILE]
  signoff attest CERT [--root DIR] [--config FILE]
  signoff lsp --stdio
  signoff --version | --help
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(VERSION + '\n');
      return 0;
    }
    if (command === 'check') return await check(rest, io);
    const extra: SubCommand | undefined = COMMANDS[command];
    if (extra) return await extra(rest, io);
    throw new UsageError(`unknown command "${command}" (try: signoff --help)`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`signoff: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr(`signoff: internal error: ${(err?.message ?? String(e)).split('\n')[0]}\n`);
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
    fix: 'boolean',
    cache: 'boolean',
    'cache-location': 'string',
    color: 'boolean',
    'no-color': 'boolean',
    'changed-since': 'string',
    staged: 'boolean',
    'explain-kinds': 'boolean',
  });
  if (flags['changed-since'] !== undefined && flags.staged) throw new UsageError('--changed-since and --staged do not go together (--staged compares the index with HEAD)');
  const format = (flags.format as string | undefined) ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}, not "${format}"`);
  const maxWarnings = intFlag(flags['max-warnings'], 'max-warnings', 0);
  const root = path.resolve(io.cwd, (flags.root as string | undefined) ?? '.');
  const result = await runCheck(
    {
      root,
      configPath: flags.config ? path.resolve(io.cwd, flags.config as string) : undefined,
      paths: positionals,
      fix: !!flags.fix,
      cache: !!flags.cache,
      cacheLocation: flags['cache-location'] ? path.resolve(io.cwd, flags['cache-location'] as string) : undefined,
      version: VERSION,
      changes: flags.staged ? { staged: true } : flags['changed-since'] !== undefined ? { since: flags['changed-since'] as string } : undefined,
      explainKinds: !!flags['explain-kinds'],
    },
    io,
  );
  if (result.kinds) {
    io.stdout(format === 'json' ? formatKindsJson(result.kinds) : formatKindsText(result.kinds));
    return 0;
  }
  if (format !== 'json') for (const s of result.skipped) io.stderr(skippedMessage(s));
  if (format === 'json') {
    io.stdout(formatJson(result));
    for (const f of result.configFindings.findings) io.stderr(`signoff: ${result.configFindings.path}:${f.start.line}:${f.start.column}: ${f.message}\n`);
  } else if (format === 'sarif') io.stdout(formatSarif(result, VERSION));
  else if (format === 'github') io.stdout(formatGithub(result, io.cwd));
  else if (format === 'junit') io.stdout(formatJunit(result));
  else if (format === 'gitlab') io.stdout(formatGitlab(result, io.cwd));
  else {
    const color = !!flags.color || (!flags['no-color'] && !io.env.NO_COLOR && !io.env.CI && io.isInteractive);
    io.stdout(formatText(result, color));
  }
  const s = summarize(result);
  if (s.errors > 0 || result.configFindings.findings.length > 0) return 1;
  if (maxWarnings !== undefined && s.warnings > maxWarnings) {
    if (format === 'text') io.stdout(`too many warnings: ${s.warnings} (--max-warnings ${maxWarnings})\n`);
    return 1;
  }
  return 0;
}
