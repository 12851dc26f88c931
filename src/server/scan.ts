/**
 * The workspace scan: a folder's configuration and file list first (checks wait for both), then the document pass
 * of every included Markdown file (open ones from their buffers), then the workspace pass of every document.
 */
import type { Folder } from './folders';
import type { Passes } from './passes';

export async function scanAll(v: Passes, folders: Folder[]): Promise<void> {
  if (!folders.length) return;
  const progress = v.progress ? await v.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Signoff', 0, 'Checking the workspace…', false);
  try {
    for (const folder of folders) {
      await scanFolder(v, folder, (done, total) => progress?.report(Math.floor((done / Math.max(1, total)) * 100), `${done}/${total} documents`));
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
export async function scanFolder(v: Passes, folder: Folder, report?: (done: number, total: number) => void): Promise<void> {
  if (folder.adHoc || v.disposed()) return;
  folder.complete = false;
  let files: string[] = [];
  try {
    await folder.loadConfig();
    folder.gitSetting = (await v.settings(folder.uri)).evidence.git;
    folder.applyConfig();
    files = await folder.refreshFiles();
  } finally {
    folder.configured(); // never leave checks waiting, whatever failed
  }
  v.publishConfig(folder);
  const candidates = files.filter((f) => f.toLowerCase().endsWith('.md') && folder.engine.isIncluded(f));
  const wanted = new Set(candidates);
  for (const path of [...folder.docs.keys()]) {
    if (!wanted.has(path) && !v.isOpen(folder, path)) v.forget(folder, path);
  }
  const started = Date.now();
  let done = 0;
  for (const path of candidates) {
    if (v.disposed()) return;
    await v.checkPath(folder, path);
    report?.(++done, candidates.length);
  }
  folder.complete = true;
  await v.workspacePass(folder, true);
  v.log('info', `${folder.root}: checked ${candidates.length} Markdown files in ${Date.now() - started} ms`);
}
