import { z } from 'zod';

/** Half-open offsets into the document text. */
export const SpanSchema = z.object({ start: z.number().int(), end: z.number().int() });

/** A `**Key**: value` (or `Key: value`) line, with the exact ranges of key and value. */
export const FieldSchema = z.object({
  key: z.string(),
  value: z.string(),
  /** 1-based line of the field. */
  line: z.number().int(),
  span: SpanSchema,
  keySpan: SpanSchema,
  valueSpan: SpanSchema,
});

export const HeadingSchema = z.object({
  depth: z.number().int().min(1).max(6),
  /** Heading text with Markdown emphasis removed and whitespace collapsed. */
  text: z.string(),
  line: z.number().int(),
  span: SpanSchema,
});

export type Field = z.infer<typeof FieldSchema>;
export type Heading = z.infer<typeof HeadingSchema>;
