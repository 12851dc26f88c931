/**
 * A certificate's component: its **Component** field, normalised so that `Auth Service`, `auth-service` and
 * `AUTH  SERVICE.` are one component, then mapped by the config's `components` (a canonical name with aliases, or
 * path globs that group every certificate under them whatever their field says).
 */
import type { Config } from '../config/schema';
import { matchesAny } from '../glob';

/** Lower case, punctuation read as a space, whitespace collapsed: the key components are compared by. */
export function componentKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    // `*` and backticks are emphasis and code marks; `_` may be either, or a word separator: read as a space.
    .replace(/[*`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface ComponentName {
  /** The compared key (componentKey of the canonical name). */
  key: string;
  /** What is shown: the config's canonical name, or the field as written. */
  name: string;
}

/**
 * The component of a certificate at `path` whose field reads `field` (undefined: no Component field). Path groups
 * of the config come first (they are the deliberate choice), then aliases; undefined when neither names one.
 */
export function componentOf(config: Config, path: string, field: string | undefined): ComponentName | undefined {
  const groups = config.components;
  for (const [name, group] of Object.entries(groups)) {
    if (group.paths.length && matchesAny(path, group.paths)) return { key: componentKey(name), name };
  }
  const written = field?.replace(/[*_`]/g, '').trim();
  if (!written) return undefined;
  const key = componentKey(written);
  if (!key) return undefined;
  for (const [name, group] of Object.entries(groups)) {
    if (componentKey(name) === key || group.aliases.some((a) => componentKey(a) === key)) return { key: componentKey(name), name };
  }
  return { key, name: written };
}
