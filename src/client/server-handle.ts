/**
 * What the commands, the status bar and the runner hold on to: a handle on the language server that exists from
 * the first line of activate(), while vscode-languageclient itself lives in a second bundle (dist/language-client.js,
 * about 330 KB of the client's 360 KB) that is required right after activate() returns. Activation so loads no LSP
 * code and waits for nothing; anything that needs the server before the load has run simply awaits it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentInfo, LedgerStatus, SealResult } from '../protocol/index';
import { message, type ErrorReporter } from './errors';
import type * as LanguageClientBundle from './language-client';

type SignoffServer = LanguageClientBundle.SignoffServer;

export interface ServerHandle extends vscode.Disposable {
  /** The server's view of a document, or undefined when the server is off, failed to load or the request fails. */
  documentInfo(document: vscode.TextDocument): Promise<DocumentInfo | undefined>;
  /** A run record was written for the document: the server re-checks it without waiting for a file event. */
  runRecorded(document: vscode.TextDocument): void;
  /** Seals the certificate's current text (the server computes the edit; the client applies it). */
  seal(document: vscode.TextDocument, key: string | undefined): Promise<SealResult | undefined>;
  /** The review ledger of a workspace folder, as `signoff status --format json` prints it; undefined when unavailable. */
  ledger(folder: vscode.Uri): Promise<LedgerStatus | undefined>;
  /** Stops and starts the server (also resets the crash counter); loads the client again if its load failed. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Fires when the server's state changes (starting, running, stopped). */
  readonly onDidChangeState: vscode.Event<void>;
}

/**
 * dist/language-client.js, next to dist/extension.js (esbuild.mjs builds both). The path is computed, so esbuild
 * leaves the require alone instead of bundling the module into extension.js.
 */
function requireBundle(): typeof LanguageClientBundle {
  return require(path.join(__dirname, 'language-client.js')) as typeof LanguageClientBundle;
}

export class LazyServer implements ServerHandle {
  private server: Promise<SignoffServer | undefined> | undefined;
  private disposed = false;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeState = this.stateChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly errors: ErrorReporter,
    private readonly load: () => typeof LanguageClientBundle = requireBundle,
  ) {}

  /** Loads the client and starts the server as soon as the current task (activate()) has returned. */
  startSoon(): void {
    void this.ready();
  }

  async documentInfo(document: vscode.TextDocument): Promise<DocumentInfo | undefined> {
    return (await this.ready())?.documentInfo(document);
  }

  runRecorded(document: vscode.TextDocument): void {
    void this.ready().then((s) => s?.runRecorded(document));
  }

  async seal(document: vscode.TextDocument, key: string | undefined): Promise<SealResult | undefined> {
    return (await this.ready())?.seal(document, key);
  }

  async ledger(folder: vscode.Uri): Promise<LedgerStatus | undefined> {
    return (await this.ready())?.ledger(folder);
  }

  async restart(): Promise<void> {
    const s = await this.ready();
    if (s) return s.restart();
    if (this.disposed) return;
    // The load failed (already reported): Restart Server is the user's retry.
    this.server = undefined;
    await this.ready();
  }

  async stop(): Promise<void> {
    await (await this.server)?.stop();
  }

  dispose(): void {
    this.disposed = true;
    void this.server?.then((s) => s?.dispose());
    this.stateChanged.dispose();
  }

  private ready(): Promise<SignoffServer | undefined> {
    return (this.server ??= new Promise((resolve) => setImmediate(() => resolve(this.loadAndStart()))));
  }

  private loadAndStart(): SignoffServer | undefined {
    if (this.disposed) return undefined;
    const started = performance.now();
    try {
      const { SignoffServer } = this.load();
      const s = new SignoffServer(this.context, this.log, this.errors);
      s.client.onDidChangeState(() => this.stateChanged.fire());
      this.log.info(`language client loaded in ${(performance.now() - started).toFixed(1)} ms (after activation)`);
      void s.start();
      return s;
    } catch (e) {
      this.errors.report(`The Signoff language client failed to load: ${message(e)}`, true);
      return undefined;
    }
  }
}
