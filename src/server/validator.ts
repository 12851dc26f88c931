/**
 * Diagnostics, pushed for every certificate and checklist of the workspace, open or not, in the engine's two
 * passes:
 * - the document pass, per document (open buffer or file on disk, one pipeline: sources.ts, which also keeps the
 *   one entry per open version that the editor features share), checked against the complete file list (checks
 *   wait for the folder's listing), summarised into the workspace index;
 * - the workspace pass, on summaries only, once the folder is complete (every document summarised by the scan),
 *   and again for exactly the documents `workspace.affectedBy` names when a summary changes.
 * Before the folder is complete an open document shows its document findings only; closed documents are
 * published when the scan completes. File events re-run the document pass of the documents they concern: those
 * citing a file of that name or that read it (created, deleted, renamed, changed), the document itself; a
 * `.signoff.json` change re-scans; a run record re-checks the checklists (file-events.ts sorts them).
 * When checks run is schedule.ts's; an open version's check settles its entry (document-version.ts), which the
 * editor features await.
 */
import type { Diagnostic, FileEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mergeFindings, summarize, type Finding } from '../core/index';
import { findingToDiagnostic, sameFindings, type RelatedResolver } from './convert';
import type { DocState } from './doc-state';
import type { DocumentVersion } from './document-version';
import { fileEvents, runRecorded } from './file-events';
import type { Passes, ValidatorDeps } from './passes';
import { scanAll, scanFolder } from './scan';
import { kindHint } from './features/kind-hint';
import { type Folder, type Folders, UNSAVED_PREFIX } from './folders';
import { errText } from './safe';
import { Scheduler } from './schedule';

export class Validator {
  /** Per document (folder root + path): bumped by every check started; a check whose number is stale is dropped. */
  private readonly generation = new Map<string, number>();
  /** When open documents and batches of documents are checked (and the open versions' answers features await). */
  readonly scheduler: Scheduler;
  /** URIs we published non-empty diagnostics for (so an emptied document gets an empty list once). */
  private readonly published = new Set<string>();
  private disposed = false;

  constructor(private readonly deps: ValidatorDeps) {
    this.scheduler = new Scheduler({ ...deps, checkPath: (folder, path) => this.checkPath(folder, path) });
  }

  dispose(): void {
    this.disposed = true;
    this.scheduler.dispose();
    this.deps.sources.dispose();
  }

  /** A document was closed: its diagnostics now come from the file on disk (or go, for a file outside the folders). */
  closed(uri: string): void {
    this.scheduler.cancel(uri);
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
    // The open version this check answers for: settled on every way out, unless a newer check took over.
    const check: { entry?: DocumentVersion; state?: DocState } = {};
    try {
      check.state = await this.documentPass(folder, path, stale, check);
      return check.state;
    } finally {
      if (!stale()) check.entry?.settle(check.state);
    }
  }

  private async documentPass(folder: Folder, path: string, stale: () => boolean, check: { entry?: DocumentVersion }): Promise<DocState | undefined> {
    await folder.whenReady();
    const open = this.openDocument(folder, path);
    if (open) (check.entry = this.deps.sources.entry(folder, path, open)).checking();
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
    check.entry = loaded?.entry;
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
    const state: DocState = { path, kind: doc.kind, lines: doc.lines, version, enabled: settings.enable, documentFindings: pass.findings, workspaceFindings: [], findings: pass.findings, reads };
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
    this.scheduler.dropFolder(folder);
    this.deps.sources.folderRemoved(folder);
  }

  // ---- the workspace scan (scan.ts) ----

  scanAll(folders: Folder[]): Promise<void> {
    return scanAll(this.passes(), folders);
  }

  scanFolder(folder: Folder): Promise<void> {
    return scanFolder(this.passes(), folder);
  }

  // ---- file events (sorted and answered in file-events.ts) ----

  runRecorded(checklistUri: string): void {
    runRecorded(this.passes(), checklistUri);
  }

  fileEvents(changes: FileEvent[]): Promise<void> {
    return fileEvents(this.passes(), changes);
  }

  /** What the scan and the answers to file events may do: run the passes, publish, schedule. */
  private passes(): Passes {
    return {
      ...this.deps,
      disposed: () => this.disposed,
      checkPath: (folder, path) => this.checkPath(folder, path),
      workspacePass: (folder, force) => this.workspacePass(folder, 'all', force),
      forget: (folder, path) => this.forget(folder, path, folder.uriOf(path)),
      isOpen: (folder, path) => !!this.openDocument(folder, path),
      publishConfig: (folder) => this.publishConfig(folder),
      scanFolder: (folder) => this.scanFolder(folder),
      schedule: (folder, paths, delayMs) => this.scheduler.schedule(folder, paths, delayMs),
    };
  }
}
