/**
 * Reading `.signoff.json` on Node: its `extends` entries resolved against the file's folder, a relative path
 * (`./base.json`, `../shared/signoff.json`) as a file, anything else as a package (`@acme/signoff-config`, or a
 * file in one: `@acme/signoff-config/strict.json`) found through node_modules from that folder, like `require`.
 *
 * A configuration is pull-request content: `extends` reads only files inside the workspace (or the folder of a
 * `--config` file given on the command line) and files of installed packages (under a node_modules folder), each
 * a regular file within MAX_CONFIG_BYTES. A path outside gets one message whether or not a file is there, so a
 * configuration cannot probe the machine.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseConfig, type LoadedConfig } from '../core/index';
import { configTooLarge, MAX_CONFIG_BYTES } from '../core/config/load';
import type { ExtendsResolver } from '../core/config/extends';
import { readRegularFileSync } from './regular-file';
import { insideRoot, toPosix } from './paths';

/**
 * `allowed`: the folders file paths in `extends` may lead into (the workspace root; also an explicit --config
 * file's folder). Undefined: no limit (tests of the resolver alone).
 */
export function extendsResolver(configFile: string, allowed?: readonly string[]): ExtendsResolver {
  const dir = path.dirname(path.resolve(configFile));
  return (spec) => {
    let file: string;
    if (spec.startsWith('./') || spec.startsWith('../') || path.isAbsolute(spec)) {
      file = path.resolve(dir, spec);
      if (allowed && !allowedPath(file, allowed)) return `${spec} is not a file inside the workspace (only those and installed packages are read)`;
    } else {
      try {
        file = createRequire(path.join(dir, 'noop.js')).resolve(spec);
      } catch {
        return `cannot find the package "${spec}" from ${dir}`;
      }
      if (allowed && !inPackage(file)) return `${spec} is not a file of an installed package`;
    }
    const read = readConfigText(file);
    return 'text' in read ? { text: read.text, source: file, resolver: extendsResolver(file, allowed) } : `cannot read ${spec} (${read.error})`;
  };
}

/**
 * Inside an allowed folder lexically and after symbolic links: the deepest part of the path that exists decides
 * where it really is (a missing file inside says ENOENT later); a link that leads nowhere is refused like one
 * that leads outside, so nothing tells whether a file outside exists.
 */
function allowedPath(file: string, allowed: readonly string[]): boolean {
  if (!allowed.some((root) => insideRoot(root, file))) return false;
  for (let p = file; ; p = path.dirname(p)) {
    try {
      const real = realpathSync(p);
      return allowed.some((root) => insideRoot(safeRealpath(root), real));
    } catch {
      if (isLink(p) || path.dirname(p) === p) return false;
    }
  }
}

function inPackage(file: string): boolean {
  return toPosix(safeRealpath(file)).includes('/node_modules/');
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export const NOT_REGULAR = 'not a regular file';
export const TOO_LARGE = 'too large';

/**
 * A configuration file's text (`.signoff.json` and what it extends), read only when it is a regular file within
 * MAX_CONFIG_BYTES: a FIFO of that name would block the read forever. Otherwise why not: an error code
 * (`ENOENT`), NOT_REGULAR, or `over the 1 MiB cap` (with the size).
 */
export function readConfigText(file: string): { text: string } | { error: string; size?: number } {
  const read = readRegularFileSync(file, { maxBytes: MAX_CONFIG_BYTES });
  if ('bytes' in read) return { text: Buffer.from(read.bytes).toString('utf8') };
  if (read.tooLarge !== undefined) return { error: `${TOO_LARGE}: ${read.tooLarge} bytes, over the ${MAX_CONFIG_BYTES / (1024 * 1024)} MiB cap`, size: read.tooLarge };
  if (read.error === 'ENOTREG') return { error: NOT_REGULAR };
  return { error: read.error };
}

/** parseConfig with `extends` followed from the file's folder, within `allowed` (see extendsResolver). */
export function parseConfigFile(text: string | undefined, configFile: string, allowed?: readonly string[]): LoadedConfig {
  return parseConfig(text, extendsResolver(configFile, allowed));
}

/**
 * `.signoff.json` (or `--config FILE`) of a workspace, as the CLI and the server load it: the configuration and its
 * findings (an oversized file is one, and the defaults apply), its text, and a warning when it is not a regular file.
 */
export function loadConfigFile(file: string, root: string, explicit = false): { loaded: LoadedConfig; text?: string; error?: string; warning?: string } {
  const allowed = explicit && !insideRoot(root, file) ? [root, path.dirname(path.resolve(file))] : [root];
  const read = readConfigText(file);
  if ('text' in read) return { loaded: parseConfigFile(read.text, file, allowed), text: read.text };
  if (read.size !== undefined) return { loaded: configTooLarge(read.size), error: read.error };
  const warning = read.error === NOT_REGULAR ? `${path.basename(file)} is not a regular file: not read, the defaults apply` : undefined;
  return { loaded: parseConfigFile(undefined, file, allowed), error: read.error, warning };
}
