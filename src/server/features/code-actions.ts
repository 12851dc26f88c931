/**
 * Code actions: every fix the core offers on a finding in the requested range (quick fixes, the first safe one of
 * each finding preferred) and `source.fixAll.signoff` with every safe fix that does not overlap another. Edits are
 * computed on the text the findings were computed on, which the caller guarantees is the document's current text.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { safeFixEdits, type LineIndex } from '../../core/index';
import { findingToDiagnostic, rangesOverlap, toLspEdits, type RelatedResolver } from '../convert';
import type { DocState } from '../doc-state';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.signoff`;

export interface ActionContext {
  uri: string;
  version: number;
  state: DocState;
  related: RelatedResolver;
  /** URI and line index of another file a fix edits (none of today's fixes do), if it can be read. */
  otherFile(path: string): Promise<{ uri: string; lines: LineIndex; version?: number } | undefined>;
  /** The client applies versioned document edits (so a stale edit is refused, not misapplied). */
  documentChanges: boolean;
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export async function codeActions(params: CodeActionParams, ctx: ActionContext): Promise<CodeAction[]> {
  const only = params.context.only;
  const out: CodeAction[] = [];
  const edit = (uri: string, version: number | undefined, edits: LspTextEdit[]): WorkspaceEdit =>
    ctx.documentChanges ? { documentChanges: [{ textDocument: { uri, version: version ?? null }, edits }] } : { changes: { [uri]: edits } };

  if (wants(only, CodeActionKind.QuickFix)) {
    for (const f of ctx.state.findings) {
      if (!f.fixes?.length) continue;
      const diagnostic = findingToDiagnostic(f, ctx.related);
      if (!rangesOverlap(diagnostic.range, params.range)) continue;
      let preferred = false;
      for (const fix of f.fixes) {
        let workspaceEdit: WorkspaceEdit;
        if (fix.path) {
          const other = await ctx.otherFile(fix.path);
          if (!other) continue;
          workspaceEdit = edit(other.uri, other.version, toLspEdits(other.lines, fix.edits));
        } else workspaceEdit = edit(ctx.uri, ctx.version, toLspEdits(ctx.state.lines, fix.edits));
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit };
        if (fix.safe && !preferred) action.isPreferred = preferred = true;
        out.push(action);
      }
    }
  }
  if (wants(only, FIX_ALL_KIND)) {
    const edits = safeFixEdits(ctx.state.findings);
    if (edits.length) {
      out.push({ title: 'Fix all safe Signoff problems', kind: FIX_ALL_KIND, edit: edit(ctx.uri, ctx.version, toLspEdits(ctx.state.lines, edits)) });
    }
  }
  return out;
}
