/**
 * `.signoff.json`: one zod schema, from which the JSON Schema registered in package.json is generated
 * (`npm run build` writes schemas/signoff.schema.json). Every field has a default, so `{}` is a full config.
 */
import { z } from 'zod';
import { MAX_TIMEOUT_S } from '../parse/fence-options';

export const SeveritySettingSchema = z.enum(['off', 'error', 'warning', 'info']);

export const RuleSettingSchema = z.union([
  SeveritySettingSchema,
  z.object({
    severity: SeveritySettingSchema.optional().describe('Severity of the rule, or "off".'),
    options: z.record(z.string(), z.unknown()).optional().describe('Rule-specific options (see the rule\'s docs page).'),
  }),
]);

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    extends: z
      .union([z.string().min(1), z.array(z.string().min(1))])
      .optional()
      .describe('Configuration(s) this one builds on: a path relative to this file, or a package name. Later ones, then this file, win; objects merge key by key, arrays are replaced.'),
    rules: z
      .record(z.string(), RuleSettingSchema)
      .default({})
      .describe('Per-rule severity ("off", "error", "warning", "info") or { severity, options }, keyed by rule id.'),
    statuses: z
      .object({
        values: z.array(z.string().min(1)).default(['APPROVED', 'CONDITIONALLY_APPROVED', 'REJECTED']).describe('Canonical status values a certificate may declare.'),
        synonyms: z.record(z.string(), z.string()).default({}).describe('Other spellings mapped to a canonical value, added to the built-in ones.'),
      })
      .default({ values: ['APPROVED', 'CONDITIONALLY_APPROVED', 'REJECTED'], synonyms: {} })
      .describe('The status vocabulary.'),
    requiredSections: z
      .array(z.string().min(1))
      .default(['REVIEW SCOPE', 'FINDINGS', 'DECISION/OUTCOME', 'EVIDENCE', 'SIGNATURE'])
      .describe('H2 sections every certificate must have, in this order.'),
    include: z.array(z.string()).default(['**/*.md']).describe('Globs of files to check, relative to the workspace root.'),
    exclude: z
      .array(z.string())
      .default(['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/.signoff/**'])
      .describe('Globs of files never checked nor indexed as evidence targets.'),
    certificates: z.array(z.string()).default([]).describe('Globs of files that are certificates whatever their content (the same as documents.certificates).'),
    checklists: z.array(z.string()).default([]).describe('Globs of files that are checklists whatever their content (the same as documents.checklists).'),
    documents: z
      .object({
        certificates: z.array(z.string()).default([]).describe('Globs of files that are certificates whatever their content.'),
        checklists: z.array(z.string()).default([]).describe('Globs of files that are checklists whatever their content.'),
        exclude: z.array(z.string()).default([]).describe('Globs of files that are never certificates nor checklists, whatever their content (they stay evidence targets).'),
      })
      .default({ certificates: [], checklists: [], exclude: [] })
      .describe('What is a document, whatever the content says (docs/recognition.md). These globs win over detection and over the in-file directive.'),
    pathMappings: z
      .record(z.string(), z.string())
      .default({})
      .describe('Foreign path prefixes mapped to workspace-relative ones, e.g. {"/home/ci/app/": ""}.'),
    evidence: z
      .object({
        git: z.boolean().default(true).describe('Check evidence drift with git history.'),
        maxFileSize: z.number().int().positive().default(5 * 1024 * 1024).describe('Cited files larger than this many bytes are not read.'),
      })
      .default({ git: true, maxFileSize: 5 * 1024 * 1024 }),
    run: z
      .object({
        timeout: z.number().positive().max(MAX_TIMEOUT_S).default(300).describe(`Per-snippet timeout in seconds (at most ${MAX_TIMEOUT_S}, 24 hours).`),
        stopOnFailure: z.boolean().default(false).describe('Stop a phase at its first failing task.'),
        expectedPatterns: z
          .record(z.string(), z.string())
          .default({})
          .describe('`# Expected:` texts mapped to regular expressions the output must match instead of the literal text.'),
      })
      .default({ timeout: 300, stopOnFailure: false, expectedPatterns: {} }),
    seal: z
      .object({
        required: z.boolean().default(false).describe('Every certificate must carry a seal (`signoff seal`): turns on cert-unsealed as an error.'),
        requireSignature: z.boolean().optional().describe('An unsigned seal fails cert-seal-signature (and `signoff verify`). Default: true when an allowed-signers file is in effect (seal.allowedSigners, --allowed-signers or git\'s gpg.ssh.allowedSignersFile), so nobody can strip a signature and re-seal unsigned.'),
        allowedSigners: z.string().optional().describe('OpenSSH allowed-signers file that seal signatures are checked against, with the certificate\'s Agent as principal (workspace-relative or absolute; default: git\'s gpg.ssh.allowedSignersFile).'),
      })
      .default({ required: false }),
    components: z
      .record(
        z.string().min(1),
        z.object({
          aliases: z.array(z.string().min(1)).default([]).describe('Other names certificates give this component in their **Component** field (compared ignoring case, spaces and punctuation).'),
          paths: z.array(z.string().min(1)).default([]).describe('Globs of certificates that belong to this component whatever their **Component** field says.'),
        }),
      )
      .default({})
      .describe('Components of the review ledger (`signoff status`), by canonical name: their aliases and path groups.'),
    limits: z
      .object({
        maxDocumentBytes: z.number().int().positive().default(2 * 1024 * 1024).describe('Documents larger than this are reported, not parsed (the Markdown parser reads about 0.1-0.3 MB/s; real certificates are under 40 KB).'),
        maxFindingsPerRule: z.number().int().positive().default(1000).describe('Findings of one rule in one document beyond this are summarised in one.'),
      })
      .default({ maxDocumentBytes: 2 * 1024 * 1024, maxFindingsPerRule: 1000 }),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
