/**
 * What the validator is given (ValidatorDeps), and what the workspace scan (scan.ts) and the answers to file events
 * (file-events.ts) may ask of it (Passes): run its two passes, forget a document, publish, schedule. Stated here so
 * neither imports validator.ts.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LogLevel } from '../core/index';
import type { Folder, Folders } from './folders';
import type { Settings } from './settings';
import type { DocumentSources } from './sources';

export interface ValidatorDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: Folders;
  /** Buffer or disk, and the one entry per open version. */
  sources: DocumentSources;
  /** Settings of a resource (a document URI, or a folder URI for closed files). */
  settings(scopeUri: string): Promise<Settings>;
  log(level: LogLevel, message: string): void;
  /** Whether the client can show work-done progress created by the server. */
  progress: boolean;
  /** Called when run records change (code lenses show their verdicts). */
  onRunsChanged(folder: Folder): void;
}

export interface Passes extends ValidatorDeps {
  /** The server is shutting down. */
  disposed(): boolean;
  /** The document pass of one path, then the workspace pass it calls for; publishes. */
  checkPath(folder: Folder, path: string): Promise<unknown>;
  /** The workspace pass of every document of a complete folder (`force`: publish even unchanged findings). */
  workspacePass(folder: Folder, force?: boolean): Promise<void>;
  /** A document is gone: its summary and diagnostics too. */
  forget(folder: Folder, path: string): void;
  isOpen(folder: Folder, path: string): boolean;
  publishConfig(folder: Folder): void;
  scanFolder(folder: Folder): Promise<void>;
  schedule(folder: Folder, paths: Iterable<string> | 'all', delayMs: number): void;
}
