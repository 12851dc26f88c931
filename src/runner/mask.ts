/**
 * Secrets never land in run records or diagnostics. What is masked (replaced by `[masked]`, or `[masked:NAME]` for an
 * environment variable's value):
 *
 * - the value of every environment variable of the run (the process environment and a snippet's `{env=…}` file)
 *   whose name contains TOKEN, SECRET, PASSWORD, PASSWD, KEY or CREDENTIAL, when the value is 6+ characters;
 * - strings shaped like credentials: OpenAI-style `sk-…`, GitHub `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_`/`github_pat_`,
 *   AWS access key ids `AKIA…`/`ASIA…`, Slack `xox[abprs]-…`, JWTs (`eyJ….eyJ….…`), PEM private key blocks;
 * - the value after `token=`, `password=`, `secret=`, `api_key=`, `apikey=`, `access_token=` (also `:` and quotes)
 *   when it is 16+ characters of hex or base64.
 *
 * The output hash in the record is over the unmasked output, so it still identifies exactly what ran.
 */

import { SECRET_NAME } from '../core/runs/inputs';
const MIN_ENV_VALUE = 6;

const SHAPES: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{16,}/g,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];
const ASSIGNED = /\b((?:access_|refresh_|api_?|auth_?)?(?:token|password|passwd|secret|key|apikey)["']?\s*[=:]\s*["']?)([A-Fa-f0-9]{16,}|[A-Za-z0-9+/_-]{16,}={0,2})/gi;

export const MASK = '[masked]';

/** The secret values of an environment, longest first (so a value containing another is masked whole). */
export function secretValues(env: Record<string, string | undefined>): { name: string; value: string }[] {
  return Object.entries(env)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && SECRET_NAME.test(e[0]) && e[1].length >= MIN_ENV_VALUE)
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value.length - a.value.length);
}

export class SecretMasker {
  private readonly values: { name: string; value: string }[];
  constructor(env: Record<string, string | undefined> = {}) {
    this.values = secretValues(env);
  }

  mask(text: string): string {
    if (!text) return text;
    let out = text;
    for (const { name, value } of this.values) if (out.includes(value)) out = out.split(value).join(`[masked:${name}]`);
    for (const re of SHAPES) out = out.replace(re, MASK);
    out = out.replace(ASSIGNED, (_m, lead: string) => `${lead}${MASK}`);
    return out;
  }
}
