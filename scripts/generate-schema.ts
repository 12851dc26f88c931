/**
 * Writes schemas/signoff.schema.json, the JSON Schema for `.signoff.json` that package.json registers through
 * `jsonValidation`, from the zod ConfigSchema (the one source of truth). Run by `npm run build`; a unit test
 * fails when the committed file differs from what this generates.
 *   npx tsx scripts/generate-schema.ts [--check]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConfigSchema } from '../src/core/config/schema';
import { RULES, docsUrl } from '../src/core/index';

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'signoff.schema.json');

export function generateSchema(): string {
  // io: 'input' describes what a user writes (every field optional, since all have defaults), not the parsed output.
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-07' }) as Record<string, unknown>;
  // The zod schema keys rules by any string; list the registered ids too, so editors complete them and show
  // each rule's description (unknown ids stay allowed by additionalProperties: the loader reports them).
  const rules = (schema.properties as Record<string, { additionalProperties: object; properties?: object }>).rules;
  const definitions = { ruleSetting: rules.additionalProperties };
  rules.additionalProperties = { $ref: '#/definitions/ruleSetting' };
  rules.properties = Object.fromEntries(
    [...RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map((r) => [r.meta.id, {
      allOf: [{ $ref: '#/definitions/ruleSetting' }],
      description: `${r.meta.description} Default: ${r.meta.defaultSeverity}.`,
      markdownDescription: `${r.meta.description} Default: \`${r.meta.defaultSeverity}\`. [Docs](${docsUrl(r.meta.id)})`,
    }]),
  );
  const out = {
    $schema: schema.$schema,
    $id: 'https://github.com/signoff-dev/signoff/blob/main/schemas/signoff.schema.json',
    title: 'Signoff configuration (.signoff.json)',
    description: 'Rule severities and options, status vocabulary, required sections, path mappings, globs and evidence options. Generated from src/core/config/schema.ts by scripts/generate-schema.ts: do not edit.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
    definitions,
  };
  return JSON.stringify(out, null, 2) + '\n';
}

if (require.main === module) {
  const text = generateSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(SCHEMA_PATH, 'utf8'); } catch { /* missing: differs */ }
    if (current !== text) {
      console.error('schemas/signoff.schema.json is out of date: run `npx tsx scripts/generate-schema.ts`');
      process.exit(1);
    }
  } else {
    mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
    writeFileSync(SCHEMA_PATH, text);
  }
}
