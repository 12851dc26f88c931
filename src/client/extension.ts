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
import { registerMcpServer, type McpApi } from './mcp-provider';
import { ErrorReporter, message } from './errors';
import { registerReviewsView } from './ledger/view';
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
      registerReviewsView(server),
      // initializationOptions carry workspaceTrusted; a fresh server picks up the grant.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart()),
    );
    registerRunnerSafely(context, server, log, errors);
    registerMcpServerSafely(context, log);
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

/** The MCP server for agent mode (VS Code 1.101+ only): optional, like the runner; older versions register nothing. */
function registerMcpServerSafely(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  try {
    const registered = registerMcpServer(vscode as unknown as McpApi, context.asAbsolutePath('dist/cli.js'), String(context.extension.packageJSON.version ?? ''));
    context.subscriptions.push(...registered);
    log.info(registered.length ? 'MCP server registered for agent mode' : `VS Code ${vscode.version} has no MCP server API (1.101+): the MCP server is not registered (docs/agents.md configures it by hand)`);
  } catch (e) {
    log.warn(`the MCP server could not be registered: ${message(e)}`);
  }
}

/** The runner is optional at activation: a failure there must not take validation, links and hovers down. */
function registerRunnerSafely(context: vscode.ExtensionContext, s: ServerHandle, log: vscode.LogOutputChannel, errors: ErrorReporter): void {
  try {
    registerRunner(context, s, log);
  } catch (e) {
    errors.report(`Signoff: the checklist runner failed to start: ${message(e)}`, true);
  }
}
