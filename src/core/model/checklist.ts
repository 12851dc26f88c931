import { z } from 'zod';
import { FieldSchema, HeadingSchema, SpanSchema } from './common';

export const ExpectedSchema = z.object({
  /** What the output should show (`~7 errors`), as written after `# Expected:`. */
  text: z.string(),
  line: z.number().int(),
  span: SpanSchema,
});

export const SnippetSchema = z.object({
  /** Fence info string's first word, lower-cased; empty when the fence has none. */
  lang: z.string(),
  code: z.string(),
  /** The whole fence including the ``` lines. */
  span: SpanSchema,
  /** 1-based line of the opening fence. */
  line: z.number().int(),
  /** 1-based line of the first code line. */
  codeLine: z.number().int(),
  expected: z.array(ExpectedSchema),
  /** Options from the fence's `{...}` group (see parse/fence-options.ts). */
  options: z.object({
    exit: z.number().int().optional(),
    cwd: z.string().optional(),
    timeout: z.number().optional(),
    env: z.string().optional(),
    stderr: z.boolean().optional(),
    skip: z.boolean().optional(),
    manual: z.boolean().optional(),
  }).optional(),
  /** Unknown options and bad values in that group (checklist-snippet-option reports them). */
  optionProblems: z.array(z.object({ message: z.string(), span: SpanSchema })).optional(),
});

export const TaskSchema = z.object({
  checked: z.boolean(),
  /** The three characters `[ ]` / `[x]` exactly. */
  checkboxSpan: SpanSchema,
  /** The bold label (`**Label**:`) without emphasis, if any. */
  label: z.string().optional(),
  /** The task's first paragraph as plain text. */
  text: z.string(),
  line: z.number().int(),
  span: SpanSchema,
  snippets: z.array(SnippetSchema),
  /** Phase number this task belongs to, if under a `Phase N` heading. */
  phase: z.number().int().optional(),
  group: z.string().optional(),
  /** Inline code spans / paths mentioned in the task text, for checklist-doc-missing. */
  inlineCode: z.array(z.object({ value: z.string(), span: SpanSchema })),
});

export const GoNoGoSchema = z.object({
  span: SpanSchema,
  line: z.number().int(),
  go: SpanSchema.optional(),
  noGo: SpanSchema.optional(),
});

export const PhaseSchema = z.object({
  number: z.number().int(),
  name: z.string(),
  heading: HeadingSchema,
  /** From the heading to the start of the next phase / part heading (or the end). */
  span: SpanSchema,
  groups: z.array(z.object({ name: z.string(), heading: HeadingSchema })),
  tasks: z.array(TaskSchema),
  goNoGo: GoNoGoSchema.optional(),
});

export const ChecklistModelSchema = z.object({
  kind: z.literal('checklist'),
  h1s: z.array(HeadingSchema),
  /** Fields of the `---`-framed metadata block (a setext heading in mdast) or of a plain header paragraph. */
  metadata: z.array(FieldSchema),
  /** H2 headings (parts such as "Pre-Deployment Checklist"). */
  parts: z.array(HeadingSchema),
  phases: z.array(PhaseSchema),
  /** All tasks in document order, inside phases or not. */
  tasks: z.array(TaskSchema),
});

export type Expected = z.infer<typeof ExpectedSchema>;
export type Snippet = z.infer<typeof SnippetSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type GoNoGo = z.infer<typeof GoNoGoSchema>;
export type Phase = z.infer<typeof PhaseSchema>;
export type ChecklistModel = z.infer<typeof ChecklistModelSchema>;
