/**
 * Diagnostics, pushed for every certificate and checklist of the workspace, open or not. Open documents are checked
 * from their buffer (debounced while typing, the latest version wins); closed ones from disk, after a background scan
 * at startup and again on file events: a changed file re-checks the documents whose last check read it, a created or
 * deleted one re-checks every document (suffix matches over the file list may change), `.signoff.json` reloads the
 * configuration, a run record re-checks the checklists.
 */
import type { Connection, FileEvent, TextDocuments } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, decodeText, LineIndex, matchesAny, type DecodedText, type DocumentKind, type Finding, type LogLevel } from '../core/index';
import type { DocumentSummary } from '../core/workspace';
import type { PendingCheck } from '../core/engine';
import { RUNS_FOLDER } from '../protocol/index';
import { findingToDiagnostic, type RelatedResolver } from './convert';
import { Folder, Folders, recordReads, UNSAVED_PREFIX, type Reads } from './folders';
import type { Settings } from './settings';

export interface DocState {
  path: string;
  kind: DocumentKind;
  text: string;
  lines: LineIndex;
  /** Version of the open document that was checked; undefined when checked from disk. */
  version?: number;
  findings: Finding[];
  /** Files the check read (for "a cited file changed"). */
  reads: Set<string>;
}

export interface ValidatorDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: Folders;
  /** Settings of a resource (a document URI, or a folder URI for closed files). */
  settings(scopeUri: string): Promise<Settings>;
  log(level: LogLevel, message: string): void;
  /** Whether the client can show work-done progress created by the server. */
  progress: boolean;
  /** Called when run records change (code lenses show their verdicts). */
  onRunsChanged(folder: Folder): void;
}

interface Pending {
  all: boolean;
  paths: Set<string>;
  timer?: NodeJS.Timeout;
  /** When the timer fires (ms since epoch). */
  due?: number;
}

/** Re-checking everything after another document's identity changed waits this long (typing in the ID field). */
const INDEX_CHANGE_DELAY_MS = 750;
/** Re-checks after file events are batched over this window. */
const FILE_EVENT_DELAY_MS = 150;

export class Validator {
  /** Per document (folder root + path): bumped by every check started; a check whose number is stale is dropped. */
  private readonly generation = new Map<string, number>();
  private readonly typingTimers = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Map<Folder, Pending>();
  private readonly scanning = new Set<Folder>();
  /** URIs we published non-empty diagnostics for (so an emptied document gets an empty list once). */
  private readonly published = new Set<string>();
  private disposed = false;

  constructor(private readonly deps: ValidatorDeps) {}

  dispose(): void {
    this.disposed = true;
    for (const t of this.typingTimers.values()) clearTimeout(t);
    for (const p of this.pending.values()) clearTimeout(p.timer);
  }

  // ---- open documents ----

  /** A document was opened or edited: check it after the debounce (immediately on open). */
  async scheduleOpen(uri: string, immediate: boolean): Promise<void> {
    const target = this.deps.folders.resolve(uri);
    if (!target) return;
    const settings = await this.deps.settings(uri);
    clearTimeout(this.typingTimers.get(uri));
    const delay = immediate ? 0 : settings.validate.debounceMs;
    this.typingTimers.set(uri, setTimeout(() => {
      this.typingTimers.delete(uri);
      void this.checkPath(target.folder, target.path).catch((e) => this.deps.log('error', `check of ${uri} failed: ${errText(e)}`));
    }, delay));
  }

  /** The state of an open document for its current version, checking it now if it is stale. */
  async current(uri: string): Promise<{ folder: Folder; state: DocState } | undefined> {
    const doc = this.deps.documents.get(uri);
    const target = this.deps.folders.resolve(uri);
    if (!doc || !target) return undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const state = target.folder.docs.get(target.path);
      if (state && state.version === doc.version && state.text === doc.getText()) return { folder: target.folder, state };
      if (state === undefined && attempt > 0 && this.deps.documents.get(uri)?.version === doc.version) return undefined; // not a document
      clearTimeout(this.typingTimers.get(uri));
      this.typingTimers.delete(uri);
      await this.checkPath(target.folder, target.path);
    }
    return undefined;
  }

  /** A document was closed: its diagnostics now come from the file on disk (or go, for a file outside the folders). */
  closed(uri: string): void {
    clearTimeout(this.typingTimers.get(uri));
    this.typingTimers.delete(uri);
    const target = this.deps.folders.resolve(uri);
    if (!target) return;
    if (target.folder.adHoc || target.path.startsWith(UNSAVED_PREFIX)) {
      this.bump(target.folder, target.path);
      target.folder.docs.delete(target.path);
      target.folder.engine.workspace.remove(target.path);
      this.publish(target.folder, target.path, uri, []);
      return;
    }
    void this.checkPath(target.folder, target.path).catch((e) => this.deps.log('error', `check of ${uri} failed: ${errText(e)}`));
  }

  // ---- checking ----

  private key(folder: Folder, path: string): string {
    return `${folder.root}\0${path}`;
  }

  private bump(folder: Folder, path: string): number {
    const key = this.key(folder, path);
    const n = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, n);
    return n;
  }

  /** The open document for a folder path, if any. */
  private openDocument(folder: Folder, path: string): TextDocument | undefined {
    const direct = this.deps.documents.get(folder.uriOf(path));
    if (direct) return direct;
    for (const doc of this.deps.documents.all()) {
      const t = this.deps.folders.resolve(doc.uri);
      if (t && t.folder === folder && t.path === path) return doc;
    }
    return undefined;
  }

  /** Checks one path: the open buffer if there is one, else the file on disk; publishes its diagnostics. */
  async checkPath(folder: Folder, path: string): Promise<DocState | undefined> {
    if (this.disposed) return undefined;
    const gen = this.bump(folder, path);
    const stale = () => this.disposed || this.generation.get(this.key(folder, path)) !== gen;
    await folder.whenReady();
    const open = this.openDocument(folder, path);
    const uri = open?.uri ?? folder.uriOf(path);
    const settings = await this.deps.settings(open ? open.uri : folder.uri);
    return folder.exclusive(async () => {
      if (stale()) return undefined;
      // The config's include/exclude apply to open documents too (templates, vendored docs).
      if (!path.startsWith(UNSAVED_PREFIX) && !folder.engine.isIncluded(path)) {
        this.forget(folder, path, uri, open?.version);
        return undefined;
      }
      let text: string;
      let decoded: Omit<DecodedText, 'text'> | undefined;
      let version: number | undefined;
      if (open) {
        text = open.getText();
        version = open.version;
      } else {
        const bytes = await folder.host.readFile(path);
        if (stale()) return undefined;
        if (!bytes) {
          this.forget(folder, path, uri);
          return undefined;
        }
        const d = decodeText(bytes);
        text = d.text;
        decoded = { bom: d.bom, binary: d.binary, invalidUtf8At: d.invalidUtf8At };
      }
      const doc = folder.engine.parse(path, text, decoded);
      const before = folder.engine.workspace.get(path);
      folder.engine.workspace.update(doc);
      const identityChanged = !sameIdentity(before, folder.engine.workspace.get(path));
      if (!doc.kind) {
        folder.docs.delete(path);
        this.publish(folder, path, uri, [], version);
        if (identityChanged) this.afterIdentityChange(folder);
        return undefined;
      }
      const reads: Reads = { paths: new Set() };
      const findings = settings.enable ? await recordReads(reads, () => folder.engine.check(doc)) : [];
      if (stale()) return undefined;
      // Reads accumulate: the evidence engine caches file facts, so a later check may not read a file it still cites.
      for (const p of folder.docs.get(path)?.reads ?? []) reads.paths.add(p);
      const state: DocState = { path, kind: doc.kind, text, lines: doc.lines, version, findings, reads: reads.paths };
      folder.docs.set(path, state);
      this.publish(folder, path, uri, findings, version);
      if (identityChanged) this.afterIdentityChange(folder);
      return state;
    });
  }

  /** Keeps a closed document's state and publishes its diagnostics. */
  private store(folder: Folder, path: string, state: DocState): void {
    folder.docs.set(path, state);
    this.publish(folder, path, folder.uriOf(path), state.findings);
  }

  /** A document's Certificate ID (or kind, or existence) changed: others may now be duplicates or resolve. */
  private afterIdentityChange(folder: Folder): void {
    if (!this.scanning.has(folder)) this.schedule(folder, 'all', INDEX_CHANGE_DELAY_MS);
  }

  private forget(folder: Folder, path: string, uri: string, version?: number): void {
    const had = folder.engine.workspace.get(path);
    folder.docs.delete(path);
    folder.engine.workspace.remove(path);
    this.publish(folder, path, uri, [], version);
    if (had) this.afterIdentityChange(folder);
  }

  private resolver(folder: Folder): RelatedResolver {
    return {
      uriOf: (p) => this.openDocument(folder, p)?.uri ?? folder.uriOf(p),
      linesOf: (p) => folder.docs.get(p)?.lines,
    };
  }

  private publish(folder: Folder, _path: string, uri: string, findings: Finding[], version?: number): void {
    // Open documents always get a list (the client shows it for that version); closed ones only when it changes.
    if (!findings.length && !this.published.has(uri) && version === undefined) return;
    const resolver = this.resolver(folder);
    const diagnostics = findings.map((f) => findingToDiagnostic(f, resolver));
    if (diagnostics.length) this.published.add(uri);
    else this.published.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  publishConfig(folder: Folder): void {
    // The config file is JSON: its findings have no related info and no fixes.
    this.publish(folder, CONFIG_FILE, folder.configUri, folder.configFindings);
  }

  /** Clears every diagnostic of a folder (it was removed from the workspace). */
  removeFolder(folder: Folder): void {
    for (const path of folder.docs.keys()) {
      this.bump(folder, path);
      this.publish(folder, path, folder.uriOf(path), []);
    }
    this.publish(folder, CONFIG_FILE, folder.configUri, []);
    folder.docs.clear();
    clearTimeout(this.pending.get(folder)?.timer);
    this.pending.delete(folder);
  }

  // ---- batched re-checks ----

  /** Re-checks some paths (or every known document) of a folder after a short delay, batching requests. */
  schedule(folder: Folder, paths: Iterable<string> | 'all', delayMs: number): void {
    let p = this.pending.get(folder);
    if (!p) this.pending.set(folder, (p = { all: false, paths: new Set() }));
    if (paths === 'all') p.all = true;
    else for (const x of paths) p.paths.add(x);
    if (!p.all && !p.paths.size) return;
    // A fixed batching window, not a sliding debounce: requests join the pending batch and may bring it forward, but
    // never push it later, or a steady stream of file events (git's index, build output) would postpone it forever.
    const due = Date.now() + delayMs;
    if (p.timer && p.due !== undefined && p.due <= due) return;
    clearTimeout(p.timer);
    const batch = p;
    batch.due = due;
    batch.timer = setTimeout(() => {
      this.pending.delete(folder);
      void this.recheck(folder, batch).catch((e) => this.deps.log('error', `re-check of ${folder.root} failed: ${errText(e)}`));
    }, delayMs);
  }

  private async recheck(folder: Folder, p: Pending): Promise<void> {
    const paths = new Set(p.paths);
    if (p.all) {
      for (const path of folder.docs.keys()) paths.add(path);
      for (const d of folder.engine.workspace.allDocuments()) paths.add(d.path);
      for (const doc of this.deps.documents.all()) {
        const t = this.deps.folders.resolve(doc.uri);
        if (t && t.folder === folder) paths.add(t.path);
      }
    }
    for (const path of paths) await this.checkPath(folder, path);
  }

  // ---- the workspace scan ----

  async scanAll(folders: Folder[]): Promise<void> {
    if (!folders.length) return;
    const progress = this.deps.progress ? await this.deps.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Signoff', 0, 'Checking the workspace…', false);
    try {
      for (const folder of folders) {
        await this.scanFolder(folder, (done, total) => progress?.report(Math.floor((done / Math.max(1, total)) * 100), `${done}/${total} documents`));
      }
    } finally {
      progress?.done();
    }
  }

  /**
   * Loads the folder's configuration, indexes every included Markdown file (so workspace rules see all of them),
   * then checks each and publishes. Open documents take part with their buffers.
   */
  async scanFolder(folder: Folder, report?: (done: number, total: number) => void): Promise<void> {
    if (folder.adHoc || this.disposed) return;
    this.scanning.add(folder);
    try {
      try {
        await folder.loadConfig();
        folder.gitSetting = (await this.deps.settings(folder.uri)).evidence.git;
        folder.applyConfig();
      } finally {
        folder.configured(); // never leave checks waiting, whatever failed
      }
      this.publishConfig(folder);
      const files = await folder.refreshFiles();
      const candidates = files.filter((f) => f.toLowerCase().endsWith('.md') && folder.engine.isIncluded(f));
      const wanted = new Set(candidates);
      for (const d of folder.engine.workspace.allDocuments()) {
        if (!wanted.has(d.path) && !this.openDocument(folder, d.path)) this.forget(folder, d.path, folder.uriOf(d.path));
      }
      // In two stages, as the CLI does: while indexing, each closed document is parsed once and checked by the
      // rules that need nothing from other documents; the rest (unique ids, references) run once all are indexed.
      const started = Date.now();
      const settings = await this.deps.settings(folder.uri);
      const staged: { path: string; gen: number; pending: PendingCheck; reads: Reads; text: string; lines: LineIndex; kind: DocumentKind }[] = [];
      const openPaths: string[] = [];
      let done = 0;
      const progress = () => report?.(++done, candidates.length);
      for (const path of candidates) {
        if (this.disposed) return;
        if (this.openDocument(folder, path)) { openPaths.push(path); continue; }
        const gen = this.bump(folder, path);
        await folder.exclusive(async () => {
          if (this.generation.get(this.key(folder, path)) !== gen) return;
          const bytes = await folder.host.readFile(path);
          if (!bytes) return;
          const { text, ...facts } = decodeText(bytes);
          const doc = folder.engine.parse(path, text, facts);
          folder.engine.workspace.update(doc);
          if (!doc.kind) { folder.docs.delete(path); return; }
          const reads: Reads = { paths: new Set() };
          const first = settings.enable ? await recordReads(reads, () => folder.engine.checkStaged(doc)) : { findings: [] };
          if (first.pending) {
            staged.push({ path, gen, pending: first.pending, reads, text, lines: doc.lines, kind: doc.kind });
            return;
          }
          this.store(folder, path, { path, kind: doc.kind, text, lines: doc.lines, findings: first.findings, reads: reads.paths });
          progress();
        });
      }
      for (const path of openPaths) {
        await this.checkPath(folder, path);
        progress();
      }
      for (const s of staged) {
        if (this.disposed) return;
        await folder.exclusive(async () => {
          if (this.generation.get(this.key(folder, s.path)) !== s.gen) return;
          const findings = await recordReads(s.reads, () => folder.engine.checkPending(s.pending));
          if (this.generation.get(this.key(folder, s.path)) !== s.gen) return;
          this.store(folder, s.path, { path: s.path, kind: s.kind, text: s.text, lines: s.lines, findings, reads: s.reads.paths });
        });
        progress();
      }
      this.deps.log('info', `${folder.root}: checked ${candidates.length} Markdown files in ${Date.now() - started} ms`);
    } finally {
      this.scanning.delete(folder);
    }
  }

  // ---- file events ----

  /** The client wrote a run record for this checklist (signoff/runRecorded): re-check it now, not after a watcher. */
  runRecorded(checklistUri: string): void {
    const target = this.deps.folders.resolve(checklistUri);
    if (!target) return;
    const paths = new Set([target.path]);
    this.runsChanged(target.folder, paths);
    this.schedule(target.folder, paths, 0);
  }

  /** Run records changed: every checklist's checklist-check-failed and lenses may change. */
  private runsChanged(folder: Folder, paths: Set<string>): void {
    for (const [docPath, state] of folder.docs) if (state.kind === 'checklist') paths.add(docPath);
    this.deps.onRunsChanged(folder);
  }

  async fileEvents(changes: FileEvent[]): Promise<void> {
    const perFolder = new Map<Folder, { config: boolean; runs: boolean; head: boolean; structural: boolean; changed: Set<string>; created: Set<string> }>();
    for (const change of changes) {
      const target = this.deps.folders.resolveKnown(change.uri);
      if (!target) continue;
      let e = perFolder.get(target.folder);
      if (!e) perFolder.set(target.folder, (e = { config: false, runs: false, head: false, structural: false, changed: new Set(), created: new Set() }));
      if (target.path === CONFIG_FILE) e.config = true;
      else if (target.path.startsWith(RUNS_FOLDER + '/')) e.runs = true;
      else if (target.path === '.git' || target.path.startsWith('.git/')) {
        // HEAD moved or a branch advanced: git histories (drift) are stale. Other git internals are noise.
        if (target.path === '.git/HEAD' || target.path.startsWith('.git/refs/')) e.head = true;
      } else if (matchesAny(target.path, target.folder.config.exclude) || matchesAny(target.path + '/x', target.folder.config.exclude)) continue;
      else if (change.type === FileChangeType.Changed) e.changed.add(target.path);
      else {
        e.structural = true;
        if (change.type === FileChangeType.Created) e.created.add(target.path);
        else e.changed.add(target.path);
      }
    }
    for (const [folder, e] of perFolder) {
      if (e.config) {
        // include/exclude may have changed: the set of documents is the scan's to decide.
        if (folder.adHoc) {
          await folder.loadConfig();
          this.publishConfig(folder);
          this.schedule(folder, 'all', 0);
        } else await this.scanFolder(folder);
        if (e.runs) this.deps.onRunsChanged(folder);
        continue;
      }
      const paths = new Set<string>();
      const workspace = folder.engine.workspace;
      if (e.head) {
        workspace.evidence(folder.engine.host, folder.engine.config).drift.invalidate();
        this.schedule(folder, 'all', FILE_EVENT_DELAY_MS);
      }
      if (e.structural) {
        // Re-listed rather than patched: a deleted or created folder arrives as one event for the folder.
        await folder.refreshFiles();
        workspace.fileChanged(''); // resolved locations are stale
        for (const p of e.created) if (p.toLowerCase().endsWith('.md') && folder.engine.isIncluded(p)) paths.add(p);
      }
      for (const p of e.changed) {
        workspace.fileChanged(p);
        if (folder.docs.has(p) || workspace.get(p)) paths.add(p);
        else if (p.toLowerCase().endsWith('.md') && folder.engine.isIncluded(p)) paths.add(p);
        // Documents citing it: by name (the core's reverse index), or that read it in their last checks.
        for (const d of workspace.documentsCiting(p)) paths.add(d);
        for (const [docPath, state] of folder.docs) if (state.reads.has(p)) paths.add(docPath);
      }
      if (e.runs) this.runsChanged(folder, paths);
      // A file appearing or disappearing can change how any reference resolves (suffix matches, ambiguity).
      this.schedule(folder, e.structural ? 'all' : paths, FILE_EVENT_DELAY_MS);
      if (e.structural && paths.size) this.schedule(folder, paths, FILE_EVENT_DELAY_MS);
    }
  }
}

function sameIdentity(a: DocumentSummary | undefined, b: DocumentSummary | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && a.certificateId?.value === b.certificateId?.value;
}

export function errText(e: unknown): string {
  return e instanceof Error ? e.stack ?? e.message : String(e);
}
