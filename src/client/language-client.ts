/**
 * The language client: starts dist/server.js over IPC and restarts it when its process dies (a bounded number of
 * times). One LanguageClient object lives as long as the extension, so the commands, the status bar and the runner
 * can hold on to it across restarts. `signoff.enable` is per folder and honoured by the server (validation off,
 * outline and checklist commands still on), so the client always runs it.
 *
 * This module is its own bundle, dist/language-client.js (esbuild.mjs): dist/extension.js requires it right after
 * activate() returns (server-handle.ts), so activation does not load vscode-languageclient. Import it from the
 * rest of the client as a type only.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DOCUMENT_INFO_REQUEST, LEDGER_REQUEST, SEAL_REQUEST, type LedgerParams, type LedgerStatus, type SealParams, type SealResult, RUN_RECORDED_NOTIFICATION, type DocumentInfo, type DocumentInfoParams, type RunRecordedParams } from '../protocol/index';
import { message, type ErrorReporter } from './errors';

/** More crashes than this within the window and the client stops restarting (a crash loop helps nobody). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class SignoffServer implements vscode.Disposable {
  readonly client: LanguageClient;
  private readonly crashes: number[] = [];
  private readonly watchers: vscode.FileSystemWatcher[];

  constructor(context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel, private readonly errors: ErrorReporter) {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    this.watchers = ['**/*.md', '**/.signoff.json', '**/.signoff/runs/*.json'].map((g) => vscode.workspace.createFileSystemWatcher(g));
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'untitled', language: 'markdown' },
      ],
      synchronize: {
        // Closed certificates re-validate when their files, the config or a run record change.
        fileEvents: this.watchers,
      },
      // The server must not run git (evidence drift) in an untrusted folder: a repository's own git config can
      // run commands. Trust can only be granted, never revoked, within a session: the client restarts on grant.
      initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted, clientCommands: true }),
      outputChannel: log,
      traceOutputChannel: log,
      // The output channel is revealed by ErrorReporter, on the first error only.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(),
    };
    // The id 'signoff' makes the library honour the `signoff.trace.server` setting.
    this.client = new LanguageClient('signoff', 'Signoff', serverOptions, clientOptions);
    this.client.onDidChangeState((e) => log.debug(`server state: ${State[e.oldState]} -> ${State[e.newState]}`));
  }

  /** Starts the server; failures are reported, never thrown. */
  async start(): Promise<void> {
    if (!this.client.needsStart()) return;
    try {
      await this.client.start();
      this.log.info('language server started');
    } catch (e) {
      this.errors.report(`The Signoff language server failed to start: ${message(e)}`, true);
    }
  }

  async stop(): Promise<void> {
    if (this.client.needsStop()) await this.client.stop();
  }

  async restart(): Promise<void> {
    this.crashes.length = 0;
    await this.stop().catch((e) => this.log.warn(`stopping the server: ${message(e)}`));
    await this.start();
  }

  /** The server's view of a document, or undefined when the server is off or the request fails. */
  async documentInfo(document: vscode.TextDocument): Promise<DocumentInfo | undefined> {
    if (this.client.state === State.Stopped) return undefined;
    try {
      const params: DocumentInfoParams = { uri: this.client.code2ProtocolConverter.asUri(document.uri) };
      return (await this.client.sendRequest<DocumentInfo | null>(DOCUMENT_INFO_REQUEST, params)) ?? undefined;
    } catch (e) {
      this.log.warn(`${DOCUMENT_INFO_REQUEST} for ${document.uri.toString(true)} failed: ${message(e)}`);
      return undefined;
    }
  }

  /** The review ledger of a workspace folder (signoff/ledger); undefined when the server is off or the request fails. */
  async ledger(folder: vscode.Uri): Promise<LedgerStatus | undefined> {
    if (this.client.state === State.Stopped) return undefined;
    try {
      const params: LedgerParams = { folderUri: this.client.code2ProtocolConverter.asUri(folder) };
      return (await this.client.sendRequest<LedgerStatus | null>(LEDGER_REQUEST, params)) ?? undefined;
    } catch (e) {
      this.log.warn(`${LEDGER_REQUEST} for ${folder.toString(true)} failed: ${message(e)}`);
      return undefined;
    }
  }

  /** Asks the server to seal `document` (signoff/seal); undefined when the server is off or the request fails. */
  async seal(document: vscode.TextDocument, key: string | undefined): Promise<SealResult | undefined> {
    if (this.client.state === State.Stopped) return undefined;
    try {
      const params: SealParams = { uri: this.client.code2ProtocolConverter.asUri(document.uri), version: document.version, key };
      return (await this.client.sendRequest<SealResult | null>(SEAL_REQUEST, params)) ?? undefined;
    } catch (e) {
      this.log.warn(`${SEAL_REQUEST} for ${document.uri.toString(true)} failed: ${message(e)}`);
      return undefined;
    }
  }

  /** Tells the server a run record was written for `document` (it re-checks it: checklist-check-failed, lenses). */
  runRecorded(document: vscode.TextDocument): void {
    if (this.client.state !== State.Running) return; // a starting server scans the workspace, records included
    const params: RunRecordedParams = { checklistUri: this.client.code2ProtocolConverter.asUri(document.uri) };
    this.client.sendNotification(RUN_RECORDED_NOTIFICATION, params).catch((e) => this.log.warn(`${RUN_RECORDED_NOTIFICATION} failed: ${message(e)}`));
  }

  dispose(): void {
    void this.client.dispose().catch(() => undefined);
    for (const w of this.watchers) w.dispose();
  }

  private errorHandler(): ErrorHandler {
    return {
      error: (error, _msg, count): ErrorHandlerResult => {
        // Transient write/read errors: keep going unless they repeat (the library resets the count on success).
        this.log.error(`connection error (${count ?? 1}): ${error.message}`);
        return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.crashes.push(now);
        while (this.crashes.length && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
        if (this.crashes.length <= MAX_RESTARTS) {
          this.log.warn(`the language server process exited; restarting it (${this.crashes.length}/${MAX_RESTARTS})`);
          return { action: CloseAction.Restart, handled: true };
        }
        this.errors.report(`The Signoff language server crashed ${this.crashes.length} times in 3 minutes and was not restarted. Run "Signoff: Restart Server" to try again.`, true);
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }
}
