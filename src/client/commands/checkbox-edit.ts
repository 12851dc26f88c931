/**
 * Shared by Toggle Task and Check/Uncheck All in Phase: ask the server where the tasks are, decide, and change
 * exactly the `[ ]`/`[x]` characters in ONE editor.edit call (one undo step; works on unsaved documents; CRLF is
 * untouched since only three characters per task change). If the document changes while the server answers,
 * ask again rather than edit stale ranges.
 */
import * as vscode from 'vscode';
import type { DocumentInfo } from '../../protocol/index';
import { isCheckbox, type CheckboxEdit } from '../../protocol/checkboxes';
import type { ServerHandle } from '../server-handle';

const ATTEMPTS = 3;

/**
 * Runs `decide` against a fresh DocumentInfo for the editor's document and applies its edits. Returns false (after
 * telling the user) when the document is not a checklist or the server cannot answer.
 */
export async function editCheckboxes(
  server: ServerHandle,
  editor: vscode.TextEditor,
  decide: (info: DocumentInfo) => Promise<CheckboxEdit[] | undefined> | CheckboxEdit[] | undefined,
): Promise<boolean> {
  const doc = editor.document;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const version = doc.version;
    const info = await server.documentInfo(doc);
    if (!info) {
      void vscode.window.showWarningMessage('Signoff: the language server is not available; see "Signoff: Show Output".');
      return false;
    }
    if (doc.version !== version) continue;
    const edits = await decide(info);
    if (!edits) return false;
    if (!edits.length) return true;
    if (doc.version !== version) continue;
    const ranges = edits.map((e) => new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character));
    if (!ranges.every((r) => isCheckbox(doc.getText(r)))) continue;
    const ok = await editor.edit((b) => ranges.forEach((r, i) => b.replace(r, edits[i].text)), { undoStopBefore: true, undoStopAfter: true });
    if (ok) return true;
  }
  void vscode.window.showWarningMessage('Signoff: the document kept changing; the checkboxes were not changed.');
  return false;
}

/** The active Markdown editor, or undefined after telling the user why nothing happens. */
export function markdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Signoff: open a checklist in a Markdown editor first.');
    return undefined;
  }
  return editor;
}

export function notAChecklist(info: DocumentInfo): boolean {
  if (info.kind === 'checklist') return false;
  void vscode.window.showInformationMessage('Signoff: this document is not a checklist.');
  return true;
}
