/**
 * The VS Code client. Activation stays cheap (no parsing, no waiting): it creates the output channel, registers
 * the commands and the status bar, and starts the language server without awaiting it. Everything about the
 * documents comes from the server (src/protocol); this bundle never carries the core, zod or remark.
 */
import * as vscode from 'vscode';
import { registerNewDocumentCommands } from './commands/new-document';
import { registerPhaseCommands } from './commands/phase-tasks';
import { registerRestartServer } from './commands/restart-server';
import { registerShowOutput } from './commands/show-output';
import { registerToggleTask } from './commands/toggle-task';
import { ErrorReporter } from './errors';
import { registerRunner } from './runner/index';
import { SignoffServer, message } from './language-client';
import { registerStatusBar } from './status';

let server: SignoffServer | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Signoff', { log: true });
  context.subscriptions.push(log);
  const errors = new ErrorReporter(log);
  try {
    server = new SignoffServer(context, log, errors);
    context.subscriptions.push(
      server,
      registerToggleTask(server),
      ...registerPhaseCommands(server),
      ...registerNewDocumentCommands(),
      registerRestartServer(server, log),
      registerShowOutput(log),
      registerStatusBar(server),
      // initializationOptions carry workspaceTrusted; a fresh server picks up the grant.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart()),
    );
    registerRunnerSafely(context, server, log, errors);
    void server.start();
    log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (language server starting)`);
  } catch (e) {
    errors.report(`Signoff failed to activate: ${message(e)}`, true);
  }
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** The runner is optional at activation: a failure there must not take validation, links and hovers down. */
function registerRunnerSafely(context: vscode.ExtensionContext, s: SignoffServer, log: vscode.LogOutputChannel, errors: ErrorReporter): void {
  try {
    registerRunner(context, s, log);
  } catch (e) {
    errors.report(`Signoff: the checklist runner failed to start: ${message(e)}`, true);
  }
}
