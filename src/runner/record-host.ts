/**
 * The workspace folder as the core's run-record reader needs it (stat, read, list), on node:fs: for the editor,
 * which has no core Host of its own, so that it reads records through the same reader as the rule and the lenses.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { FileStat } from '../core/host';

export interface RecordHost {
  stat(rel: string): Promise<FileStat | undefined>;
  readFile(rel: string): Promise<Uint8Array | undefined>;
  listDirectory(rel: string): Promise<string[] | undefined>;
}

const hosts = new Map<string, RecordHost>();

/** One host per folder, so the reader's cache (kept per host) lives as long as the editor session. */
export function recordHost(root: string): RecordHost {
  let host = hosts.get(root);
  if (!host) {
    const abs = (rel: string) => path.join(root, ...rel.split('/'));
    host = {
      async stat(rel) {
        const s = await fsp.stat(abs(rel)).catch(() => undefined);
        return s && { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory() };
      },
      readFile: (rel) => fsp.readFile(abs(rel)).catch(() => undefined),
      listDirectory: (rel) => fsp.readdir(abs(rel)).catch(() => undefined),
    };
    hosts.set(root, host);
  }
  return host;
}
