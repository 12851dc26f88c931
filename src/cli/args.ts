/**
 * Strict argv parsing with node:util's parseArgs: unknown flags, missing values and values given to switches are
 * usage errors (exit 2) with a one-line message, never silently ignored. `--help`/`-h` (before a `--`) asks for the
 * command's help instead: parseArgs throws HelpRequest with the declared options, and main.ts prints the help built
 * from them (help.ts), so an option is in `--help` the moment it is declared.
 */
import { parseArgs as parseArgv } from 'node:util';
import { UsageError } from './io';
import { escapeControl } from '../core/text/sanitize';

export type FlagType = 'boolean' | 'string' | 'string[]';

/** An option with what `--help` says of it: `arg` names its value (`--timeout S`), `description` is one line. */
export interface OptionSpec {
  type: FlagType;
  arg?: string;
  description?: string;
}

export interface FlagSpec {
  [name: string]: FlagType | OptionSpec;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | string[] | boolean | undefined>;
}

/** Thrown for `--help`: carries the options the command declared. */
export class HelpRequest extends Error {
  constructor(readonly spec: FlagSpec) {
    super('help');
  }
}

export function typeOf(option: FlagType | OptionSpec): FlagType {
  return typeof option === 'string' ? option : option.type;
}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h')) throw new HelpRequest(spec);
  const options: Record<string, { type: 'boolean' | 'string'; multiple?: boolean }> = {};
  for (const [name, option] of Object.entries(spec)) {
    const kind = typeOf(option);
    options[name] = kind === 'string[]' ? { type: 'string', multiple: true } : { type: kind };
  }
  try {
    const { values, positionals } = parseArgv({ args: argv, options, strict: true, allowPositionals: true });
    return { positionals, flags: values as ParsedArgs['flags'] };
  } catch (e) {
    // The message quotes what was typed: escaped, so a crafted argument cannot move the terminal.
    throw new UsageError(escapeControl(usageMessage(e as NodeJS.ErrnoException, argv, spec)));
  }
}

/** parseArgs's errors in our words: `unknown option --x (did you mean --y?)`, `--x needs a value`, `--x takes no value`. */
function usageMessage(e: NodeJS.ErrnoException, argv: string[], spec: FlagSpec): string {
  const named = /'(-{1,2}[^' =]+)/.exec(e.message)?.[1];
  const name = named?.replace(/^-+/, '');
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = name ? nearest(name, Object.keys(spec)) : undefined;
    return `unknown option ${named ?? e.message}${near ? ` (did you mean --${near}?)` : ''}; see --help`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name && spec[name]) {
    return typeOf(spec[name]) === 'boolean' ? `--${name} takes no value` : `--${name} needs a value`;
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${argv.find((a) => !a.startsWith('-')) ?? ''}`.trim();
  return e.message.split('\n')[0];
}

/** The candidate closest to `word` by edit distance, when close enough to be what was meant (or a prefix of it). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 3 ? 1 : distance(word, c);
    if (!best || d < best.d) best = { name: c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}

/** Levenshtein distance (one row). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

export function intFlag(value: unknown, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number of at least ${min}, not "${value}"`);
  return n;
}
