/** `signoff rules [--format text|json]`: every rule with its default severity, whether it has a fix, what it checks. */
import { RULES, docsUrl } from '../core/index';
import { parseArgs } from './args';
import { UsageError, type CliIO } from './io';

export async function rulesCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { format: 'string' });
  if (positionals.length) throw new UsageError('rules takes no arguments');
  const format = (flags.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format of rules takes text or json, not "${format}"`);
  const rules = [...RULES].map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
  if (format === 'json') {
    io.stdout(JSON.stringify(rules.map((m) => ({ id: m.id, severity: m.defaultSeverity, fixable: m.fixable, description: m.description, docs: docsUrl(m.id) })), null, 2) + '\n');
    return 0;
  }
  const id = Math.max(...rules.map((m) => m.id.length));
  io.stdout(`${'RULE'.padEnd(id)}  SEVERITY  FIX  DESCRIPTION\n`);
  for (const m of rules) io.stdout(`${m.id.padEnd(id)}  ${m.defaultSeverity.padEnd(8)}  ${m.fixable ? 'yes' : '-  '}  ${m.description.split('\n')[0]}\n`);
  return 0;
}
