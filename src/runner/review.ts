/**
 * A person's decision on a prose expectation after the run (the editor's notification or code lens): the record is
 * amended in place with who decided and when, and its task statuses and phase verdicts are recomputed by the same
 * rules as a fresh run (verdict.ts). The file is replaced atomically (write a temporary file, rename over).
 */
import { promises as fsp } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../node/atomic-write';
import type { RunPerson, RunRecord } from '../protocol/index';
import { recountPhase, taskStatus } from './verdict';

export interface ReviewTarget {
  task: number;
  snippet: number;
  expectation: number;
}

/** The record with the decision applied (a new object; the input is not changed). */
export function applyReview(record: RunRecord, target: ReviewTarget, decision: 'confirmed' | 'rejected', by: string | RunPerson, at = new Date().toISOString()): RunRecord {
  const copy = JSON.parse(JSON.stringify(record)) as RunRecord;
  const task = copy.tasks[target.task];
  const e = task?.snippets[target.snippet]?.expected[target.expectation];
  if (!e || e.class !== 'prose') throw new Error('no prose expectation at that place in the record');
  const who = typeof by === 'string' ? { name: by } : by;
  e.review = { decision, by: who.name, ...(who.email ? { email: who.email } : {}), at };
  // A signature covers the record as it was signed: a decision added since makes it a new, unsigned record.
  delete copy.signature;
  e.met = decision === 'confirmed';
  task.status = taskStatus(task.snippets, task.manualSnippet);
  copy.phaseResults = copy.phaseResults.map((p) => recountPhase(p, copy.tasks));
  return copy;
}

export async function rewriteRecord(file: string, record: RunRecord): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(record, null, 2) + '\n');
}

/** Who is reviewing: git's user.name in the workspace, else the operating-system user. */
export function reviewerName(cwd: string): string {
  return runPerson(cwd).name;
}

/**
 * Who runs or decides: `by` as given (`Name <email>`, or a name), else git's user.name and user.email in the
 * workspace, else the operating-system user.
 */
export function runPerson(cwd: string, by?: string): RunPerson {
  if (by?.trim()) {
    const m = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(by.trim());
    return m ? { name: m[1] || m[2], email: m[2] } : { name: by.trim() };
  }
  const git = (key: string) => {
    try {
      const r = spawnSync('git', ['config', key], { cwd, encoding: 'utf8', timeout: 5_000 });
      return r.status === 0 ? r.stdout.trim() : '';
    } catch {
      return ''; // no git
    }
  };
  const name = git('user.name');
  const email = git('user.email');
  if (name) return { name, ...(email ? { email } : {}) };
  try {
    return { name: os.userInfo().username, ...(email ? { email } : {}) };
  } catch {
    return { name: 'unknown' };
  }
}
