/**
 * The language server: wiring only. Each handler finds the document, asks the core (through the feature modules),
 * converts and returns; a missing document answers empty, and a failing handler is logged and answers empty too.
 * Nothing is written to disk at startup, so a restarted server starts exactly like the first one.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { LogLevel } from '../core/index';
import { DOCUMENT_INFO_REQUEST, RUN_RECORDED_NOTIFICATION, type DocumentInfo, type DocumentInfoParams, type RunRecordedParams } from '../protocol/index';
import { codeActions, FIX_ALL_KIND } from './features/code-actions';
import { checklistLenses, documentInfo } from './features/checklist';
import { documentLinks, evidenceHover } from './features/evidence';
import { documentSymbols, foldingRanges } from './features/outline';
import { Folders, type Folder } from './folders';
import { RunRecords } from './runs';
import { safeNotification, safeRequest } from './safe';
import { DocumentSources } from './sources';
import { SETTINGS_SECTION, SettingsCache, type Settings } from './settings';
import { errText, Validator } from './validator';

export function startServer(connection: Connection): void {
  const log = (level: LogLevel, message: string) => {
    if (level === 'error') connection.console.error(message);
    else if (level === 'warn') connection.console.warn(message);
    else if (level === 'info') connection.console.info(message);
    else connection.console.log(message);
  };
  process.on('uncaughtException', (e) => log('error', `uncaught: ${errText(e)}`));
  process.on('unhandledRejection', (e) => log('error', `unhandled rejection: ${errText(e)}`));

  const documents = new TextDocuments(TextDocument);
  /** The client tells whether the workspace is trusted; without a word, it is (other editors have no such notion). */
  let trusted = true;
  const folders = new Folders(log, () => trusted);
  const runs = new RunRecords();
  const caps = { configuration: false, watchers: false, configChange: false, folders: false, progress: false, documentChanges: false, lensRefresh: false };
  /** Settings pushed by a client without `workspace/configuration` (didChangeConfiguration's payload). */
  let pushed: unknown;
  const settings = new SettingsCache(
    (scopeUri) => caps.configuration
      ? connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION })
      : Promise.resolve((pushed as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]),
    (e) => log('warn', `workspace/configuration failed: ${errText(e)}`),
  );
  const refreshLenses = () => { if (caps.lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined); };
  const sources = new DocumentSources(documents, folders);
  const validator = new Validator({
    connection,
    documents,
    folders,
    sources,
    settings: (uri) => settings.get(uri),
    log,
    get progress() { return caps.progress; },
    onRunsChanged: (folder) => { runs.invalidate(folder); refreshLenses(); },
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    const options = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    trusted = options?.workspaceTrusted !== false;
    caps.configuration = !!c.workspace?.configuration;
    caps.watchers = !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    caps.configChange = !!c.workspace?.didChangeConfiguration?.dynamicRegistration;
    caps.folders = !!c.workspace?.workspaceFolders;
    caps.progress = !!c.window?.workDoneProgress;
    caps.documentChanges = !!c.workspace?.workspaceEdit?.documentChanges;
    caps.lensRefresh = !!c.workspace?.codeLens?.refreshSupport;
    const roots = params.workspaceFolders?.map((f) => f.uri)
      ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [URI.file(params.rootPath).toString()] : []);
    for (const uri of roots) folders.add(uri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentLinkProvider: { resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Signoff' },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'signoff' },
    };
  });

  connection.onInitialized(safeNotification(log, 'initialized', async () => {
    if (caps.watchers) {
      // Everything: any file may be cited by a certificate. `.signoff.json` and run records are among them.
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (caps.configChange) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (caps.folders) {
      connection.workspace.onDidChangeWorkspaceFolders(safeNotification(log, 'workspace folders', async (e) => {
        for (const f of e.removed) {
          const folder = folders.remove(f.uri);
          if (folder) validator.removeFolder(folder);
        }
        const added = e.added.map((f) => folders.add(f.uri)).filter((f): f is Folder => !!f);
        await validator.scanAll(added);
      }));
    }
    await validator.scanAll(folders.all());
  }));

  connection.onDidChangeConfiguration(safeNotification(log, 'configuration change', async (change) => {
    pushed = change.settings;
    settings.clear();
    for (const folder of folders.all()) {
      const git = (await settings.get(folder.uri)).evidence.git;
      if (git !== folder.gitSetting) {
        folder.gitSetting = git;
        folder.applyConfig();
        await folder.refreshFiles();
      }
      validator.schedule(folder, 'all', 50);
    }
    for (const doc of documents.all()) void validator.scheduleOpen(doc.uri, true);
    refreshLenses();
  }));

  connection.onNotification(RUN_RECORDED_NOTIFICATION, safeNotification(log, RUN_RECORDED_NOTIFICATION, (p: RunRecordedParams) => {
    if (typeof p?.checklistUri === 'string') validator.runRecorded(p.checklistUri);
  }));

  connection.onDidChangeWatchedFiles(safeNotification(log, 'file events', (params) => validator.fileEvents(params.changes)));

  // ---- documents ----
  const seen = new Set<string>();
  documents.onDidChangeContent(safeNotification(log, 'document change', (e) => {
    const first = !seen.has(e.document.uri);
    seen.add(e.document.uri);
    return validator.scheduleOpen(e.document.uri, first);
  }));
  documents.onDidClose(safeNotification(log, 'document close', (e) => {
    seen.delete(e.document.uri);
    settings.delete(e.document.uri);
    validator.closed(e.document.uri);
  }));
  documents.onDidSave(safeNotification(log, 'document save', (e) => {
    // Without file watchers, a save is the only news that documents citing this file may need a re-check.
    if (!caps.watchers) return validator.fileEvents([{ uri: e.document.uri, type: FileChangeType.Changed }]);
  }));

  /** The open document parsed at its current version: the same parse the checks use (one per URI and version). */
  const current = async (uri: string) => {
    const parsed = await sources.parsed(uri);
    return parsed && { ...parsed, text: { version: parsed.version } };
  };
  const enabled = async (uri: string): Promise<Settings | undefined> => {
    const s = await settings.get(uri);
    return s.enable ? s : undefined;
  };

  connection.onDocumentSymbol(safeRequest(log, 'documentSymbol', [], async (p) => {
    const c = await current(p.textDocument.uri);
    return c ? documentSymbols(c.doc) : [];
  }));

  connection.onFoldingRanges(safeRequest(log, 'foldingRange', [], async (p) => {
    const c = await current(p.textDocument.uri);
    return c ? foldingRanges(c.doc) : [];
  }));

  connection.onCodeLens(safeRequest(log, 'codeLens', [], async (p) => {
    const c = await current(p.textDocument.uri);
    if (!c || c.doc.kind !== 'checklist' || !(await enabled(p.textDocument.uri))) return [];
    return checklistLenses(p.textDocument.uri, c.doc, await runs.latestByPhase(c.folder, c.path));
  }));

  connection.onDocumentLinks(safeRequest(log, 'documentLink', [], async (p) => {
    const c = await current(p.textDocument.uri);
    if (!c || !c.doc.kind || !(await enabled(p.textDocument.uri))) return [];
    return documentLinks(c.folder, c.doc);
  }));

  connection.onHover(safeRequest(log, 'hover', null, async (p) => {
    const c = await current(p.textDocument.uri);
    if (!c || !c.doc.kind || !(await enabled(p.textDocument.uri))) return null;
    const checked = c.folder.docs.get(c.path);
    return evidenceHover(c.folder, c.doc, p.position, checked?.version === c.text.version ? checked.findings : undefined);
  }));

  connection.onCodeAction(safeRequest(log, 'codeAction', [], async (p) => {
    const uri = p.textDocument.uri;
    if (!documents.get(uri) || !(await enabled(uri))) return [];
    const cur = await validator.current(uri);
    const doc = documents.get(uri);
    if (!cur || !doc || cur.state.version !== doc.version) return [];
    const { folder, state } = cur;
    return codeActions(p, {
      uri,
      version: doc.version,
      state,
      documentChanges: caps.documentChanges,
      related: { uriOf: (path) => folder.uriOf(path), linesOf: (path) => folder.docs.get(path)?.lines },
      otherFile: async (path) => {
        const open = documents.get(folder.uriOf(path));
        const parsed = open && (await sources.parsed(open.uri));
        if (open && parsed) return { uri: open.uri, version: open.version, lines: parsed.doc.lines };
        const known = folder.docs.get(path);
        return known && known.version === undefined ? { uri: folder.uriOf(path), lines: known.lines } : undefined;
      },
    });
  }));

  connection.onRequest(DOCUMENT_INFO_REQUEST, safeRequest(log, DOCUMENT_INFO_REQUEST, null, async (p: DocumentInfoParams): Promise<DocumentInfo | null> => {
    const c = await current(p.uri);
    if (!c) return null;
    const verdicts = c.doc.kind === 'checklist' ? await runs.latestByPhase(c.folder, c.path) : new Map();
    return documentInfo(p.uri, c.doc, verdicts);
  }));

  connection.onShutdown(() => validator.dispose());

  documents.listen(connection);
}
