/**
 * Workspace roots as the server sees them: one Folder per workspace folder (plus one per directory of a document
 * that lies outside every folder), each with its NodeHost, its configuration, its one engine (parses reused
 * between versions; the piece cache never changes a tree it handed out, so checks and editor features share the
 * parsed documents) and the state of its checked documents.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { CONFIG_FILE, type Config, type Engine, type Finding, type LogLevel } from '../core/index';
import type { NodeHost } from '../node/fs-host';
import type { RecordingHost } from '../node/recording-host';
import { loadWorkspaceConfig, openWorkspace } from '../node/workspace';
import { workspacePath } from '../node/paths';
import type { DocState } from './doc-state';

export class Folder {
  readonly host: NodeHost;
  /** The engine's host: records which files each check read (DocState.reads). */
  readonly recording: RecordingHost;
  /** Parses (reusing pieces between versions) and checks every document of the folder. */
  readonly engine: Engine;
  config: Config;
  /**
   * Every included document has been through the document pass and is summarised: the workspace pass may run.
   * Until then documents show their document findings only (against the complete file list: checks wait for
   * whenReady, which waits for the listing).
   */
  complete: boolean;
  configFindings: Finding[] = [];
  /** The `signoff.evidence.git` editor setting for this folder (off wins over the config file). */
  gitSetting = true;
  /** Checked documents (certificates and checklists) by workspace-relative path. */
  readonly docs = new Map<string, DocState>();
  /** Settles once the folder's first configuration (file and editor settings) and file listing are in place. */
  private readonly initial: Promise<void>;
  private resolveInitial!: () => void;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    readonly uri: string,
    /** Absolute root path as the client names it (URIs are built from it, so they match the client's). */
    readonly root: string,
    /** True for a folder made up for a document outside every workspace folder: never scanned. */
    readonly adHoc: boolean,
    log: (level: LogLevel, message: string) => void,
    /** Whether the workspace is trusted (the client says so at initialize; untrusted: no git at all). */
    readonly trusted: () => boolean = () => true,
  ) {
    // The defaults until the scan reads `.signoff.json` (loadConfig); untrusted: no git at all.
    ({ host: this.host, recording: this.recording, engine: this.engine, config: this.config } = openWorkspace({ root, config: { defaults: true }, log, trusted, reuseParses: true }));
    // A made-up folder is never scanned: its workspace is the documents opened in it.
    this.complete = adHoc;
    this.initial = new Promise((resolve) => { this.resolveInitial = resolve; });
    if (adHoc) this.resolveInitial();
    this.applyConfig(this.config);
  }

  /** Checks wait for this: the first configuration in place, and no reload of `.signoff.json` under way. */
  async whenReady(): Promise<void> {
    await this.initial;
    await this.loading;
  }

  /** The scan has read the config file and the editor settings and listed the files: checks may start. */
  configured(): void {
    this.resolveInitial();
  }

  get configUri(): string {
    return this.uriOf(CONFIG_FILE);
  }

  /** Reads `.signoff.json` (a broken one gives findings on that file and the defaults). */
  loadConfig(): Promise<void> {
    this.loading = this.readConfig();
    return this.loading;
  }

  private async readConfig(): Promise<void> {
    const loaded = loadWorkspaceConfig(this.root);
    if (loaded.warning) this.host.log('warn', loaded.warning);
    this.configFindings = loaded.findings;
    this.applyConfig(loaded.config);
  }

  private fileConfig?: Config;

  applyConfig(config: Config = this.fileConfig ?? this.config): void {
    this.fileConfig = config;
    const effective = this.gitSetting && this.trusted() ? config : { ...config, evidence: { ...config.evidence, git: false } };
    this.config = effective;
    this.engine.setConfig(effective);
    this.host.exclude = effective.exclude;
    this.host.invalidateFiles();
  }

  /** Re-lists the workspace's files (after files were created or deleted, or the excludes changed). */
  async refreshFiles(): Promise<string[]> {
    this.host.invalidateFiles();
    // A made-up folder is a document's own directory (maybe a home directory): never walked.
    const files = this.adHoc ? [] : await this.host.listFiles();
    this.engine.workspace.files = files;
    return files;
  }

  /** Workspace-relative path of an absolute path, or undefined when it is outside this folder. */
  relative(abs: string): string | undefined {
    const r = workspacePath(this.root, abs);
    return r === '' ? undefined : r;
  }

  uriOf(rel: string): string {
    return URI.file(path.join(this.root, ...rel.split('/'))).toString();
  }

  absolute(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }
}

/** Every folder the server knows, and which one a URI belongs to. */
export class Folders {
  private readonly folders: Folder[] = [];
  private readonly adHoc = new Map<string, Folder>();

  constructor(private readonly log: (level: LogLevel, message: string) => void, private readonly trusted: () => boolean = () => true) {}

  add(uri: string): Folder | undefined {
    const fsPath = fsPathOf(uri);
    if (!fsPath || this.folders.some((f) => f.root === fsPath)) return undefined;
    const folder = new Folder(uri, fsPath, false, this.log, this.trusted);
    this.folders.push(folder);
    return folder;
  }

  remove(uri: string): Folder | undefined {
    const fsPath = fsPathOf(uri);
    const i = this.folders.findIndex((f) => f.root === fsPath);
    if (i < 0) return undefined;
    return this.folders.splice(i, 1)[0];
  }

  all(): Folder[] {
    return [...this.folders];
  }

  /**
   * An unsaved document (a New Certificate not saved yet) is checked as if it sat at the root of the first
   * workspace folder, so its evidence resolves against the workspace. It is never read from disk.
   */
  private resolveUnsaved(uri: string): { folder: Folder; path: string } | undefined {
    const name = untitledName(uri);
    const folder = this.folders[0];
    return name && folder ? { folder, path: `${UNSAVED_PREFIX}${name}` } : undefined;
  }

  /** Like resolve, but never makes up a folder (file events for paths outside every known folder are ignored). */
  resolveKnown(uri: string): { folder: Folder; path: string } | undefined {
    const abs = fsPathOf(uri);
    if (!abs) return undefined;
    let best: { folder: Folder; path: string } | undefined;
    for (const f of [...this.folders, ...this.adHoc.values()]) {
      const rel = f.relative(abs);
      if (rel !== undefined && (!best || f.root.length > best.folder.root.length)) best = { folder: f, path: rel };
    }
    return best;
  }

  /** The innermost workspace folder holding the file; else a folder rooted at the file's own directory. */
  resolve(uri: string): { folder: Folder; path: string } | undefined {
    const abs = fsPathOf(uri);
    if (!abs) return this.resolveUnsaved(uri);
    let best: { folder: Folder; path: string } | undefined;
    for (const f of this.folders) {
      const rel = f.relative(abs);
      if (rel !== undefined && (!best || f.root.length > best.folder.root.length)) best = { folder: f, path: rel };
    }
    if (best) return best;
    const dir = path.dirname(abs);
    let folder = this.adHoc.get(dir);
    if (!folder) {
      folder = new Folder(URI.file(dir).toString(), dir, true, this.log, this.trusted);
      this.adHoc.set(dir, folder);
      // Checks wait for whenReady(), so the first one already sees this directory's .signoff.json.
      void folder.loadConfig().catch(() => undefined);
    }
    return { folder, path: path.basename(abs) };
  }
}

/** Name (`Untitled-1`) of an unsaved `untitled:` document; undefined for other URIs. */
export function untitledName(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    if (u.scheme !== 'untitled') return undefined;
    const name = u.path.split('/').pop() ?? '';
    return /^[^\\/:*?"<>|]+$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Paths of unsaved documents start with this (no file on disk can: `:` is not allowed in our paths). */
export const UNSAVED_PREFIX = 'untitled:';

/** Absolute file-system path of a `file:` URI; undefined for other schemes (untitled, git, ...). */
export function fsPathOf(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? path.resolve(u.fsPath) : undefined;
  } catch {
    return undefined;
  }
}
