/**
 * Strict argv parsing with node:util's parseArgs: unknown flags, missing values and values given to switches are
 * usage errors (exit 2) with a one-line message, never silently ignored.
 */
import { parseArgs as parseArgv } from 'node:util';
import { UsageError } from './io';

export interface FlagSpec {
  [name: string]: 'boolean' | 'string' | 'string[]';
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | string[] | boolean | undefined>;
}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const options: Record<string, { type: 'boolean' | 'string'; multiple?: boolean }> = {};
  for (const [name, kind] of Object.entries(spec)) options[name] = kind === 'string[]' ? { type: 'string', multiple: true } : { type: kind };
  try {
    const { values, positionals } = parseArgv({ args: argv, options, strict: true, allowPositionals: true });
    return { positionals, flags: values as ParsedArgs['flags'] };
  } catch (e) {
    throw new UsageError(usageMessage(e as NodeJS.ErrnoException, argv, spec));
  }
}

/** parseArgs's errors in our words: `unknown option --x`, `--x needs a value`, `--x takes no value`. */
function usageMessage(e: NodeJS.ErrnoException, argv: string[], spec: FlagSpec): string {
  const named = /'(-{1,2}[^' =]+)/.exec(e.message)?.[1];
  const name = named?.replace(/^-+/, '');
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${named ?? e.message}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name && spec[name]) {
    return spec[name] === 'boolean' ? `--${name} takes no value` : `--${name} needs a value`;
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${argv.find((a) => !a.startsWith('-')) ?? ''}`.trim();
  return e.message.split('\n')[0];
}

export function intFlag(value: unknown, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number of at least ${min}, not "${value}"`);
  return n;
}
