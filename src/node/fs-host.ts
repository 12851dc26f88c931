/**
 * The core's Host on Node: node:fs for files, `git ls-files` (or a directory walk) for the file list, and
 * programs run through the one spawner (process.ts). Shared by the CLI and the language server. Nothing is ever read outside the
 * workspace root: paths are checked lexically and again after symlinks are resolved.
 */
import { constants as fsConstants, promises as fsp, realpathSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { FileStat, Host, LogLevel, ProcessResult } from '../core/host';
import ignore, { type Ignore } from 'ignore';
import { matchesAny } from '../core/glob';
import { NodeSealHost } from './seal-host';
import { runProcess } from './process';
import type { ChangeSet } from '../core/evidence/changes';

export interface NodeHostOptions {
  root: string;
  exclude?: readonly string[];
  log?: (level: LogLevel, message: string) => void;
  now?: () => Date;
  /** The file list when already known (a CLI worker thread gets the main thread's), so it is not listed again. */
  files?: readonly string[];
  /** The change under review (`check --changed-since`). */
  changeSet?: ChangeSet;
}

const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export class NodeHost implements Host {
  readonly root: string;
  private files?: Promise<string[]>;
  exclude: readonly string[];
  readonly seal: NodeSealHost;
  changeSet?: ChangeSet;

  constructor(private readonly options: NodeHostOptions) {
    this.changeSet = options.changeSet;
    this.root = safeRealpath(path.resolve(options.root));
    this.seal = new NodeSealHost(this.root, (command, args, opts) => this.exec(command, args, opts));
    this.exclude = options.exclude ?? [];
    if (options.files) this.files = Promise.resolve([...options.files]);
  }

  /** Absolute path for a workspace-relative one, or undefined when it leaves the root lexically. */
  absolute(rel: string): string | undefined {
    if (path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return undefined;
    const abs = path.resolve(this.root, rel);
    return this.isInside(abs) ? abs : undefined;
  }

  relative(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  private isInside(abs: string): boolean {
    const r = path.relative(this.root, abs);
    return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
  }

  async readFile(rel: string): Promise<Uint8Array | undefined> {
    const real = await this.realAbsolute(rel);
    if (!real) return undefined;
    try {
      // A FIFO, socket or device is never opened: opening a FIFO blocks until a writer comes (forever).
      const st = await fsp.stat(real);
      if (!st.isFile()) {
        const special = specialKind(st);
        if (special) this.log('warn', `${rel}: not a regular file (${special}), not read`);
        return undefined;
      }
      return (await readRegular(real, Number.POSITIVE_INFINITY)).bytes;
    } catch {
      return undefined;
    }
  }

  async stat(rel: string): Promise<FileStat | undefined> {
    const real = await this.realAbsolute(rel);
    if (!real) return undefined;
    try {
      return fileStat(await fsp.stat(real));
    } catch {
      return undefined;
    }
  }

  async readFileCapped(rel: string, maxBytes: number): Promise<{ stat: FileStat; bytes?: Uint8Array } | undefined> {
    const real = await this.realAbsolute(rel);
    if (!real) return undefined;
    try {
      const before = fileStat(await fsp.stat(real));
      if (!before.isFile || before.size > maxBytes) return { stat: before };
      return await readRegular(real, maxBytes);
    } catch {
      return undefined;
    }
  }

  async realPath(rel: string): Promise<string | undefined> {
    const real = await this.realAbsolute(rel);
    return real === undefined ? undefined : this.relative(real);
  }

  private async realAbsolute(rel: string): Promise<string | undefined> {
    const abs = this.absolute(rel);
    if (!abs) return undefined;
    try {
      const real = await fsp.realpath(abs);
      return this.isInside(real) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Why a path under the root cannot be reached when symbolic links are the cause: a loop, or a link (to a file or
   * a folder on the way) that leads outside the root. Undefined when links are not to blame (it simply is missing).
   */
  async linkProblem(rel: string): Promise<'loop' | 'outside' | undefined> {
    const abs = this.absolute(rel);
    if (!abs) return undefined;
    for (let p = abs; this.isInside(p) && p !== this.root; p = path.dirname(p)) {
      try {
        const real = await fsp.realpath(p);
        return this.isInside(real) ? undefined : 'outside';
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ELOOP') return 'loop';
        // ENOENT: this part is missing; its parent may still be a link out of the root.
      }
    }
    return undefined;
  }

  async listDirectory(rel: string): Promise<string[] | undefined> {
    const real = await this.realAbsolute(rel);
    if (!real) return undefined;
    try {
      return (await fsp.readdir(real)).sort();
    } catch {
      return undefined;
    }
  }

  /** Forgets the file list (after files were created or deleted). */
  invalidateFiles(): void {
    this.files = undefined;
  }

  listFiles(): Promise<string[]> {
    this.files ??= this.computeFiles();
    return this.files;
  }

  private async computeFiles(): Promise<string[]> {
    const fromGit = await this.gitFiles();
    const all = fromGit ?? (await this.walk());
    return all.filter((f) => !matchesAny(f, this.exclude)).sort();
  }

  /** Tracked plus untracked-but-not-ignored files, when the root is inside a git work tree. */
  private async gitFiles(): Promise<string[] | undefined> {
    const r = await this.exec('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', '.'], { timeoutMs: 60_000, cwd: this.root, maxOutput: 512 * 1024 * 1024 });
    if (r.code !== 0) return undefined;
    const prefix = await this.exec('git', ['rev-parse', '--show-prefix'], { timeoutMs: 10_000, cwd: this.root });
    const p = prefix.stdout.trim();
    const seen = new Set<string>();
    for (const f of r.stdout.split('\0')) {
      if (!f) continue;
      const rel = p && f.startsWith(p) ? f.slice(p.length) : f;
      seen.add(rel);
    }
    // ls-files lists deleted-but-tracked files too; keep only those that exist.
    const out: string[] = [];
    await Promise.all(
      [...seen].map(async (f) => {
        try {
          const s = await fsp.lstat(path.join(this.root, f));
          if (s.isFile() || s.isSymbolicLink()) out.push(f);
        } catch { /* deleted in the work tree */ }
      }),
    );
    return out;
  }

  /**
   * Every file under the root without git: the same files `git ls-files --others --exclude-standard` would give,
   * as far as .gitignore files go (the root's and nested ones, each relative to its folder, via the `ignore`
   * package; a folder ignored is not entered).
   */
  private async walk(): Promise<string[]> {
    const out: string[] = [];
    const stack: { dir: string; rules: GitIgnore[] }[] = [{ dir: '', rules: [] }];
    while (stack.length) {
      const { dir, rules: inherited } = stack.pop()!;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fsp.readdir(path.join(this.root, dir), { withFileTypes: true });
      } catch {
        continue;
      }
      const rules = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? [...inherited, await readGitIgnore(this.root, dir)] : inherited;
      for (const e of entries) {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!ALWAYS_SKIPPED_DIRS.has(e.name) && !matchesAny(rel + '/x', this.exclude) && !ignoredBy(rules, rel + '/')) stack.push({ dir: rel, rules });
        } else if ((e.isFile() || e.isSymbolicLink()) && !ignoredBy(rules, rel)) out.push(rel);
      }
    }
    return out;
  }

  exec(command: string, args: string[], options: { stdin?: string; timeoutMs: number; cwd?: string; maxOutput?: number }): Promise<ProcessResult> {
    return runProcess(command, args, { ...options, cwd: options.cwd ?? this.root });
  }

  now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  log(level: LogLevel, message: string): void {
    this.options.log?.(level, message);
  }
}

interface GitIgnore {
  /** Folder of the .gitignore, relative to the root ('' for the root). */
  base: string;
  matcher: Ignore;
}

async function readGitIgnore(root: string, dir: string): Promise<GitIgnore> {
  const matcher = ignore();
  try {
    matcher.add(await fsp.readFile(path.join(root, dir, '.gitignore'), 'utf8'));
  } catch { /* unreadable: ignores nothing */ }
  return { base: dir, matcher };
}

/** `rel` (a folder ends in `/`) ignored by the .gitignore files above it; the deepest one that has a say wins. */
function ignoredBy(rules: readonly GitIgnore[], rel: string): boolean {
  for (let i = rules.length - 1; i >= 0; i--) {
    const { base, matcher } = rules[i];
    const r = matcher.test(base ? rel.slice(base.length + 1) : rel);
    if (r.ignored || r.unignored) return r.ignored;
  }
  return false;
}

/** What a stat says, with the kind of a special file named (so it is reported, never opened). */
function fileStat(s: Stats): FileStat {
  const stat: FileStat = { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory() };
  const special = specialKind(s);
  if (special) stat.special = special;
  return stat;
}

export function specialKind(s: Stats): string | undefined {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return undefined;
}

/** Non-blocking where the platform has it: a second guard should the path turn into a FIFO after the stat. */
const READ_FLAGS = fsConstants.O_NONBLOCK === undefined ? fsConstants.O_RDONLY : fsConstants.O_RDONLY | fsConstants.O_NONBLOCK;

/**
 * Opens a path that a stat said is a regular file, checks again on the open handle (it may have been replaced
 * meanwhile) and reads it unless it is over `maxBytes` or no longer a regular file.
 */
async function readRegular(real: string, maxBytes: number): Promise<{ stat: FileStat; bytes?: Uint8Array }> {
  const fh = await fsp.open(real, READ_FLAGS);
  try {
    const stat = fileStat(await fh.stat());
    if (!stat.isFile) return { stat };
    if (stat.size > maxBytes) return { stat };
    return { stat, bytes: await fh.readFile() };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
