/**
 * `check` {path} or {path, text}: what `signoff check --format json <path>` reports for that document, from its text
 * on disk or from unsaved text (validate before writing). The same steps as the CLI's check of one file: the
 * document pass, its summary indexed, the workspace pass on the summaries (engine.check), and the CLI's formatter.
 */
import { z } from 'zod';
import type { CheckResult } from '../../cli/check';
import { kindLine, skippedOf } from '../../cli/kinds';
import { jsonReport } from '../findings';
import type { Session, Workspace } from '../workspace';
import { defineTool } from './tool';

export const PATH = z.string().min(1).describe('A workspace-relative path (or an absolute path under the workspace root).');

/** The check of one document as `signoff check` makes it: a file that is neither kind is `skipped`, with why. */
export async function checkOne(workspace: Workspace, session: Session, rel: string, text?: string): Promise<CheckResult> {
  const doc = await workspace.parse(session, rel, text);
  const result: CheckResult = { root: session.host.root, files: [], configFindings: { path: session.configPath, findings: session.configFindings }, fixedFiles: [] };
  if (doc.kind) result.files.push({ path: rel, kind: doc.kind, findings: await session.engine.check(doc) });
  else result.skipped = [skippedOf(kindLine(rel, doc))];
  return result;
}

export default defineTool({
  name: 'check',
  title: 'Check a certificate or checklist',
  description:
    'Validate one review certificate or deployment checklist: the findings `signoff check --format json` reports for it (rule, severity, message, 1-based line/column), each with the rule\'s one-line description and whether a fix exists. Give `text` to check unsaved content at `path` before writing it. A file that is neither kind gets no entry in `files` but one in `skipped`, saying why.',
  input: {
    path: PATH,
    text: z.string().optional().describe('The document\'s content to check instead of the file on disk (the file need not exist yet).'),
  },
  async run({ path, text }, workspace) {
    const session = await workspace.open();
    const rel = await workspace.inside(session, path);
    const result = await checkOne(workspace, session, rel, text);
    const report = jsonReport(result);
    const config = session.configFindings.map((f) => `${session.configPath}:${f.start.line}:${f.start.column}: ${f.message}`);
    return { data: { ...report, ...(config.length ? { configProblems: config } : {}), ...(session.notes.length ? { notes: session.notes } : {}) } };
  },
});
