/**
 * The language server: wiring only. Each handler finds the document, asks the core (through the feature modules),
 * converts and returns; a missing document answers empty, and a failing handler is logged and answers empty too.
 * Nothing is written to disk at startup, so a restarted server starts exactly like the first one.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  ErrorCodes,
  ResponseError,
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
import { DOCUMENT_INFO_REQUEST, RUN_RECORDED_NOTIFICATION, SEAL_REQUEST, SERVER_COMMANDS, type DocumentInfo, type DocumentInfoParams, type InitializationOptions, type RunRecordedParams, type SealParams, type SealResult } from '../protocol/index';
import { codeActions, FIX_ALL_KIND } from './features/code-actions';
import { checklistLenses, documentInfo } from './features/checklist';
import { gatedTasks, mayRequireReview } from '../core/ledger/gates';
import { documentLinks, evidenceHover } from './features/evidence';
import { evidenceDefinition } from './features/definition';
import { commandEdits, taskActions, TOGGLE_TASK_KIND, workspaceEdit } from './features/tasks';
import { documentSymbols, foldingRanges } from './features/outline';
import { sealHover, sealInfo, sealOpenDocument } from './features/seal';
import { registerLedger, withSuperseded } from './features/ledger';
import { kindHintActions } from './features/kind-hint';
import { Folders, type Folder } from './folders';
import { RunRecords } from './runs';
import { errText, safeNotification, safeRequest } from './safe';
import { DocumentSources, type OpenVersion } from './sources';
import { SETTINGS_SECTION, SettingsCache, type Settings } from './settings';
import { Validator } from './validator';

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
  const caps = { configuration: false, watchers: false, configChange: false, folders: false, progress: false, documentChanges: false, lensRefresh: false, clientCommands: false };
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
    const options = params.initializationOptions as InitializationOptions | undefined;
    trusted = options?.workspaceTrusted !== false;
    caps.clientCommands = options?.clientCommands === true;
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
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, TOGGLE_TASK_KIND] },
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
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
      validator.scheduler.schedule(folder, 'all', 50);
    }
    for (const doc of documents.all()) void validator.scheduler.scheduleOpen(doc.uri, true);
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
    return validator.scheduler.scheduleOpen(e.document.uri, first);
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

  /** The open document at its current version: its one parse, shared with the check (document-version.ts). */
  const current = (uri: string) => sources.parsed(uri);
  /** The findings of that version, once its check has run (features await them; never joined by comparing versions). */
  const findingsOf = async (c: OpenVersion) => (await validator.scheduler.checked(c))?.findings;
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
    return checklistLenses(p.textDocument.uri, c.doc, await runs.latestByPhase(c.folder, c.path), caps.clientCommands);
  }));

  connection.onDocumentLinks(safeRequest(log, 'documentLink', [], async (p) => {
    const c = await current(p.textDocument.uri);
    if (!c || !c.doc.kind || !(await enabled(p.textDocument.uri))) return [];
    return documentLinks(c.folder, c.doc);
  }));

  connection.onDefinition(safeRequest(log, 'definition', null, async (p) => {
    const c = await current(p.textDocument.uri);
    if (!c || c.doc.kind !== 'certificate' || !(await enabled(p.textDocument.uri))) return null;
    return evidenceDefinition(c.folder, c.doc, p.position);
  }));

  // Toggle task, check/uncheck all in phase, for every client: the edit goes back through workspace/applyEdit.
  connection.onExecuteCommand(safeRequest(log, 'executeCommand', null, async (p) => {
    const [uri, target] = (p.arguments ?? []) as [unknown, unknown];
    const c = typeof uri === 'string' ? await current(uri) : undefined;
    const text = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!c || !text) throw new ResponseError(ErrorCodes.InvalidParams, `${p.command}: the first argument must be the URI of an open document`);
    const edits = commandEdits(documentInfo(text.uri, c.doc, new Map()), p.command, target);
    if (typeof edits === 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${p.command}: ${edits}`);
    if (!edits.length) return null;
    const applied = await connection.workspace.applyEdit({ label: 'Signoff: checklist', edit: workspaceEdit(text.uri, text.version, edits, caps.documentChanges) });
    return { applied: applied.applied };
  }));

  connection.onHover(safeRequest(log, 'hover', null, async (p) => {
    const c = await current(p.textDocument.uri);
    if (!c || !c.doc.kind || !(await enabled(p.textDocument.uri))) return null;
    const findings = await findingsOf(c);
    return sealHover(c.doc, p.position, findings) ?? evidenceHover(c.folder, c.doc, p.position, findings);
  }));

  connection.onCodeAction(safeRequest(log, 'codeAction', [], async (p) => {
    const uri = p.textDocument.uri;
    if (!documents.get(uri)) return [];
    // Toggling is checklist editing, not validation: offered when validation is off too.
    const parsed = await current(uri);
    const text = documents.get(uri);
    const toggles = parsed && text && parsed.doc.kind === 'checklist'
      ? taskActions(documentInfo(uri, parsed.doc, new Map()), p.range, p.context.only, (edits) => workspaceEdit(uri, text.version, edits, caps.documentChanges))
      : [];
    if (!(await enabled(uri))) return toggles;
    // A file close to a kind: the quick fix that inserts the directive (features/kind-hint.ts).
    if (parsed && text && !parsed.doc.kind) return kindHintActions(uri, text.version, parsed.doc, p, caps.documentChanges);
    const state = parsed && (await validator.scheduler.checked(parsed));
    // Edits are made for the version checked: none when the buffer moved on meanwhile.
    if (!parsed || !state || documents.get(uri)?.version !== parsed.version) return toggles;
    const { folder } = parsed;
    const fixes = await codeActions(p, {
      uri,
      version: parsed.version,
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
    return [...fixes, ...toggles];
  }));

  connection.onRequest(DOCUMENT_INFO_REQUEST, safeRequest(log, DOCUMENT_INFO_REQUEST, null, async (p: DocumentInfoParams): Promise<DocumentInfo | null> => {
    const c = await current(p.uri);
    if (!c) return null;
    const verdicts = c.doc.kind === 'checklist' ? await runs.latestByPhase(c.folder, c.path) : new Map();
    const info = documentInfo(p.uri, c.doc, verdicts);
    const seal = c.doc.kind === 'certificate' ? sealInfo(c.doc, await findingsOf(c)) : undefined;
    const gates = c.doc.kind === 'checklist' && mayRequireReview(c.doc.text) ? gatedTasks(await findingsOf(c)) : [];
    return withSuperseded(c.folder, c.path, { ...info, ...(seal ? { seal } : {}), ...(gates.length ? { reviewGates: gates } : {}) });
  }));

  connection.onRequest(SEAL_REQUEST, safeRequest(log, SEAL_REQUEST, null, async (p: SealParams): Promise<SealResult | null> => {
    // Signing runs ssh-keygen with a key of the user's: never in a workspace the user has not trusted.
    if (!trusted) return { ok: false, error: 'Sealing needs a trusted workspace.' };
    const c = await current(p.uri);
    if (!c) return { ok: false, error: 'The document is not in an open workspace folder.' };
    if (c.version !== p.version) return { ok: false, error: 'The document changed while sealing; try again.' };
    const open = documents.get(p.uri);
    if (!open) return { ok: false, error: 'The document is not open.' };
    return sealOpenDocument(c.folder, c.path, open.getText(), typeof p.key === 'string' && p.key ? p.key : undefined);
  }));

  registerLedger(connection, folders, log);

  connection.onShutdown(() => validator.dispose());

  documents.listen(connection);
}
