/**
 * The client's file events: sorted per folder (whether `.signoff.json`, run records or git's HEAD changed, whether
 * files came or went, which files changed), then answered: a config change re-scans, HEAD invalidates drift, and the
 * document pass runs again for the documents each change concerns (those citing a file of that name or that read it
 * last time, and the document itself).
 */
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { CONFIG_FILE, matchesAny } from '../core/index';
import { RUNS_FOLDER } from '../protocol/index';
import type { Folder, Folders } from './folders';
import type { Passes } from './passes';

/** Re-checks after file events are batched over this window. */
const FILE_EVENT_DELAY_MS = 150;

export async function fileEvents(v: Passes, changes: readonly FileEvent[]): Promise<void> {
  for (const [folder, e] of sortFileEvents(v.folders, changes)) {
    if (e.config) {
      // include/exclude may have changed: the set of documents is the scan's to decide.
      if (folder.adHoc) {
        await folder.loadConfig();
        v.publishConfig(folder);
        v.schedule(folder, 'all', 0);
      } else await v.scanFolder(folder);
      if (e.runs) v.onRunsChanged(folder);
      continue;
    }
    if (e.head) {
      folder.engine.workspace.evidence(folder.engine.host, folder.engine.config).drift.invalidate();
      v.schedule(folder, 'all', FILE_EVENT_DELAY_MS);
    }
    const { paths, unindexedMarkdown } = await concernedBy(folder, e);
    if (e.runs) runsChanged(v, folder, paths);
    v.schedule(folder, paths, FILE_EVENT_DELAY_MS);
    // Markdown that is not checked may still declare a Certificate ID (idsOutsideIndex): every workspace pass.
    if (unindexedMarkdown) await v.workspacePass(folder);
  }
}

/** The client wrote a run record for this checklist (signoff/runRecorded): re-check it now, not after a watcher. */
export function runRecorded(v: Passes, checklistUri: string): void {
  const target = v.folders.resolve(checklistUri);
  if (!target) return;
  const paths = new Set([target.path]);
  runsChanged(v, target.folder, paths);
  v.schedule(target.folder, paths, 0);
}

/** Run records changed: every checklist's checklist-check-failed and lenses may change. */
function runsChanged(v: Passes, folder: Folder, paths: Set<string>): void {
  for (const [docPath, state] of folder.docs) if (state.kind === 'checklist') paths.add(docPath);
  v.onRunsChanged(folder);
}

interface FolderEvents {
  config: boolean;
  runs: boolean;
  /** HEAD moved or a branch advanced: git histories (drift) are stale. */
  head: boolean;
  /** Files were created, deleted or renamed. */
  structural: boolean;
  changed: Set<string>;
}

function sortFileEvents(folders: Folders, changes: readonly FileEvent[]): Map<Folder, FolderEvents> {
  const perFolder = new Map<Folder, FolderEvents>();
  for (const change of changes) {
    const target = folders.resolveKnown(change.uri);
    if (!target) continue;
    let e = perFolder.get(target.folder);
    if (!e) perFolder.set(target.folder, (e = { config: false, runs: false, head: false, structural: false, changed: new Set() }));
    if (target.path === CONFIG_FILE) e.config = true;
    else if (target.path.startsWith(RUNS_FOLDER + '/')) e.runs = true;
    else if (target.path === '.git' || target.path.startsWith('.git/')) {
      // Other git internals are noise.
      if (target.path === '.git/HEAD' || target.path.startsWith('.git/refs/')) e.head = true;
    } else if (matchesAny(target.path, target.folder.config.exclude) || matchesAny(target.path + '/x', target.folder.config.exclude)) continue;
    else if (change.type === FileChangeType.Changed) e.changed.add(target.path);
    else e.structural = true;
  }
  return perFolder;
}

/** Documents whose document pass depends on a file: they cite a file of its name, or read it last time. */
function concerning(folder: Folder, path: string, into: Set<string>): void {
  for (const d of folder.engine.workspace.documentsCiting(path)) into.add(d);
  for (const [docPath, state] of folder.docs) if (state.reads.has(path)) into.add(docPath);
}

/**
 * The documents to check again after a folder's file changes (not `.signoff.json`, not HEAD: those re-check more),
 * and whether Markdown that is not indexed came, went or changed (it may declare a Certificate ID: idsOutsideIndex).
 */
async function concernedBy(folder: Folder, e: FolderEvents): Promise<{ paths: Set<string>; unindexedMarkdown: boolean }> {
  const paths = new Set<string>();
  const workspace = folder.engine.workspace;
  let unindexedMarkdown = false;
  if (e.structural) {
    // Re-listed rather than patched (a deleted or created folder arrives as one event for the folder), and
    // compared with the old listing: the files that came or went concern the documents citing their names.
    const before = new Set(workspace.files);
    const after = await folder.refreshFiles();
    const now = new Set(after);
    const moved = [...after.filter((f) => !before.has(f)), ...[...before].filter((f) => !now.has(f))];
    for (const p of moved) {
      concerning(folder, p, paths);
      if (!p.toLowerCase().endsWith('.md')) continue;
      if (folder.engine.isIncluded(p) && (now.has(p) || workspace.get(p))) paths.add(p);
      unindexedMarkdown = true; // ordinary or excluded Markdown may declare IDs too
    }
  }
  for (const p of e.changed) {
    workspace.fileChanged(p);
    if (folder.docs.has(p) || workspace.get(p)) paths.add(p);
    else if (p.toLowerCase().endsWith('.md') && folder.engine.isIncluded(p)) paths.add(p);
    else if (p.toLowerCase().endsWith('.md')) unindexedMarkdown = true;
    concerning(folder, p, paths);
  }
  return { paths, unindexedMarkdown };
}
