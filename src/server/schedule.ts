/**
 * When checks run: the typing debounce of each open document, a check started at once when a feature awaits an
 * open version nobody checks yet, and batched re-checks of a folder's documents after file events. What a check
 * does is validator.ts's; this file only decides when.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LogLevel } from '../core/index';
import type { DocState } from './doc-state';
import type { Folder, Folders } from './folders';
import { errText } from './safe';
import type { Settings } from './settings';
import type { DocumentSources, OpenVersion } from './sources';

export interface SchedulerDeps {
  documents: TextDocuments<TextDocument>;
  folders: Folders;
  sources: DocumentSources;
  settings(scopeUri: string): Promise<Settings>;
  log(level: LogLevel, message: string): void;
  /** The document pass of one path (validator.ts). */
  checkPath(folder: Folder, path: string): Promise<unknown>;
}

/** A batch of re-checks of one folder waiting for its timer. */
interface Batch {
  /** Every known document of the folder. */
  all: boolean;
  paths: Set<string>;
  timer?: NodeJS.Timeout;
  /** When the timer fires (ms since epoch). */
  due?: number;
}

export class Scheduler {
  private readonly typing = new Map<string, NodeJS.Timeout>();
  private readonly batches = new Map<Folder, Batch>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** A document was opened or edited: check it after the debounce (immediately on open). */
  async scheduleOpen(uri: string, immediate: boolean): Promise<void> {
    const target = this.deps.folders.resolve(uri);
    if (!target) return;
    const settings = await this.deps.settings(uri);
    this.cancel(uri);
    this.typing.set(uri, setTimeout(() => {
      this.typing.delete(uri);
      this.checkNow(target.folder, target.path, uri);
    }, immediate ? 0 : settings.validate.debounceMs));
  }

  private checkNow(folder: Folder, path: string, uri: string): void {
    void this.deps.checkPath(folder, path).catch((e) => this.deps.log('error', `check of ${uri} failed: ${errText(e)}`));
  }

  /** The checked state of an open version: the check already run or under way for it, else one started now. */
  checked(open: OpenVersion): Promise<DocState | undefined> {
    return open.entry.checked(() => {
      this.cancel(open.entry.uri);
      this.checkNow(open.folder, open.path, open.entry.uri);
    });
  }

  /** The state of an open document for its current version (see checked). */
  async current(uri: string): Promise<{ folder: Folder; state: DocState } | undefined> {
    const open = await this.deps.sources.parsed(uri);
    const state = open && (await this.checked(open));
    return open && state ? { folder: open.folder, state } : undefined;
  }

  /** Forgets a document's waiting check (it runs now, or the document closed). */
  cancel(uri: string): void {
    clearTimeout(this.typing.get(uri));
    this.typing.delete(uri);
  }

  /**
   * Runs the document pass of some paths (or every known document) of a folder after `delayMs`, batched. A fixed
   * batching window, not a sliding debounce: requests join the pending batch and may bring it forward, but never push
   * it later, or a steady stream of file events (git's index, build output) would postpone it forever.
   */
  schedule(folder: Folder, paths: Iterable<string> | 'all', delayMs: number): void {
    let p = this.batches.get(folder);
    if (!p) this.batches.set(folder, (p = { all: false, paths: new Set() }));
    if (paths === 'all') p.all = true;
    else for (const x of paths) p.paths.add(x);
    if (!p.all && !p.paths.size) return;
    const due = Date.now() + delayMs;
    if (p.timer && p.due !== undefined && p.due <= due) return;
    clearTimeout(p.timer);
    const batch = p;
    batch.due = due;
    batch.timer = setTimeout(() => {
      this.batches.delete(folder);
      void this.recheck(folder, batch).catch((e) => this.deps.log('error', `re-check of ${folder.root} failed: ${errText(e)}`));
    }, delayMs);
  }

  private async recheck(folder: Folder, p: Batch): Promise<void> {
    const paths = new Set(p.paths);
    if (p.all) {
      for (const path of folder.docs.keys()) paths.add(path);
      for (const doc of this.deps.documents.all()) {
        const t = this.deps.folders.resolve(doc.uri);
        if (t && t.folder === folder) paths.add(t.path);
      }
    }
    for (const path of paths) await this.deps.checkPath(folder, path);
  }

  /** The folder is gone: its pending batch too. */
  dropFolder(folder: Folder): void {
    clearTimeout(this.batches.get(folder)?.timer);
    this.batches.delete(folder);
  }

  dispose(): void {
    for (const t of this.typing.values()) clearTimeout(t);
    for (const p of this.batches.values()) clearTimeout(p.timer);
  }
}
