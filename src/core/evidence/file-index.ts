/**
 * The workspace's files, indexed for evidence lookups: a set for exact matches and a map from file name to paths
 * for suffix matches, so each lookup is a hash probe plus a scan of the few files sharing that name. Built once from
 * the host's listing and kept current with add/remove (the language server calls them on file events).
 */
export class FileIndex {
  private readonly all = new Set<string>();
  private readonly byName = new Map<string, string[]>();
  private readonly topDirs = new Map<string, number>();
  /** Folders whose subtree holds a file other than Markdown (built on first use, dropped on add/remove). */
  private codeDirs?: Set<string>;

  constructor(files: Iterable<string> = []) {
    for (const f of files) this.add(f);
  }

  get size(): number {
    return this.all.size;
  }

  has(path: string): boolean {
    return this.all.has(path);
  }

  add(path: string): void {
    if (this.all.has(path)) return;
    this.all.add(path);
    this.codeDirs = undefined;
    const name = baseNameOf(path);
    const list = this.byName.get(name);
    if (list) list.push(path);
    else this.byName.set(name, [path]);
    const top = topDirOf(path);
    if (top) this.topDirs.set(top, (this.topDirs.get(top) ?? 0) + 1);
  }

  remove(path: string): void {
    if (!this.all.delete(path)) return;
    this.codeDirs = undefined;
    const name = baseNameOf(path);
    const list = this.byName.get(name);
    if (list) {
      const i = list.indexOf(path);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) this.byName.delete(name);
    }
    const top = topDirOf(path);
    if (top) {
      const n = (this.topDirs.get(top) ?? 1) - 1;
      if (n > 0) this.topDirs.set(top, n);
      else this.topDirs.delete(top);
    }
  }

  /** Paths whose file name is `name`. */
  withName(name: string): readonly string[] {
    return this.byName.get(name) ?? [];
  }

  /** Paths equal to `suffix` or ending in `/suffix`. */
  withSuffix(suffix: string): string[] {
    return this.withName(baseNameOf(suffix)).filter((p) => p === suffix || p.endsWith('/' + suffix));
  }

  /** Whether some file lives under this top-level folder (so `/src/x.py` is repo-rooted, not absolute). */
  hasTopDir(name: string): boolean {
    return this.topDirs.has(name);
  }

  /** Whether the folder's subtree holds any file other than Markdown (code, configuration, data). */
  holdsCode(dir: string): boolean {
    if (!this.codeDirs) {
      this.codeDirs = new Set();
      for (const p of this.all) {
        if (/\.(?:md|markdown)$/i.test(p)) continue;
        for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
          const d = p.slice(0, i);
          if (this.codeDirs.has(d)) break;
          this.codeDirs.add(d);
        }
      }
    }
    return dir === '' ? this.all.size > 0 : this.codeDirs.has(dir);
  }

  paths(): IterableIterator<string> {
    return this.all.values();
  }
}

export function baseNameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

function topDirOf(path: string): string | undefined {
  const i = path.indexOf('/');
  return i > 0 ? path.slice(0, i) : undefined;
}
