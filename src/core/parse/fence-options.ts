/**
 * Snippet options in a fence's info string, in the style of Runme and mechanical-markdown: ```` ```bash {exit=1} ````,
 * `{cwd=src timeout=30}`, `{env=.env.staging, stderr}`. Only a `{...}` group after the language is read; other info
 * text (`title="x"`) is left alone. Options are `key=value` or bare `key`, separated by spaces or commas; values may
 * be quoted. An unknown key or a bad value is a problem (reported by checklist-snippet-option), never a crash.
 */
import type { SnippetOptionsInfo } from '../../protocol/index';

/** The options (documented on SnippetOptionsInfo, the form the editor and the runner receive). */
export type SnippetOptions = SnippetOptionsInfo;

/** The longest timeout a snippet, `--timeout` or `run.timeout` may ask for: 24 hours, in seconds. */
export const MAX_TIMEOUT_S = 24 * 60 * 60;

export const SNIPPET_OPTION_KEYS = ['exit', 'cwd', 'timeout', 'env', 'stderr', 'skip', 'manual'] as const;

export interface FenceOptionProblem {
  message: string;
  /** Offset of the offending option within the meta string. */
  start: number;
  end: number;
}

export interface ParsedFenceOptions {
  options: SnippetOptions;
  problems: FenceOptionProblem[];
  /** Offsets of the `{...}` group within the meta string, when there is one. */
  group?: { start: number; end: number };
}

const FLAGS = new Set(['stderr', 'skip', 'manual']);

export function parseFenceOptions(meta: string | null | undefined): ParsedFenceOptions {
  const options: SnippetOptions = {};
  const problems: FenceOptionProblem[] = [];
  if (!meta) return { options, problems };
  const open = meta.indexOf('{');
  if (open < 0) return { options, problems };
  const close = meta.indexOf('}', open);
  const end = close < 0 ? meta.length : close;
  if (close < 0) problems.push({ message: 'the option group `{` is not closed with `}`', start: open, end: meta.length });
  const body = meta.slice(open + 1, end);
  // key, then optional =value (quoted or bare up to a space/comma)
  const ITEM = /([^\s,=]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|[^\s,]*))?/g;
  for (let m = ITEM.exec(body); m; m = ITEM.exec(body)) {
    const start = open + 1 + m.index;
    const at = { start, end: start + m[0].length };
    const key = m[1].toLowerCase();
    const hasValue = m[2] !== undefined;
    const value = m[3] ?? m[4] ?? m[2] ?? '';
    const bad = (message: string) => problems.push({ message, ...at });
    if (!(SNIPPET_OPTION_KEYS as readonly string[]).includes(key)) {
      bad(`unknown snippet option \`${m[1]}\` (known: ${SNIPPET_OPTION_KEYS.join(', ')})`);
      continue;
    }
    if (FLAGS.has(key)) {
      if (hasValue && !/^(true|false)$/i.test(value)) { bad(`\`${key}\` is a flag: write \`{${key}}\``); continue; }
      (options as Record<string, boolean>)[key] = !hasValue || value.toLowerCase() === 'true';
      continue;
    }
    if (!hasValue || value === '') { bad(`\`${key}\` needs a value: \`{${key}=…}\``); continue; }
    if (key === 'exit') {
      if (!/^\d{1,3}$/.test(value) || Number(value) > 255) { bad(`\`exit\` takes an exit code 0-255, not \`${value}\``); continue; }
      options.exit = Number(value);
    } else if (key === 'timeout') {
      const n = Number(value.replace(/s$/i, ''));
      if (!Number.isFinite(n) || n <= 0) { bad(`\`timeout\` takes seconds above 0, not \`${value}\``); continue; }
      if (n > MAX_TIMEOUT_S) { bad(`\`timeout\` is at most ${MAX_TIMEOUT_S} seconds (24 hours), not \`${value}\``); continue; }
      options.timeout = n;
    } else if (key === 'cwd' || key === 'env') {
      if (/^([\\/]|[A-Za-z]:)/.test(value) || value.split(/[\\/]/).includes('..')) { bad(`\`${key}\` must be a path inside the workspace, not \`${value}\``); continue; }
      options[key] = value;
    }
  }
  return { options, problems, group: { start: open, end: close < 0 ? meta.length : close + 1 } };
}
