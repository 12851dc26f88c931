/** Run records: `.signoff/runs/<checklist name>-<yyyyMMddTHHmmssZ>.json`, one per run, never overwritten. */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { runProcess } from '../node/process';
import { RUNS_FOLDER, type RunRecord } from '../protocol/index';
import { recordFileName, serializeRecord } from '../core/runs/index';

export { recordStem, recordTimestamp } from '../core/runs/index';
import type { RunOutcome } from './run';

export function buildRecord(checklist: string, phases: number[], commit: string | null, runner: RunRecord['runner'], outcome: RunOutcome): RunRecord {
  return {
    version: 1,
    checklist,
    phases,
    commit,
    startedAt: outcome.startedAt,
    endedAt: outcome.endedAt,
    runner,
    tasks: outcome.tasks,
    phaseResults: outcome.phaseResults,
  };
}

/**
 * Writes the record under `<root>/.signoff/runs/` and returns its absolute path. Two runs in the same second get
 * `-2`, `-3`… rather than overwriting each other (readers order records by their endedAt, not by name).
 */
export async function writeRecord(root: string, record: RunRecord): Promise<string> {
  const dir = path.join(root, ...RUNS_FOLDER.split('/'));
  await fsp.mkdir(dir, { recursive: true });
  const started = new Date(record.startedAt);
  const base = recordFileName(record.checklist, started).replace(/\.json$/, '');
  const body = serializeRecord(record);
  // Readers (the language server, `signoff check`) react to the file appearing: publish it complete, never half
  // written. Write a temporary file first, then link it under its final name (link fails if the name exists).
  const tmp = path.join(dir, `.${base}.${process.pid}.${Date.now()}.tmp`);
  await fsp.writeFile(tmp, body, { flag: 'wx' });
  try {
    for (let n = 1; ; n++) {
      const file = path.join(dir, recordFileName(record.checklist, started, n));
      try {
        await fsp.link(tmp, file);
        return file;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) throw e;
      }
    }
  } finally {
    await fsp.unlink(tmp).catch(() => undefined);
  }
}

/** `git rev-parse HEAD` in the workspace, or null (not a repository, no commit yet, no git). */
export async function gitCommit(cwd: string): Promise<string | null> {
  const r = await runProcess('git', ['rev-parse', 'HEAD'], { cwd, timeoutMs: 10_000 });
  const sha = r.stdout.trim();
  return r.code === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
}
