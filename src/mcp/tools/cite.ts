/**
 * `cite` {file, startLine, endLine}: the lines really there and the reference to paste for them (the colon form,
 * `path:start-end`, read by the evidence extractor like any other), with a Markdown block that quotes them so
 * evidence-quote-mismatch can hold the certificate to them later.
 */
import { z } from 'zod';
import { extensionOf } from '../../core/evidence/paths';
import { escapeControl } from '../../core/text/sanitize';
import { citedLines, splitLines } from '../lines';
import { ToolError } from '../workspace';
import { PATH } from './check';
import { defineTool } from './tool';

const LINE = z.number().int().min(1);

/** A fence that the quoted lines cannot close. */
function fenced(lang: string, body: string): string {
  let ticks = '```';
  while (body.includes(ticks)) ticks += '`';
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

export default defineTool({
  name: 'cite',
  title: 'Cite lines of a file',
  description:
    'The lines startLine..endLine (1-based, inclusive) of a workspace file, and the canonical evidence reference to write for them (`path:start-end`), plus a Markdown block quoting them under the reference. Quote what is really there: a certificate\'s quoted code is later checked against the cited lines. Give `document` (the certificate\'s path) to make sure the reference resolves to this file from there.',
  input: {
    file: PATH,
    startLine: LINE.describe('First cited line, 1-based.'),
    endLine: LINE.describe('Last cited line, inclusive.'),
    document: PATH.optional().describe('The certificate the reference goes into (references resolve from the document\'s folder first).'),
  },
  async run({ file, startLine, endLine, document }, workspace) {
    if (endLine < startLine) throw new ToolError(`endLine ${endLine} is before startLine ${startLine}`);
    const session = await workspace.open();
    const rel = await workspace.inside(session, file);
    const resolver = session.engine.workspace.evidence(session.engine.host, session.engine.config).resolver;
    const facts = await resolver.fileFacts(rel);
    if (facts.status !== 'ok') {
      if (facts.status === 'unreadable' && !(await session.host.stat(rel))) throw new ToolError(`no such file in the workspace: ${escapeControl(rel)}`);
      throw new ToolError(`${escapeControl(rel)} cannot be cited: ${facts.status === 'too-large' ? `it is ${facts.size} bytes, over evidence.maxFileSize` : facts.status === 'binary' ? 'it is binary' : facts.status === 'special' ? `it is ${facts.kind}` : 'it cannot be read'}`);
    }
    const text = await resolver.readText(rel);
    if (text === undefined) throw new ToolError(`${escapeControl(rel)} cannot be read`);
    const lines = splitLines(text);
    if (endLine > lines.length) throw new ToolError(`${escapeControl(rel)} has ${lines.length} line${lines.length === 1 ? '' : 's'}; lines ${startLine}-${endLine} are not all there`);
    const cited = citedLines(lines, startLine, endLine)!;
    const reference = `${rel}:${startLine === endLine ? startLine : `${startLine}-${endLine}`}`;
    const data: Record<string, unknown> = { file: rel, startLine, endLine, lineCount: lines.length, reference: `\`${reference}\``, lines: cited.text };
    if (cited.omitted) data.omittedLines = cited.omitted;
    else data.markdown = `\`${reference}\`\n\n${fenced(extensionOf(rel), cited.text)}`;
    if (document !== undefined) {
      const from = await workspace.inside(session, document);
      const location = await resolver.locate(rel, from);
      if (location.status !== 'found' || location.path !== rel) {
        data.warning = `From ${from}, \`${rel}\` resolves to ${location.status === 'found' ? location.path : `nothing (${location.status})`}: write the path relative to the document (./ or ../) instead.`;
      }
    }
    return { data };
  },
});
