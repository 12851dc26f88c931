import { z } from 'zod';
import { FieldSchema, HeadingSchema, SpanSchema } from './common';

export const SectionSchema = z.object({
  heading: HeadingSchema,
  /** Upper-cased, trimmed title used to match required sections (`DECISION/OUTCOME`). */
  key: z.string(),
  /** From the start of the heading to the start of the next heading of the same or a higher level. */
  span: SpanSchema,
  /** Content after the heading line; empty when only whitespace follows. */
  contentSpan: SpanSchema,
  hasContent: z.boolean(),
});

export const StatusSchema = z.object({
  field: FieldSchema,
  /** The value as written, emphasis stripped (`✅ APPROVED - with notes`). */
  raw: z.string(),
  /** The bare vocabulary word found in the value, normalised to the canonical term (synonyms applied). */
  value: z.string().optional(),
  /** True when the value carries anything beyond the bare word (emoji, emphasis, trailing text). */
  decorated: z.boolean(),
  /** Range of just the bare word inside the value, for fixes. */
  valueWordSpan: SpanSchema.optional(),
  /** The whole value as written including `**` emphasis, for the normalising fix. */
  valueFullSpan: SpanSchema,
  /** True when the line sits inside the DECISION/OUTCOME section. */
  inDecisionSection: z.boolean(),
});

export const ConditionsSchema = z.object({
  /** The `**Conditions...**:` line, or the heading introducing the list. */
  label: z.string(),
  span: SpanSchema,
  items: z.array(z.object({ text: z.string(), span: SpanSchema, line: z.number().int() })),
});

export const ScoreSchema = z.object({
  name: z.string(),
  value: z.number(),
  max: z.number(),
  line: z.number().int(),
  span: SpanSchema,
});

export const CertificateModelSchema = z.object({
  kind: z.literal('certificate'),
  /** Every H1 in document order. */
  h1s: z.array(HeadingSchema),
  /** The first block of the document, when it is not the first H1 (cert-title: "H1 not first"). */
  firstBlockIsH1: z.boolean(),
  /** Header fields (Component, Agent, Date, Certificate ID, ...) from the paragraph(s) before the first H2. */
  header: z.array(FieldSchema),
  sections: z.array(SectionSchema),
  status: StatusSchema.optional(),
  /** Every `**Status**:`-like line in the document (the first in DECISION/OUTCOME is `status`). */
  statusLines: z.array(StatusSchema),
  rationale: FieldSchema.optional(),
  conditions: z.array(ConditionsSchema),
  /** Other verdict lines: Decision, Recommendation, APPROVAL STATUS, Verdict, Final Status ... */
  verdicts: z.array(FieldSchema),
  overallScore: ScoreSchema.optional(),
  scoreBreakdown: z.array(ScoreSchema),
  signature: z
    .object({ section: SectionSchema, fields: z.array(FieldSchema) })
    .optional(),
});

export type Section = z.infer<typeof SectionSchema>;
export type Status = z.infer<typeof StatusSchema>;
export type Conditions = z.infer<typeof ConditionsSchema>;
export type Score = z.infer<typeof ScoreSchema>;
export type CertificateModel = z.infer<typeof CertificateModelSchema>;
