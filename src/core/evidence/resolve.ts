/**
 * Resolution of cited paths (evidence.md "Resolution"), from where the document stands as Markdown links resolve:
 * foreign prefixes mapped; then the path relative to the document's folder; then exact under the workspace root; then
 * a unique suffix match in the nearest ancestor folder of the document whose subtree holds any match (walking up to
 * the root), ambiguous only when that folder holds several (its candidates are kept). Copies git ignores (tracked
 * files under ignored folders) never make a match ambiguous. Nothing outside the workspace is ever read (the host
 * refuses, and symlinks out are reported), nor files over `evidence.maxFileSize` (stat first) or binary ones.
 * Facts about files (line counts) are cached by path, modification time and size.
 */
import type { Config } from '../config/schema';
import type { FileStat, Host } from '../host';
import type { FileIndex } from './file-index';
import { baseNameOf } from './file-index';
import { dirName, normalizeSegments } from './paths';

/**
 * Which rule found a file: `document` (relative to the document's folder), `root` (exact under the workspace root),
 * `nearest-folder` (the only suffix match in `scope`, the nearest ancestor folder of the document holding a match) or
 * `heading` (the only match in `scope` under a folder its enclosing headings name: `## AGENT GL-001`, headings.ts).
 */
export type ResolutionRule = 'document' | 'root' | 'nearest-folder' | 'heading';

export type Location =
  | { status: 'found'; path: string; via: 'exact' | 'suffix'; rule: ResolutionRule; scope?: string; foreign?: ForeignInfo; headingWords?: string[] }
  | { status: 'missing'; tried: string; foreign?: ForeignInfo; loop?: boolean }
  /**
   * Several suffix matches in `scope`, the nearest ancestor folder of the document holding any ('' = the root).
   * `headingFolder`: a folder the reference's heading names (`## AGENT GL-001`) that holds none of them.
   */
  | { status: 'ambiguous'; candidates: string[]; scope: string; foreign?: ForeignInfo; headingFolder?: string }
  | { status: 'outside'; reason: string };

/** An absolute path from another machine, and what it means here. */
export interface ForeignInfo {
  /** The machine-specific prefix (`/home/john/lighthouse/`). */
  prefix: string;
  /** The workspace-relative rest (`src/x.py`). */
  rest: string;
}

export type FileFacts =
  | { status: 'ok'; lineCount: number; size: number; mtimeMs: number }
  | { status: 'too-large'; size: number }
  | { status: 'binary'; size: number }
  | { status: 'unreadable' }
  /** A FIFO, socket or device (`kind` says which): never opened. */
  | { status: 'special'; kind: string }
  /** An indexed path the host refuses: a link to a file outside the workspace. */
  | { status: 'outside' };

const HOME = /^(\/(?:home|Users)\/[^/]+\/[^/]+\/)(.+)$/;
const TILDE = /^(~\/[^/]+\/)(.+)$/;
const ELIDED = /^(?:…|\.\.\.)\//;
/** First folders of absolute paths that are the machine's, not the repository's (`/etc/passwd`, `/tmp/x.sh`). */
const SYSTEM_DIRS = new Set(['etc', 'usr', 'var', 'tmp', 'opt', 'root', 'proc', 'sys', 'dev', 'bin', 'sbin', 'lib', 'lib64', 'boot', 'mnt', 'media', 'srv', 'run', 'home', 'Users', 'private', 'Volumes', 'System', 'Library', 'Applications', 'nix', 'snap']);

export class PathResolver {
  private readonly locations = new Map<string, Promise<Location>>();
  private readonly facts = new Map<string, { key: string; gen: number; value: Promise<FileFacts> }>();
  private readonly texts = new Map<string, { key: string; text: string }>();
  /** Bumped when files change; cached facts are re-validated against stat after a bump. */
  generation = 0;
  private readonly mappings: [string, string][];

  constructor(private readonly host: Host, private readonly config: Config, private readonly index: () => FileIndex) {
    this.mappings = Object.entries(config.pathMappings).sort((a, b) => b[0].length - a[0].length);
  }

  /** Forget locations (files were created, deleted or renamed); facts are re-validated by stat. */
  filesChanged(): void {
    this.locations.clear();
    this.generation++;
  }

  /** Where a written path points, seen from the document at `docPath`. */
  locate(written: string, docPath: string): Promise<Location> {
    // Every rule but the root one depends on the document's folder.
    const key = `${dirName(docPath)}\0${written}`;
    let hit = this.locations.get(key);
    if (!hit) {
      hit = this.compute(written, docPath);
      this.locations.set(key, hit);
    }
    return hit;
  }

  private async compute(written: string, docPath: string): Promise<Location> {
    const index = this.index();
    let p = written;
    let foreign: ForeignInfo | undefined;
    let suffixOnly = false;
    // Mapped, foreign and `/`-rooted paths name a place under the root, never one under the document's folder.
    let rooted = false;
    const mapping = this.mappings.find(([from]) => p.startsWith(from));
    let m: RegExpExecArray | null;
    if (mapping) {
      p = mapping[1] + p.slice(mapping[0].length);
      rooted = true;
    } else if ((m = HOME.exec(p)) || (m = TILDE.exec(p))) {
      foreign = { prefix: m[1], rest: m[2] };
      p = m[2];
      rooted = true;
    } else if (ELIDED.test(p)) {
      p = p.replace(ELIDED, '');
      suffixOnly = true;
    }
    if (p.startsWith('~')) return { status: 'outside', reason: 'a path in a home folder' };
    if (p.startsWith('/')) {
      // Repo-rooted (`/src/...`, `/tests/...`) unless it names a system folder that the workspace does not have.
      const top = p.slice(1).split('/')[0];
      if (SYSTEM_DIRS.has(top) && !index.hasTopDir(top)) return { status: 'outside', reason: 'an absolute path outside the workspace' };
      p = p.slice(1);
      rooted = true;
    }
    const docDir = dirName(docPath);
    let fallback: string | undefined;
    // A relative or bare path is first read from the document's folder, as a Markdown link is.
    let local: string | undefined;
    const relative = p.startsWith('./') || p.startsWith('../');
    if (relative) {
      const joined = normalizeSegments((docDir ? docDir + '/' : '') + p);
      if (joined === undefined) return { status: 'outside', reason: 'the path leaves the workspace root' };
      fallback = normalizeSegments(p.replace(/^(?:\.\.?\/)+/, ''));
      p = joined;
    } else {
      const n = normalizeSegments(p);
      if (n === undefined) return { status: 'outside', reason: 'the path leaves the workspace root' };
      p = n;
      if (docDir && !rooted) local = docDir + '/' + p;
    }
    if (!p) return { status: 'missing', tried: written, foreign };

    if (!suffixOnly) {
      // Beside the document: indexed files only (a disk probe per reference and folder would cost a failed stat for
      // nearly every bare name); an ignored file there is still found exactly when cited from the root or by `./`.
      if (local && index.has(local)) return { status: 'found', path: local, via: 'exact', rule: 'document', foreign };
      if (await this.exact(p, index)) return { status: 'found', path: p, via: 'exact', rule: relative || (!docDir && !rooted) ? 'document' : 'root', foreign };
    }
    const suffix = fallback ?? p;
    const match = await this.nearest(index.withSuffix(suffix), docDir);
    if (match?.candidates.length === 1) return { status: 'found', path: match.candidates[0], via: 'suffix', rule: 'nearest-folder', scope: match.scope, foreign };
    if (match) return { status: 'ambiguous', candidates: sorted(match.candidates), scope: match.scope, foreign };
    // Symbolic links to blame are named: a loop, or a link out of the workspace (a folder link is not indexed).
    const link = await this.host.linkProblem?.(p);
    if (link === 'outside') return { status: 'outside', reason: `${p} leads through a symbolic link to outside the workspace` };
    return { status: 'missing', tried: p, foreign, ...(link === 'loop' ? { loop: true } : {}) };
  }

  /**
   * The suffix matches in the nearest ancestor folder of the document holding any, walking up to the root. Copies git
   * ignores count only when nothing else matches, so an ignored archive never makes a reference ambiguous.
   */
  private async nearest(all: readonly string[], docDir: string): Promise<{ candidates: string[]; scope: string } | undefined> {
    if (!all.length) return undefined;
    let candidates = [...all];
    if (candidates.length > 1 && this.host.ignoredFiles) {
      const ignored = await this.host.ignoredFiles();
      const kept = candidates.filter((c) => !ignored.has(c));
      if (kept.length) candidates = kept;
    }
    for (let dir = docDir; ; dir = dirName(dir)) {
      const under = dir ? candidates.filter((c) => c.startsWith(dir + '/')) : candidates;
      if (under.length) return { candidates: under, scope: dir };
      if (!dir) return undefined;
    }
  }

  /**
   * An exact match under the root: indexed, or present on disk though not indexed (ignored files). Indexed paths
   * are not resolved here: a link out of the root shows when its facts are read (fileFacts says 'outside').
   */
  private async exact(p: string, index: FileIndex): Promise<boolean> {
    if (index.has(p)) return true;
    const st = await this.host.stat(p);
    return !!(st?.isFile || st?.special);
  }

  /** Size, line count and readability of a workspace file; cached by path + mtime + size. */
  fileFacts(path: string): Promise<FileFacts> {
    const hit = this.facts.get(path);
    if (hit && hit.gen === this.generation) return hit.value;
    const entry = { key: hit?.key ?? '', gen: this.generation, value: Promise.resolve<FileFacts>({ status: 'unreadable' }) };
    entry.value = (async (): Promise<FileFacts> => {
      if (hit) {
        // After a change elsewhere: a stat tells whether the cached facts still hold.
        const st = await this.host.stat(path);
        if (st && statKey(st) === hit.key) {
          const old = await hit.value;
          if (old.status !== 'unreadable' && old.status !== 'outside') return old;
        }
      }
      const max = this.config.evidence.maxFileSize;
      let st: FileStat | undefined;
      let bytes: Uint8Array | undefined;
      if (this.host.readFileCapped) {
        const r = await this.host.readFileCapped(path, max);
        st = r?.stat;
        bytes = r?.bytes;
      } else {
        st = await this.host.stat(path);
        if (st?.isFile && st.size <= max) bytes = await this.host.readFile(path);
      }
      if (!st) {
        if ((await this.host.linkProblem?.(path)) === 'loop') return { status: 'special', kind: 'a symbolic link loop' };
        return this.index().has(path) && (await this.host.realPath(path)) === undefined ? { status: 'outside' } : { status: 'unreadable' };
      }
      if (!st.isFile) return st.special ? { status: 'special', kind: st.special } : { status: 'unreadable' };
      entry.key = statKey(st);
      if (st.size > max) return { status: 'too-large', size: st.size };
      if (!bytes) return { status: 'unreadable' };
      if (bytes.includes(0)) return { status: 'binary', size: bytes.length };
      return { status: 'ok', lineCount: countLines(bytes), size: st.size, mtimeMs: st.mtimeMs };
    })();
    this.facts.set(path, entry);
    return entry.value;
  }

  /** The text of a readable file (after fileFacts said 'ok'); a few recent texts are kept. */
  async readText(path: string): Promise<string | undefined> {
    const facts = await this.fileFacts(path);
    if (facts.status !== 'ok') return undefined;
    const key = `${facts.mtimeMs}:${facts.size}`;
    const hit = this.texts.get(path);
    if (hit && hit.key === key) return hit.text;
    const bytes = await this.host.readFile(path);
    if (!bytes || bytes.length > this.config.evidence.maxFileSize) return undefined;
    return this.remember(path, key, bytes);
  }

  /** Keeps the texts pytest ids and quotes were checked against, a few at a time. */
  private remember(path: string, key: string, bytes: Uint8Array): string {
    const text = new TextDecoder('utf-8').decode(bytes);
    this.texts.set(path, { key, text });
    if (this.texts.size > 32) this.texts.delete(this.texts.keys().next().value as string);
    return text;
  }
}

function statKey(st: FileStat): string {
  return `${st.mtimeMs}:${st.size}`;
}

function sorted(list: readonly string[]): string[] {
  return [...list].sort();
}

/** Lines as an editor shows them: line terminators, plus a last line without one. */
export function countLines(bytes: Uint8Array): number {
  if (!bytes.length) return 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) lf++;
    else if (bytes[i] === 13 && bytes[i + 1] !== 10) cr++;
  }
  const last = bytes[bytes.length - 1];
  return lf + cr + (last === 10 || last === 13 ? 0 : 1);
}

export { baseNameOf };
