/**
 * Every tool of `signoff mcp`, in the order tools/list shows them. A new tool is one file in this folder and one
 * line here.
 */
import check from './check';
import status from './status';
import resolveEvidence from './resolve-evidence';
import cite from './cite';
import newDocument from './new-document';
import rule from './rule';
import { fixTool, sealTool } from './write';
import type { AnyTool } from './tool';

export const TOOLS: readonly AnyTool[] = [check, status, resolveEvidence, cite, newDocument, rule, fixTool, sealTool];
