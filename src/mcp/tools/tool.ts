/** What a tool of `signoff mcp` is: a name, a zod input shape, and a thin handler over the engine. */
import type { z } from 'zod';
import type { Workspace } from '../workspace';

export interface ToolOutput {
  /** The structured answer (the tool result's structuredContent). */
  data: Record<string, unknown>;
  /** The text an agent reads; the data as JSON when not given. */
  text?: string;
}

export interface ToolDef<Shape extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: Shape;
  /** Changes files: offered only with `signoff mcp --allow-write`. */
  writes?: boolean;
  run(args: z.infer<z.ZodObject<Shape>>, workspace: Workspace): Promise<ToolOutput>;
}

export type AnyTool = ToolDef<z.ZodRawShape>;

/** Types a tool's handler by its own input shape, and erases it for the table (src/mcp/tools/index.ts). */
export function defineTool<Shape extends z.ZodRawShape>(tool: ToolDef<Shape>): AnyTool {
  return tool as unknown as AnyTool;
}
