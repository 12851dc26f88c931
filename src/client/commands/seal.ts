/**
 * `signoff.sealCertificate` (*Signoff: Seal Certificate*): seals the active certificate through the language server
 * (the client never runs the core), signing with `signoff.seal.key` when set. Trusted workspaces only: signing runs
 * ssh-keygen with the user's key. The server's edit is applied to the buffer (unsaved changes included, one undo
 * step); saving is left to the user.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerHandle } from '../server-handle';

export const SEAL_CERTIFICATE = 'signoff.sealCertificate';

export function registerSealCommand(server: ServerHandle): vscode.Disposable {
  return vscode.commands.registerCommand(SEAL_CERTIFICATE, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showWarningMessage('Signoff: open a review certificate to seal it.');
      return;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Signoff: sealing needs a trusted workspace (it may run ssh-keygen with your key).');
      return;
    }
    const document = editor.document;
    const version = document.version;
    const result = await server.seal(document, keyPath(vscode.workspace.getConfiguration('signoff', document.uri).get<string>('seal.key')));
    if (!result) {
      void vscode.window.showErrorMessage('Signoff: the language server could not seal the certificate (see the Signoff output).');
      return;
    }
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Signoff: not sealed: ${result.error}`);
      return;
    }
    if (result.edit) {
      if (document.version !== version) {
        void vscode.window.showWarningMessage('Signoff: the certificate changed while it was being sealed; seal it again.');
        return;
      }
      const { start, end } = result.edit.range;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(start.line, start.character, end.line, end.character), result.edit.newText);
      if (!(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage('Signoff: the seal could not be written into the document.');
        return;
      }
    }
    void vscode.window.showInformationMessage(`Signoff: ${result.summary}`);
  });
}

/** `~/.ssh/id_ed25519` and workspace-relative paths made absolute; empty means unsigned. */
export function keyPath(setting: string | undefined): string | undefined {
  const value = setting?.trim();
  if (!value) return undefined;
  if (value === '~' || value.startsWith('~/')) return path.join(os.homedir(), value.slice(1));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return path.isAbsolute(value) || !folder ? value : path.join(folder, value);
}
