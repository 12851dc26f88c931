/**
 * The latest recorded verdict of each checklist phase, from `.signoff/runs/*.json` (written by the CLI and the
 * editor's runner). Records are read through the folder's host and cached by modification time; a record that
 * does not parse is skipped.
 */
import { decodeText } from '../core/index';
import { RUNS_FOLDER, type PhaseVerdictValue, type RunRecord } from '../protocol/index';
import type { Folder } from './folders';

export interface PhaseVerdict {
  verdict: PhaseVerdictValue;
  at: string;
  /** Workspace-relative path of the record. */
  record: string;
  /** Command hashes of the snippets the run saw in this phase (an edited snippet or expectation changes its hash). */
  hashes: string[];
  /** Prose expectations of this phase waiting for a person in that record. */
  toReview: number;
}

export class RunRecords {
  private readonly cache = new Map<string, { mtimeMs: number; record?: RunRecord }>();

  /** Forgets cached records of a folder (a record was written or removed). */
  invalidate(folder: Folder): void {
    for (const key of this.cache.keys()) if (key.startsWith(folder.root + '\0')) this.cache.delete(key);
  }

  async latestByPhase(folder: Folder, checklistPath: string): Promise<Map<number, PhaseVerdict>> {
    const out = new Map<number, PhaseVerdict>();
    // listFiles leaves .signoff/ out (excluded); the runs folder is listed on its own.
    const names = await folder.host.listDirectory(RUNS_FOLDER);
    if (!names) return out;
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const rel = `${RUNS_FOLDER}/${name}`;
      const record = await this.read(folder, rel);
      if (!record || record.checklist !== checklistPath) continue;
      const at = record.endedAt || record.startedAt;
      for (const pr of record.phaseResults) {
        const prev = out.get(pr.phase);
        if (!prev || Date.parse(at) >= Date.parse(prev.at)) {
          const tasks = (Array.isArray(record.tasks) ? record.tasks : []).filter((t) => t && t.phase === pr.phase && Array.isArray(t.snippets));
          const snippets = tasks.flatMap((t) => t.snippets).filter((x) => x && typeof x.commandSha256 === 'string');
          const toReview = snippets.reduce((n, x) => n + (Array.isArray(x.expected) ? x.expected.filter((e) => e && e.class === 'prose' && !e.review).length : 0), 0);
          out.set(pr.phase, { verdict: pr.verdict, at, record: rel, hashes: snippets.map((x) => x.commandSha256), toReview });
        }
      }
    }
    return out;
  }

  private async read(folder: Folder, rel: string): Promise<RunRecord | undefined> {
    const stat = await folder.host.stat(rel);
    if (!stat?.isFile) return undefined;
    const key = `${folder.root}\0${rel}`;
    const hit = this.cache.get(key);
    if (hit && hit.mtimeMs === stat.mtimeMs) return hit.record;
    const bytes = stat.size <= 16 * 1024 * 1024 ? await folder.host.readFile(rel) : undefined;
    let record: RunRecord | undefined;
    try {
      const json = bytes ? (JSON.parse(decodeText(bytes).text) as unknown) : undefined;
      if (isRunRecord(json)) record = json;
    } catch {
      record = undefined;
    }
    this.cache.set(key, { mtimeMs: stat.mtimeMs, record });
    return record;
  }
}

function isRunRecord(v: unknown): v is RunRecord {
  if (!v || typeof v !== 'object') return false;
  const r = v as Partial<RunRecord>;
  return typeof r.checklist === 'string' && Array.isArray(r.phaseResults)
    && r.phaseResults.every((p) => p && typeof p.phase === 'number' && (p.verdict === 'GO' || p.verdict === 'NO-GO' || p.verdict === 'PENDING'))
    && (typeof r.endedAt === 'string' || typeof r.startedAt === 'string');
}
