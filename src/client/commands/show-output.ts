/** `signoff.showOutput`: reveal the Signoff log channel. */
import * as vscode from 'vscode';

export const SHOW_OUTPUT = 'signoff.showOutput';

export function registerShowOutput(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_OUTPUT, () => log.show());
}
