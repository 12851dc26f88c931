/** Parses `.signoff.json` text into a Config; a broken file yields the defaults plus a finding on that file. */
import { ConfigSchema, DEFAULT_CONFIG, type Config } from './schema';
import type { Finding } from '../types';
import { LineIndex } from '../text/line-index';
import { unknownRuleFindings } from './unknown-rules';

export const CONFIG_FILE = '.signoff.json';

export interface LoadedConfig {
  config: Config;
  /** Findings about the config file itself (rule id `config-invalid`). */
  findings: Finding[];
}

export function parseConfig(text: string | undefined): LoadedConfig {
  if (text === undefined) return { config: DEFAULT_CONFIG, findings: [] };
  const lines = new LineIndex(text);
  const at = (offset: number, message: string): Finding => {
    const start = lines.positionAt(offset);
    return { ruleId: 'config-invalid', severity: 'error', message, span: { start: offset, end: offset }, start, end: start };
  };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    return { config: DEFAULT_CONFIG, findings: [at(pos ? Number(pos[1]) : 0, `${CONFIG_FILE} is not valid JSON (${msg}); the defaults apply.`)] };
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
  return { config: result.data, findings: unknownRuleFindings(result.data, text, lines, CONFIG_FILE) };
}
