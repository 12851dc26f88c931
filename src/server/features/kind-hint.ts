/**
 * The editor's one word on a Markdown file that is neither kind but comes close (detect.ts `near`: a certificate
 * title without a verdict, a release title with steps but no gate ...): one information diagnostic on its title,
 * and a quick fix that inserts the directive making it that kind. Nothing else is said about such a file, and only
 * while it is open: the CLI stays silent about it (`signoff check --explain-kinds` says the same in words).
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { ParsedDocument } from '../../core/index';
import { DIAGNOSTIC_SOURCE, rangesOverlap, spanToRange } from '../convert';

export const KIND_HINT_CODE = 'document-kind';

/** At most one diagnostic: on the title of a file close to a kind. */
export function kindHint(doc: ParsedDocument): Diagnostic[] {
  const d = doc.decision;
  if (doc.kind || !d?.near || !d.title) return [];
  return [{
    range: spanToRange(doc.lines, d.title),
    severity: DiagnosticSeverity.Information,
    code: KIND_HINT_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `Not checked: close to a ${d.near} (${d.reasons.join('; ')}). Add <!-- signoff: ${d.near} --> to check it as one.`,
  }];
}

/** The quick fix: the directive on a line of its own above the title. */
export function kindHintActions(uri: string, version: number, doc: ParsedDocument, params: CodeActionParams, documentChanges: boolean): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(o + '.'))) return [];
  const [diagnostic] = kindHint(doc);
  if (!diagnostic || !rangesOverlap(diagnostic.range, params.range)) return [];
  const near = doc.decision!.near!;
  const at = { line: diagnostic.range.start.line, character: 0 };
  const edits = [{ range: { start: at, end: at }, newText: `<!-- signoff: ${near} -->\n` }];
  const edit: WorkspaceEdit = documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  return [{ title: `Check this file as a ${near} (insert <!-- signoff: ${near} -->)`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: true }];
}
