/**
 * The core's Host on Node: node:fs for files, `git ls-files` (or a directory walk) for the file list, and
 * programs run through the one spawner (process.ts). Shared by the CLI and the language server. Nothing is ever read outside the
 * workspace root: paths are checked lexically and again after symlinks are resolved.
 */
import { lstatSync, promises as fsp, realpathSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { FileStat, Host, LogLevel, ProcessResult } from '../core/host';
import ignore, { type Ignore } from 'ignore';
import { matchesAny } from '../core/glob';
import { NodeSealHost } from './seal-host';
import { runProcess } from './process';
import type { ChangeSet } from '../core/evidence/changes';
import { notRegularMessage, readRegularFile, specialKind } from './regular-file';
import { insideRoot, toPosix, workspacePath } from './paths';

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
  private ignored?: Promise<ReadonlySet<string>>;
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

  /** Workspace path of an absolute path under the root (outside it: a `../` path, for messages only). */
  relative(abs: string): string {
    return workspacePath(this.root, abs) ?? toPosix(path.relative(this.root, abs));
  }

  private isInside(abs: string): boolean {
    return insideRoot(this.root, abs);
  }

  async readFile(rel: string): Promise<Uint8Array | undefined> {
    const real = await this.realAbsolute(rel);
    if (!real) return undefined;
    // A FIFO, socket or device is never opened: opening a FIFO blocks until a writer comes (forever).
    const read = await readRegularFile(real);
    if ('bytes' in read) return read.bytes;
    if (read.special && read.special !== 'a directory') this.log('warn', notRegularMessage(rel, read.special));
    return undefined;
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
    const read = await readRegularFile(real, { maxBytes });
    if ('bytes' in read) return { stat: fileStat(read.stats), bytes: read.bytes };
    return read.stats ? { stat: fileStat(read.stats) } : undefined;
  }

  async realPath(rel: string): Promise<string | undefined> {
    const real = await this.realAbsolute(rel);
    return real === undefined ? undefined : this.relative(real);
  }

  private async realAbsolute(rel: string): Promise<string | undefined> {
    const abs = this.absolute(rel);
    if (!abs || !mayExist(abs)) return undefined;
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
      if (!mayExist(p)) continue; // missing: its parent may still be a link out of the root
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
    this.ignored = undefined;
  }

  /**
   * Tracked files that .gitignore rules cover (`git ls-files --cached --ignored`): an archived copy committed before
   * its folder was ignored. Without git, ignored folders are never listed (walk), so the set is empty.
   */
  ignoredFiles(): Promise<ReadonlySet<string>> {
    this.ignored ??= (async () => {
      const r = await this.exec('git', ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard', '--', '.'], { timeoutMs: 60_000, cwd: this.root, maxOutput: 512 * 1024 * 1024 });
      // Paths come relative to the root (the current directory of the command), as listFiles gives them.
      return new Set(r.code === 0 ? r.stdout.split('\0').filter(Boolean) : []);
    })();
    return this.ignored;
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

/**
 * False when nothing is at `abs` (ENOENT), found without an exception: most cited paths that are not in the file
 * index do not exist, and a failing realpath builds an Error with a stack each time (8% of a corpus check). True
 * when something is there or lstat failed otherwise (ELOOP...): realpath then decides, as before.
 */
function mayExist(abs: string): boolean {
  try {
    return lstatSync(abs, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
