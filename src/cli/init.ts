/**
 * `signoff init [--root DIR] [--force]`: a starter `.signoff.json` whose `$schema` is the schema of this release
 * (editors complete and check the file from it), holding the defaults a team most often changes.
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG } from '../core/index';
import { escapeControl } from '../core/text/sanitize';
import { parseArgs } from './args';
import { UsageError, type CliIO } from './io';
import { VERSION } from './version';

export const SCHEMA_URL = `https://raw.githubusercontent.com/signoff-dev/signoff/v${VERSION}/schemas/signoff.schema.json`;

export async function initCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { root: 'string', force: 'boolean' });
  if (positionals.length) throw new UsageError('init takes no arguments (use --root DIR)');
  const root = path.resolve(io.cwd, (flags.root as string | undefined) ?? '.');
  if (!existsSync(root)) throw new UsageError(`root is not a directory: ${escapeControl(root)}`);
  const file = path.join(root, CONFIG_FILE);
  if (existsSync(file) && !flags.force) {
    io.stderr(`signoff: ${escapeControl(path.relative(io.cwd, file) || CONFIG_FILE)} exists already: not overwritten (--force to replace it)\n`);
    return 1;
  }
  const starter = {
    $schema: SCHEMA_URL,
    include: DEFAULT_CONFIG.include,
    exclude: DEFAULT_CONFIG.exclude,
    rules: {},
  };
  writeFileSync(file, JSON.stringify(starter, null, 2) + '\n');
  io.stdout(`wrote ${escapeControl(path.relative(io.cwd, file) || CONFIG_FILE)}: rules keep their default severities; set one with "rules": { "<id>": "off" | "info" | "warning" | "error" } (signoff rules lists them)\n`);
  return 0;
}
