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

/** A verdict word inside a Status or verdict line (parse/status.ts findVerdictWords), with document offsets. */
export const VerdictWordSchema = z.object({
  word: z.string(),
  span: SpanSchema,
  /** The vocabulary value the word means (synonyms applied), when it is one. */
  canonical: z.string().optional(),
  /** What the word is compared by (canonical value, the value a known word reads as, or the word itself). */
  key: z.string(),
  negated: z.boolean(),
  /** `APPROVED WITH MINOR CONDITIONS`: an approval qualified by conditions. */
  qualified: z.boolean(),
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
  /** Every verdict word in the value (vocabulary words, synonyms, GO/NO-GO ..., negated words), in order. */
  words: z.array(VerdictWordSchema).default([]),
  /** Upper snake_case words in the value that are not vocabulary words (`REQUIRES_CLARIFICATION`). */
  otherWords: z.array(z.object({ word: z.string(), span: SpanSchema })).default([]),
});

/** A line other than Status that states a verdict (Decision, Recommendation, Verdict, Authorization ...). */
export const VerdictLineSchema = z.object({
  field: FieldSchema,
  words: z.array(VerdictWordSchema),
  /** Key of the H2 section the line is in (empty before the first H2). */
  sectionKey: z.string(),
  /** The line belongs to the certificate's own verdict (decision-like section, or a Final/Overall key). */
  own: z.boolean(),
  /** The line is a list item (per-finding recommendations usually are). */
  inList: z.boolean(),
});

export const ConditionsSchema = z.object({
  /** The `**Conditions...**:` line, or the heading introducing the list. */
  label: z.string(),
  span: SpanSchema,
  items: z.array(z.object({ text: z.string(), span: SpanSchema, line: z.number().int() })),
  /** The label says there are none (`**Conditions**: None - ...`). */
  none: z.boolean().default(false),
  /** Whether the label is followed by any content at all (a list, sub-sections, a non-empty inline value). */
  hasContent: z.boolean().default(true),
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
  /**
   * The Certificate ID, normalised once here (emphasis and backticks removed, trimmed): the first header field
   * named Certificate ID with a non-empty value. Everything that compares IDs reads this.
   */
  certificateId: z.object({ value: z.string(), span: SpanSchema, line: z.number().int() }).optional(),
  sections: z.array(SectionSchema),
  status: StatusSchema.optional(),
  /** Every `**Status**:`-like line in the document (the first in DECISION/OUTCOME is `status`). */
  statusLines: z.array(StatusSchema),
  rationale: FieldSchema.optional(),
  /** A Rationale field or heading sits in the DECISION/OUTCOME section. */
  rationaleInDecision: z.boolean().default(false),
  conditions: z.array(ConditionsSchema),
  /** Other verdict lines: Decision, Recommendation, APPROVAL STATUS, Verdict, Final Status ... */
  verdicts: z.array(FieldSchema),
  /** The same lines with their verdict words and where they sit (cert-verdict-conflict). */
  verdictLines: z.array(VerdictLineSchema).default([]),
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
export type VerdictWordModel = z.infer<typeof VerdictWordSchema>;
export type VerdictLine = z.infer<typeof VerdictLineSchema>;
export type CertificateModel = z.infer<typeof CertificateModelSchema>;
