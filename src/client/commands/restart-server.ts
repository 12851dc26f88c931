/** `signoff.restartServer`: stop and start the language server (also resets the crash counter). */
import * as vscode from 'vscode';
import type { ServerHandle } from '../server-handle';

export const RESTART_SERVER = 'signoff.restartServer';

export function registerRestartServer(server: ServerHandle, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(RESTART_SERVER, async () => {
    log.info('restarting the language server');
    await server.restart();
  });
}
