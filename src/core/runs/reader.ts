/**
 * The one reader of run records over a Host: the rule `checklist-check-failed`, the server's lenses, `signoff run
 * --failed` and `signoff verify` ask it, so they see the same records and the same latest run of each phase. Parsed
 * records are cached per host and path, reused while the file's mtime and size are unchanged.
 */
import type { Host } from '../host';
import { RUNS_FOLDER, type RunPhaseResult, type RunRecord } from '../../protocol/index';
import { parseRunRecord, recordNamePattern, recordPath } from './record';

/** Records read per checklist, newest first: enough for any phase's latest run without reading years of history. */
export const MAX_RECORDS = 50;
/** A record larger than this is not read (a record keeps 128 KiB of output per snippet). */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export interface StoredRecord {
  /** Workspace-relative path, `.signoff/runs/<name>.json`. */
  path: string;
  record: RunRecord;
}

export interface LatestRun extends StoredRecord {
  phase: RunPhaseResult;
}

type ReaderHost = Pick<Host, 'stat' | 'readFile' | 'listDirectory'>;
type CacheEntry = { mtimeMs: number; size: number; record: RunRecord | undefined };
const cache = new WeakMap<ReaderHost, Map<string, CacheEntry>>();

/** This checklist's records, newest first (by endedAt; the file name breaks ties), at most MAX_RECORDS. */
export async function checklistRecords(host: ReaderHost, checklistPath: string): Promise<StoredRecord[]> {
  const names = host.listDirectory ? await host.listDirectory(RUNS_FOLDER) : undefined;
  if (!names) return [];
  const re = recordNamePattern(checklistPath);
  const mine = names
    .map((n) => ({ n, m: re.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => !!x.m)
    .sort((a, b) => (a.m[1] === b.m[1] ? Number(b.m[2] ?? 1) - Number(a.m[2] ?? 1) : a.m[1] < b.m[1] ? 1 : -1))
    .slice(0, MAX_RECORDS);
  const out: (StoredRecord & { order: number })[] = [];
  for (const [order, { n }] of mine.entries()) {
    const rel = recordPath(n);
    const record = await readRecord(host, rel);
    if (record && record.checklist === checklistPath) out.push({ path: rel, record, order });
  }
  return out
    .sort((a, b) => (a.record.endedAt === b.record.endedAt ? a.order - b.order : a.record.endedAt < b.record.endedAt ? 1 : -1))
    .map(({ path, record }) => ({ path, record }));
}

/** For each phase, the newest record that ran it. */
export async function latestRunByPhase(host: ReaderHost, checklistPath: string): Promise<Map<number, LatestRun>> {
  const out = new Map<number, LatestRun>();
  for (const stored of await checklistRecords(host, checklistPath)) {
    for (const phase of stored.record.phaseResults) if (!out.has(phase.phase) && stored.record.phases.includes(phase.phase)) out.set(phase.phase, { ...stored, phase });
  }
  return out;
}

/** One record by its workspace path (cached like the others), or undefined when it is not a readable record. */
export async function readRecord(host: ReaderHost, rel: string): Promise<RunRecord | undefined> {
  const st = await host.stat(rel);
  if (!st?.isFile || st.size > MAX_RECORD_BYTES) return undefined;
  let perHost = cache.get(host);
  if (!perHost) cache.set(host, (perHost = new Map()));
  const hit = perHost.get(rel);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.record;
  const bytes = await host.readFile(rel);
  const record = bytes ? parseRunRecord(new TextDecoder().decode(bytes)) : undefined;
  perHost.set(rel, { mtimeMs: st.mtimeMs, size: st.size, record });
  return record;
}

/** Forgets what was read through a host (records were written or removed and mtimes may not tell). */
export function forgetRecords(host: ReaderHost): void {
  cache.delete(host);
}
