/**
 * `check --cache`: findings of unchanged documents are reused instead of parsing them again.
 *
 * What is cached is a document's document pass: its findings and its summary. The workspace pass is not cached:
 * it runs on every summary each time (it is cheap, and any changed document may change it). The document pass
 * depends on more than the document's text, so the cache keeps two levels of keys:
 * - the run: signoff version, config text, the workspace's file list, git HEAD, the UTC day (date rules compare
 *   with today) and the size + mtime of every file the rules read or stat'ed (cited evidence). If any differ,
 *   nothing is reused;
 * - the document: a hash of its bytes. A changed document is checked again.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding, Host } from '../core/index';
import type { DocumentSummary } from '../core/workspace';
import type { NodeHost } from '../node/fs-host';
import type { CheckedFile } from './document-pass';

const CACHE_FORMAT = 2;
const FILE_NAME = 'signoff-cache.json';

export interface CachedFile {
  hash: string;
  kind: CheckedFile['kind'];
  bom: boolean;
  summary?: DocumentSummary;
  /** Findings of the document pass. */
  findings: Finding[];
}

interface CacheData {
  format: number;
  runKey: string;
  /** Files rules read: [path, size, mtimeMs]; -1 size when the file did not exist. */
  deps: [string, number, number][];
  files: Record<string, CachedFile>;
}

export interface CachePlan {
  /** Files to parse and check. */
  toCheck: string[];
  /** Files whose cached document pass stands. */
  reused: CheckedFile[];
}

/** Where the cache lives: --cache-location (a directory, or a file when it names one), else under the root. */
export function cacheFile(root: string, location?: string): string {
  if (location) {
    const abs = path.resolve(location);
    const isDir = location.endsWith('/') || location.endsWith(path.sep) || (existsSync(abs) && statSync(abs).isDirectory());
    return isDir ? path.join(abs, FILE_NAME) : abs;
  }
  const nm = path.join(root, 'node_modules');
  return existsSync(nm) ? path.join(nm, '.cache', 'signoff', FILE_NAME) : path.join(root, '.signoff-cache', FILE_NAME);
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export class CheckCache {
  private data?: CacheData;
  private readonly hashes = new Map<string, string>();

  private constructor(readonly file: string, private readonly runKey: string) {}

  static async open(options: { file: string; version: string; configText?: string; files: readonly string[]; host: NodeHost; now: Date }): Promise<CheckCache> {
    const head = await options.host.exec('git', ['rev-parse', 'HEAD'], { timeoutMs: 10_000 });
    const runKey = createHash('sha1')
      .update(JSON.stringify([options.version, options.configText ?? null, head.code === 0 ? head.stdout.trim() : '', options.now.toISOString().slice(0, 10)]))
      .update(options.files.join('\0'))
      .digest('hex');
    const cache = new CheckCache(options.file, runKey);
    try {
      const data = JSON.parse(await fsp.readFile(options.file, 'utf8')) as CacheData;
      if (data.format === CACHE_FORMAT && data.runKey === runKey && (await depsUnchanged(options.host, data.deps))) cache.data = data;
    } catch {
      /* no cache yet, or unreadable: a full run */
    }
    return cache;
  }

  /** Splits the selected files into those to check and those whose cached findings stand. */
  async plan(files: readonly string[], host: Host): Promise<CachePlan> {
    const toCheck: string[] = [];
    const reused: CheckedFile[] = [];
    await Promise.all(
      files.map(async (f) => {
        const bytes = await host.readFile(f);
        if (bytes) this.hashes.set(f, hashBytes(bytes));
      }),
    );
    for (const f of files) {
      const hit = this.data?.files[f];
      if (hit && hit.hash === this.hashes.get(f)) reused.push({ path: f, kind: hit.kind, bom: hit.bom, findings: hit.findings, summary: hit.summary });
      else toCheck.push(f);
    }
    return { toCheck, reused };
  }

  /** Writes the cache for this run's results (all selected files, checked or reused). */
  async save(results: readonly CheckedFile[], deps: Iterable<string>, host: NodeHost): Promise<void> {
    const files: Record<string, CachedFile> = {};
    for (const r of results) {
      const hash = this.hashes.get(r.path);
      if (!hash) continue;
      files[r.path] = { hash, kind: r.kind, bom: r.bom, summary: r.summary, findings: r.findings };
    }
    const depList: [string, number, number][] = [];
    for (const d of new Set(deps)) depList.push([d, ...(await signature(host, d))]);
    const data: CacheData = { format: CACHE_FORMAT, runKey: this.runKey, deps: depList, files };
    await fsp.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(data));
    await fsp.rename(tmp, this.file); // atomic: a concurrent or interrupted run never sees half a cache
  }
}

async function signature(host: NodeHost, rel: string): Promise<[number, number]> {
  const abs = host.absolute(rel);
  if (!abs) return [-2, 0];
  try {
    const s = await fsp.stat(abs);
    return [s.size, s.mtimeMs];
  } catch {
    return [-1, 0];
  }
}

async function depsUnchanged(host: NodeHost, deps: [string, number, number][]): Promise<boolean> {
  for (let i = 0; i < deps.length; i += 64) {
    const part = deps.slice(i, i + 64);
    const sigs = await Promise.all(part.map(([p]) => signature(host, p)));
    for (let k = 0; k < part.length; k++) if (sigs[k][0] !== part[k][1] || sigs[k][1] !== part[k][2]) return false;
  }
  return true;
}
