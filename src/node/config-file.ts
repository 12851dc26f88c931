/**
 * Reading `.signoff.json` on Node: its `extends` entries resolved against the file's folder, a relative path
 * (`./base.json`, `../shared/signoff.json`) as a file, anything else as a package (`@acme/signoff-config`, or a
 * file in one: `@acme/signoff-config/strict.json`) found through node_modules from that folder, like `require`.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseConfig, type LoadedConfig } from '../core/index';
import type { ExtendsResolver } from '../core/config/extends';

export function extendsResolver(configFile: string): ExtendsResolver {
  const dir = path.dirname(path.resolve(configFile));
  return (spec) => {
    let file: string;
    if (spec.startsWith('./') || spec.startsWith('../') || path.isAbsolute(spec)) file = path.resolve(dir, spec);
    else {
      try {
        file = createRequire(path.join(dir, 'noop.js')).resolve(spec);
      } catch {
        return `cannot find the package "${spec}" from ${dir}`;
      }
    }
    const read = readConfigText(file);
    return 'text' in read ? { text: read.text, source: file, resolver: extendsResolver(file) } : `cannot read ${spec} (${read.error})`;
  };
}

export const NOT_REGULAR = 'not a regular file';

/**
 * A configuration file's text (`.signoff.json` and what it extends), read only when it is a regular file: a FIFO
 * of that name would block the read forever. Otherwise why not: an error code (`ENOENT`) or NOT_REGULAR.
 */
export function readConfigText(file: string): { text: string } | { error: string } {
  try {
    if (!statSync(file).isFile()) return { error: NOT_REGULAR };
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: String((e as NodeJS.ErrnoException).code ?? e) };
  }
}

/** parseConfig with `extends` followed from the file's folder. */
export function parseConfigFile(text: string | undefined, configFile: string): LoadedConfig {
  return parseConfig(text, extendsResolver(configFile));
}
