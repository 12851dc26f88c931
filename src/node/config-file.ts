/**
 * Reading `.signoff.json` on Node: its `extends` entries resolved against the file's folder, a relative path
 * (`./base.json`, `../shared/signoff.json`) as a file, anything else as a package (`@acme/signoff-config`, or a
 * file in one: `@acme/signoff-config/strict.json`) found through node_modules from that folder, like `require`.
 */
import { readFileSync } from 'node:fs';
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
    try {
      return { text: readFileSync(file, 'utf8'), source: file, resolver: extendsResolver(file) };
    } catch (e) {
      return `cannot read ${spec} (${(e as NodeJS.ErrnoException).code ?? e})`;
    }
  };
}

/** parseConfig with `extends` followed from the file's folder. */
export function parseConfigFile(text: string | undefined, configFile: string): LoadedConfig {
  return parseConfig(text, extendsResolver(configFile));
}
