/**
 * The VS Code client. Activation stays cheap (no parsing, no waiting, no LSP library): it creates the output
 * channel, registers the commands and the status bar, and schedules the language client, which lives in its own
 * bundle (dist/language-client.js, loaded right after activate() returns; see server-handle.ts). Everything about
 * the documents comes from the server (src/protocol); no client bundle carries the core, zod or remark.
 */
import * as vscode from 'vscode';
import { registerNewDocumentCommands } from './commands/new-document';
import { registerPhaseCommands } from './commands/phase-tasks';
import { registerRestartServer } from './commands/restart-server';
import { registerSealCommand } from './commands/seal';
import { registerShowOutput } from './commands/show-output';
import { registerToggleTask } from './commands/toggle-task';
import { ErrorReporter, message } from './errors';
import { registerRunner } from './runner/lazy';
import { LazyServer, type ServerHandle } from './server-handle';
import { registerStatusBar } from './status';

let server: LazyServer | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Signoff', { log: true });
  context.subscriptions.push(log);
  const errors = new ErrorReporter(log);
  try {
    server = new LazyServer(context, log, errors);
    context.subscriptions.push(
      server,
      registerToggleTask(server),
      ...registerPhaseCommands(server),
      ...registerNewDocumentCommands(),
      registerRestartServer(server, log),
      registerSealCommand(server),
      registerShowOutput(log),
      registerStatusBar(server),
      // initializationOptions carry workspaceTrusted; a fresh server picks up the grant.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart()),
    );
    registerRunnerSafely(context, server, log, errors);
    server.startSoon();
    log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (language client loading next)`);
  } catch (e) {
    errors.report(`Signoff failed to activate: ${message(e)}`, true);
  }
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** The runner is optional at activation: a failure there must not take validation, links and hovers down. */
function registerRunnerSafely(context: vscode.ExtensionContext, s: ServerHandle, log: vscode.LogOutputChannel, errors: ErrorReporter): void {
  try {
    registerRunner(context, s, log);
  } catch (e) {
    errors.report(`Signoff: the checklist runner failed to start: ${message(e)}`, true);
  }
}
