/** Parses `.signoff.json` text into a Config; a broken file yields the defaults plus a finding on that file. */
// jsonc-parser's package main is a UMD build whose inner requires esbuild cannot follow; its ES module build bundles.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { ConfigSchema, DEFAULT_CONFIG, type Config } from './schema';
import { resolveExtends, type ExtendsResolver } from './extends';
import type { Finding } from '../types';
import { LineIndex } from '../text/line-index';
import { unknownRuleFindings } from './unknown-rules';

export const CONFIG_FILE = '.signoff.json';

export interface LoadedConfig {
  config: Config;
  /** Findings about the config file itself (rule id `config-invalid`). */
  findings: Finding[];
  /** The configuration with `extends` merged in, as JSON text (see parseConfig); absent with the defaults. */
  effectiveText?: string;
}

/** Configuration text Signoff reads at most per file: a larger one is not read (a finding says so, the defaults apply). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A configuration file over MAX_CONFIG_BYTES: the defaults, visibly. */
export function configTooLarge(size: number): LoadedConfig {
  const start = { line: 1, column: 1 };
  const message = `${CONFIG_FILE} is ${size} bytes, over the ${MAX_CONFIG_BYTES / (1024 * 1024)} MiB cap for a configuration file: not read; the defaults apply.`;
  return { config: DEFAULT_CONFIG, findings: [{ ruleId: 'config-invalid', severity: 'error', message, span: { start: 0, end: 0 }, start, end: start }] };
}

/**
 * `text` is JSONC (comments and trailing commas allowed). `extends` is followed through `resolver` (the Node side
 * reads files and packages); without one, `extends` is an error. `effectiveText` is the merged configuration as
 * JSON (what CLI workers and the cache key get), or `text` itself when nothing was merged.
 */
export function parseConfig(text: string | undefined, resolver?: ExtendsResolver): LoadedConfig {
  if (text === undefined) return { config: DEFAULT_CONFIG, findings: [] };
  const lines = new LineIndex(text);
  const at = (offset: number, message: string): Finding => {
    const start = lines.positionAt(offset);
    return { ruleId: 'config-invalid', severity: 'error', message, span: { start: offset, end: offset }, start, end: start };
  };
  const parsed = parseText(text.replace(/^\uFEFF/, ''));
  if ('error' in parsed) return { config: DEFAULT_CONFIG, findings: [at(parsed.offset, `${CONFIG_FILE} is not valid JSON (${parsed.error}); the defaults apply.`)] };
  let json = parsed.value;
  let effectiveText: string | undefined;
  if (json && typeof json === 'object' && !Array.isArray(json) && 'extends' in json) {
    const merged = resolveExtends(json as Record<string, unknown>, resolver, parseText);
    if ('error' in merged) return { config: DEFAULT_CONFIG, findings: [at(Math.max(0, text.indexOf('"extends"')), `${CONFIG_FILE}: extends: ${merged.error}; the defaults apply.`)] };
    json = merged.value;
    effectiveText = JSON.stringify(json);
  }
  const result = ConfigSchema.safeParse(json);
  if (!result.success) {
    const findings = result.error.issues.slice(0, 20).map((issue) => {
      const path = issue.path.join('.');
      const key = issue.path[issue.path.length - 1];
      const offset = key === undefined ? 0 : Math.max(0, text.indexOf(JSON.stringify(String(key))));
      return at(offset, `${CONFIG_FILE}: ${path ? path + ': ' : ''}${issue.message}; the defaults apply.`);
    });
    return { config: DEFAULT_CONFIG, findings };
  }
  return { config: result.data, findings: unknownRuleFindings(result.data, text, lines, CONFIG_FILE), effectiveText: effectiveText ?? text };
}

/** Nesting a configuration never needs; deeper text is refused before parsing (the parse and merge recurse). */
export const MAX_CONFIG_NESTING = 64;

/** Where `[`/`{` first nest deeper than `max` (strings and comments skipped), or -1. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '{' || c === '[') {
      if (++depth > max) return i;
    } else if (c === '}' || c === ']') depth--;
  }
  return -1;
}

/** JSONC text to a value, or the first syntax error and where it is. */
function parseText(text: string): { value: unknown } | { error: string; offset: number } {
  const deep = tooDeepAt(text, MAX_CONFIG_NESTING);
  if (deep >= 0) return { error: `nested more than ${MAX_CONFIG_NESTING} levels deep at offset ${deep}`, offset: deep };
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) return { error: `${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`, offset: errors[0].offset };
  return { value };
}
