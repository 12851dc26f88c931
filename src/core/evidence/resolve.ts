/**
 * Resolution of cited paths (evidence.md "Resolution"): foreign prefixes mapped, then an exact match, then a unique
 * suffix match over the file index; ambiguity keeps its candidates. Nothing outside the workspace is ever read (the
 * host refuses, and symlinks out are reported), nor files over `evidence.maxFileSize` (stat first) or binary ones.
 * Facts about files (line counts) are cached by path, modification time and size.
 */
import type { Config } from '../config/schema';
import type { FileStat, Host } from '../host';
import type { FileIndex } from './file-index';
import { baseNameOf } from './file-index';
import { dirName, normalizeSegments } from './paths';

export type Location =
  | { status: 'found'; path: string; via: 'exact' | 'suffix'; foreign?: ForeignInfo }
  | { status: 'missing'; tried: string; foreign?: ForeignInfo }
  | { status: 'ambiguous'; candidates: string[]; foreign?: ForeignInfo }
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
  | { status: 'unreadable' };

const HOME = /^(\/(?:home|Users)\/[^/]+\/[^/]+\/)(.+)$/;
const TILDE = /^(~\/[^/]+\/)(.+)$/;
const ELIDED = /^(?:…|\.\.\.)\//;

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
    const relative = written.startsWith('./') || written.startsWith('../');
    const key = relative ? `${dirName(docPath)}\0${written}` : written;
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
    const mapping = this.mappings.find(([from]) => p.startsWith(from));
    let m: RegExpExecArray | null;
    if (mapping) p = mapping[1] + p.slice(mapping[0].length);
    else if ((m = HOME.exec(p)) || (m = TILDE.exec(p))) {
      foreign = { prefix: m[1], rest: m[2] };
      p = m[2];
    } else if (ELIDED.test(p)) {
      p = p.replace(ELIDED, '');
      suffixOnly = true;
    }
    if (p.startsWith('~')) return { status: 'outside', reason: 'a path in a home folder' };
    if (p.startsWith('/')) {
      const top = p.slice(1).split('/')[0];
      if (!index.hasTopDir(top)) return { status: 'outside', reason: 'an absolute path outside the workspace' };
      p = p.slice(1); // repo-rooted: `/src/...`
    }
    let fallback: string | undefined;
    if (p.startsWith('./') || p.startsWith('../')) {
      const joined = normalizeSegments((dirName(docPath) ? dirName(docPath) + '/' : '') + p);
      if (joined === undefined) return { status: 'outside', reason: 'the path leaves the workspace root' };
      fallback = normalizeSegments(p.replace(/^(?:\.\.?\/)+/, ''));
      p = joined;
    } else {
      const n = normalizeSegments(p);
      if (n === undefined) return { status: 'outside', reason: 'the path leaves the workspace root' };
      p = n;
    }
    if (!p) return { status: 'missing', tried: written, foreign };

    if (!suffixOnly) {
      const exact = await this.exact(p, index);
      if (exact) {
        if (exact.status !== 'found') return exact;
        // A bare name that names a root file while nested files share the name is ambiguous (evidence.md).
        if (!p.includes('/') && index.withName(p).length > 1) return { status: 'ambiguous', candidates: sorted(index.withName(p)), foreign };
        return { status: 'found', path: exact.path, via: 'exact', foreign };
      }
    }
    const suffix = fallback ?? p;
    const candidates = index.withSuffix(suffix);
    if (candidates.length === 1) {
      const real = await this.host.realPath(candidates[0]);
      if (real === undefined) return { status: 'outside', reason: `${candidates[0]} is a link to a file outside the workspace` };
      return { status: 'found', path: candidates[0], via: 'suffix', foreign };
    }
    if (candidates.length > 1) return { status: 'ambiguous', candidates: sorted(candidates), foreign };
    return { status: 'missing', tried: p, foreign };
  }

  /** An exact match under the root: indexed, or present on disk though not indexed (ignored files). */
  private async exact(p: string, index: FileIndex): Promise<Location | undefined> {
    const indexed = index.has(p);
    const real = await this.host.realPath(p);
    if (real === undefined) {
      return indexed ? { status: 'outside', reason: `${p} is a link to a file outside the workspace` } : undefined;
    }
    if (!indexed) {
      const st = await this.host.stat(p);
      if (!st?.isFile) return undefined;
    }
    return { status: 'found', path: p, via: 'exact' };
  }

  /** Size, line count and readability of a workspace file; cached by path + mtime + size. */
  fileFacts(path: string): Promise<FileFacts> {
    const hit = this.facts.get(path);
    if (hit && hit.gen === this.generation) return hit.value;
    const value = (async (): Promise<FileFacts> => {
      const st = await this.host.stat(path);
      if (!st || !st.isFile) return { status: 'unreadable' };
      const key = statKey(st);
      if (hit && hit.key === key) {
        const old = await hit.value;
        if (old.status !== 'unreadable') return old;
      }
      this.facts.get(path)!.key = key;
      if (st.size > this.config.evidence.maxFileSize) return { status: 'too-large', size: st.size };
      const bytes = await this.host.readFile(path);
      if (!bytes) return { status: 'unreadable' };
      if (bytes.includes(0)) return { status: 'binary', size: bytes.length };
      return { status: 'ok', lineCount: countLines(bytes), size: st.size, mtimeMs: st.mtimeMs };
    })();
    this.facts.set(path, { key: hit?.key ?? '', gen: this.generation, value });
    return value;
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
