/**
 * Diagnostics, pushed for every certificate and checklist of the workspace, open or not, in the engine's two
 * passes:
 * - the document pass, per document (open buffer or file on disk, one pipeline: sources.ts, which also keeps the
 *   one parse per open version that the editor features share), checked against the complete file list (checks wait for the
 *   folder's listing), summarised into the workspace index;
 * - the workspace pass, on summaries only, once the folder is complete (every document summarised by the scan),
 *   and again for exactly the documents `workspace.affectedBy` names when a summary changes.
 * Before the folder is complete an open document shows its document findings only; closed documents are
 * published when the scan completes. File events re-run the document pass of the documents they concern: those
 * citing a file of that name or that read it (created, deleted, renamed, changed), the document itself; a
 * `.signoff.json` change re-scans; a run record re-checks the checklists.
 */
import type { Connection, Diagnostic, FileEvent, TextDocuments } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, matchesAny, mergeFindings, summarize, type Finding, type LogLevel } from '../core/index';
import { RUNS_FOLDER } from '../protocol/index';
import { findingToDiagnostic, type RelatedResolver } from './convert';
import type { DocState } from './doc-state';
import { kindHint } from './features/kind-hint';
import { type Folder, type Folders, UNSAVED_PREFIX } from './folders';
import type { Settings } from './settings';
import type { DocumentSources } from './sources';

export type { DocState } from './doc-state';

export interface ValidatorDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: Folders;
  /** Buffer or disk, and the one parse per open version. */
  sources: DocumentSources;
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

/** Re-checks after file events are batched over this window. */
const FILE_EVENT_DELAY_MS = 150;

export class Validator {
  /** Per document (folder root + path): bumped by every check started; a check whose number is stale is dropped. */
  private readonly generation = new Map<string, number>();
  private readonly typingTimers = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Map<Folder, Pending>();
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
    this.deps.sources.closed(uri);
    const target = this.deps.folders.resolve(uri);
    if (!target) return;
    if (target.folder.adHoc || target.path.startsWith(UNSAVED_PREFIX)) {
      this.bump(target.folder, target.path);
      this.forget(target.folder, target.path, uri);
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

  private openDocument(folder: Folder, path: string): TextDocument | undefined {
    return this.deps.sources.openDocument(folder, path);
  }

  /**
   * The document pass of one path, its summary indexed; then, once the folder is complete, its workspace pass and
   * that of the documents its summary change affects. Publishes.
   */
  async checkPath(folder: Folder, path: string): Promise<DocState | undefined> {
    if (this.disposed) return undefined;
    const gen = this.bump(folder, path);
    const stale = () => this.disposed || this.generation.get(this.key(folder, path)) !== gen;
    await folder.whenReady();
    const open = this.openDocument(folder, path);
    const uri = this.uriOf(folder, path);
    const settings = await this.deps.settings(open ? open.uri : folder.uri);
    if (stale()) return undefined;
    // The config's include/exclude apply to open documents too (templates, vendored docs).
    if (!path.startsWith(UNSAVED_PREFIX) && !folder.engine.isIncluded(path)) {
      this.forget(folder, path, uri, open?.version);
      return undefined;
    }
    const loaded = await this.deps.sources.load(folder, path);
    if (stale()) return undefined;
    if (!loaded) {
      this.forget(folder, path, uri);
      return undefined;
    }
    const { doc, version } = loaded;
    const reads = new Set<string>();
    const pass = settings.enable ? await folder.recording.record(reads, () => folder.engine.checkDocument(doc)) : { findings: [], summary: summarize(doc) };
    if (stale()) return undefined;
    const workspace = folder.engine.workspace;
    const before = pass.summary ? workspace.restore(pass.summary) : workspace.remove(path);
    const affected = workspace.affectedBy(before, pass.summary);
    affected.delete(path);
    if (!doc.kind) {
      folder.docs.delete(path);
      this.publish(uri, [], version, undefined, open && settings.enable ? kindHint(doc) : []);
      await this.workspacePass(folder, affected);
      return undefined;
    }
    // Reads accumulate: the evidence engine caches file facts, so a later check may not read a file it still cites.
    for (const p of folder.docs.get(path)?.reads ?? []) reads.add(p);
    const state: DocState = { path, kind: doc.kind, text: doc.text, lines: doc.lines, version, enabled: settings.enable, documentFindings: pass.findings, workspaceFindings: [], findings: pass.findings, reads };
    if (folder.complete && state.enabled && pass.summary) {
      state.workspaceFindings = await folder.engine.checkWorkspace(pass.summary);
      if (stale()) return undefined;
      state.findings = mergeFindings(state.documentFindings, state.workspaceFindings);
    }
    folder.docs.set(path, state);
    // Closed documents are published once the scan completes (with their workspace findings); open ones now.
    if (folder.complete || open) this.publish(uri, state.findings, version, folder);
    await this.workspacePass(folder, affected);
    return state;
  }

  /**
   * The workspace pass of some documents (or all) of a complete folder, on their summaries; publishes those whose
   * findings changed (`force`: all of them).
   */
  private async workspacePass(folder: Folder, paths: Iterable<string> | 'all', force = false): Promise<void> {
    if (!folder.complete || this.disposed) return;
    const list = paths === 'all' ? [...folder.docs.keys()] : [...paths];
    for (const path of list) {
      const state = folder.docs.get(path);
      const summary = folder.engine.workspace.get(path);
      if (!state) continue;
      const found = state.enabled && summary ? await folder.engine.checkWorkspace(summary) : [];
      if (folder.docs.get(path) !== state) continue; // checked again meanwhile: that check published
      const findings = mergeFindings(state.documentFindings, found);
      const changed = !sameFindings(findings, state.findings);
      state.workspaceFindings = found;
      state.findings = findings;
      if (changed || force) this.publish(this.uriOf(folder, path), findings, state.version, folder);
    }
  }

  private uriOf(folder: Folder, path: string): string {
    return this.deps.sources.uriOf(folder, path);
  }

  /** A document is gone (deleted, excluded, closed outside the folders): its summary and diagnostics too. */
  private forget(folder: Folder, path: string, uri: string, version?: number): void {
    const before = folder.engine.workspace.remove(path);
    folder.docs.delete(path);
    this.publish(uri, [], version);
    if (before) void this.workspacePass(folder, folder.engine.workspace.affectedBy(before, undefined)).catch((e) => this.deps.log('error', `workspace pass failed: ${errText(e)}`));
  }

  private resolver(folder: Folder): RelatedResolver {
    return {
      uriOf: (p) => this.openDocument(folder, p)?.uri ?? folder.uriOf(p),
      linesOf: (p) => folder.docs.get(p)?.lines,
    };
  }

  private publish(uri: string, findings: Finding[], version?: number, folder?: Folder, hints: Diagnostic[] = []): void {
    // Open documents always get a list (the client shows it for that version); closed ones only when it changes.
    if (!findings.length && !hints.length && !this.published.has(uri) && version === undefined) return;
    const resolver = folder ? this.resolver(folder) : undefined;
    const diagnostics = [...findings.map((f) => findingToDiagnostic(f, resolver)), ...hints];
    if (diagnostics.length) this.published.add(uri);
    else this.published.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  publishConfig(folder: Folder): void {
    // The config file is JSON: its findings have no related info and no fixes.
    this.publish(folder.configUri, folder.configFindings);
  }

  /** Clears every diagnostic of a folder (it was removed from the workspace). */
  removeFolder(folder: Folder): void {
    for (const path of folder.docs.keys()) {
      this.bump(folder, path);
      this.publish(folder.uriOf(path), []);
    }
    this.publish(folder.configUri, []);
    folder.docs.clear();
    clearTimeout(this.pending.get(folder)?.timer);
    this.pending.delete(folder);
  }

  // ---- batched re-checks ----

  /** Runs the document pass of some paths (or every known document) of a folder after a short delay, batched. */
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
   * Loads the folder's configuration and lists its files (checks wait for both), runs the document pass of every
   * included Markdown file (open ones from their buffers), then marks the folder complete and runs the workspace
   * pass of every document, publishing each.
   */
  async scanFolder(folder: Folder, report?: (done: number, total: number) => void): Promise<void> {
    if (folder.adHoc || this.disposed) return;
    folder.complete = false;
    let files: string[] = [];
    try {
      await folder.loadConfig();
      folder.gitSetting = (await this.deps.settings(folder.uri)).evidence.git;
      folder.applyConfig();
      files = await folder.refreshFiles();
    } finally {
      folder.configured(); // never leave checks waiting, whatever failed
    }
    this.publishConfig(folder);
    const candidates = files.filter((f) => f.toLowerCase().endsWith('.md') && folder.engine.isIncluded(f));
    const wanted = new Set(candidates);
    for (const path of [...folder.docs.keys()]) {
      if (!wanted.has(path) && !this.openDocument(folder, path)) this.forget(folder, path, folder.uriOf(path));
    }
    const started = Date.now();
    let done = 0;
    for (const path of candidates) {
      if (this.disposed) return;
      await this.checkPath(folder, path);
      report?.(++done, candidates.length);
    }
    folder.complete = true;
    await this.workspacePass(folder, 'all', true);
    this.deps.log('info', `${folder.root}: checked ${candidates.length} Markdown files in ${Date.now() - started} ms`);
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

  /** Documents whose document pass depends on a file: they cite a file of its name, or read it last time. */
  private concerning(folder: Folder, path: string, into: Set<string>): void {
    for (const d of folder.engine.workspace.documentsCiting(path)) into.add(d);
    for (const [docPath, state] of folder.docs) if (state.reads.has(path)) into.add(docPath);
  }

  async fileEvents(changes: FileEvent[]): Promise<void> {
    const perFolder = new Map<Folder, { config: boolean; runs: boolean; head: boolean; structural: boolean; changed: Set<string> }>();
    for (const change of changes) {
      const target = this.deps.folders.resolveKnown(change.uri);
      if (!target) continue;
      let e = perFolder.get(target.folder);
      if (!e) perFolder.set(target.folder, (e = { config: false, runs: false, head: false, structural: false, changed: new Set() }));
      if (target.path === CONFIG_FILE) e.config = true;
      else if (target.path.startsWith(RUNS_FOLDER + '/')) e.runs = true;
      else if (target.path === '.git' || target.path.startsWith('.git/')) {
        // HEAD moved or a branch advanced: git histories (drift) are stale. Other git internals are noise.
        if (target.path === '.git/HEAD' || target.path.startsWith('.git/refs/')) e.head = true;
      } else if (matchesAny(target.path, target.folder.config.exclude) || matchesAny(target.path + '/x', target.folder.config.exclude)) continue;
      else if (change.type === FileChangeType.Changed) e.changed.add(target.path);
      else e.structural = true;
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
      let unindexedMarkdown = false;
      if (e.head) {
        workspace.evidence(folder.engine.host, folder.engine.config).drift.invalidate();
        this.schedule(folder, 'all', FILE_EVENT_DELAY_MS);
      }
      if (e.structural) {
        // Re-listed rather than patched (a deleted or created folder arrives as one event for the folder), and
        // compared with the old listing: the files that came or went concern the documents citing their names.
        const before = new Set(workspace.files);
        const after = await folder.refreshFiles();
        const now = new Set(after);
        const moved = [...after.filter((f) => !before.has(f)), ...[...before].filter((f) => !now.has(f))];
        for (const p of moved) {
          this.concerning(folder, p, paths);
          if (!p.toLowerCase().endsWith('.md')) continue;
          if (folder.engine.isIncluded(p) && (now.has(p) || workspace.get(p))) paths.add(p);
          unindexedMarkdown = true; // ordinary or excluded Markdown may declare IDs too (idsOutsideIndex)
        }
      }
      for (const p of e.changed) {
        workspace.fileChanged(p);
        if (folder.docs.has(p) || workspace.get(p)) paths.add(p);
        else if (p.toLowerCase().endsWith('.md') && folder.engine.isIncluded(p)) paths.add(p);
        else if (p.toLowerCase().endsWith('.md')) unindexedMarkdown = true;
        this.concerning(folder, p, paths);
      }
      if (e.runs) this.runsChanged(folder, paths);
      this.schedule(folder, paths, FILE_EVENT_DELAY_MS);
      // Markdown that is not checked may still declare a Certificate ID (idsOutsideIndex): every workspace pass.
      if (unindexedMarkdown) await this.workspacePass(folder, 'all');
    }
  }
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].ruleId !== b[i].ruleId || a[i].message !== b[i].message || a[i].span.start !== b[i].span.start || a[i].span.end !== b[i].span.end || a[i].severity !== b[i].severity) return false;
  }
  return true;
}

export function errText(e: unknown): string {
  return e instanceof Error ? e.stack ?? e.message : String(e);
}
