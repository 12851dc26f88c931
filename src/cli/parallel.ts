/**
 * Spreads `signoff check` over worker threads (dist/worker.js) when there are enough files to pay for starting
 * them (about 0.1 s each). Stage 1 hands out small batches of paths to whichever worker is free; once all are
 * done, every worker gets every summary and runs its deferred rules (stage 2). The main thread only coordinates.
 * Results equal the single-thread path's: both run the same StagedChecker stages (test/cli/parallel.test.ts).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Finding } from '../core/index';
import type { DocumentSummary } from '../core/workspace';
import type { StagedChecker, StagedFile } from './parallel-stages';

export interface WorkerSetup {
  root: string;
  configText?: string;
  /** The workspace's file list, listed once by the main thread. */
  files: string[];
  /** Record the paths rules read (for --cache) and send them back with stage 2. */
  recordDeps?: boolean;
  /** Markdown files the main thread found to be ordinary (no Certificate ID to scan for: prescan-files.ts). */
  withoutIds?: string[];
  /** 0 for a slot's first worker, then 1, 2 for its replacements after running out of memory (Slot). */
  attempt?: number;
}

export type ToWorker = { type: 'stage1'; paths: string[] } | { type: 'stage2'; summaries: DocumentSummary[] };
export type FromWorker =
  | { type: 'stage1'; files: StagedFile[] }
  | { type: 'stage2'; results: { path: string; findings: Finding[] }[]; deps: string[] }
  | { type: 'log'; message: string }
  | { type: 'error'; message: string };

export interface CheckedFile {
  path: string;
  kind: StagedFile['kind'];
  bom: boolean;
  findings: Finding[];
  summary?: DocumentSummary;
  /** Some findings came from rules that asked about other documents. */
  indexDependent: boolean;
}

function checked(f: StagedFile, late: Map<string, Finding[]>): CheckedFile {
  return { path: f.path, kind: f.kind, bom: f.bom, summary: f.summary, findings: f.findings ?? late.get(f.path) ?? [], indexDependent: !f.findings };
}

/** Below this many files, one thread is faster than starting workers. */
export const MIN_FILES_FOR_WORKERS = 24;

/** How many workers to use: SIGNOFF_WORKERS when set (0 or 1: none), else one per core when it pays. */
export function workerCount(fileCount: number, env: NodeJS.ProcessEnv): number {
  const forced = env.SIGNOFF_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), Math.max(1, fileCount));
  const cores = availableParallelism();
  if (cores < 2 || fileCount < MIN_FILES_FOR_WORKERS) return 0;
  return Math.min(cores, Math.ceil(fileCount / 12));
}

/**
 * Both stages in this thread, for few files (or when workers are not wanted). `summaries`: index entries of
 * documents not checked now (reused from --cache).
 */
export async function checkInThread(checker: StagedChecker, paths: readonly string[], summaries: readonly DocumentSummary[] = []): Promise<CheckedFile[]> {
  const staged = await checker.stage1(paths);
  checker.restore(summaries);
  const late = new Map((await checker.stage2()).map((r) => [r.path, r.findings]));
  return staged.map((f) => checked(f, late));
}

/** One worker and its one outstanding request. */
class WorkerClient {
  private waiting?: { resolve: (m: FromWorker) => void; reject: (e: Error) => void };
  private failure?: Error;

  constructor(private readonly worker: Worker, onLog: (message: string) => void) {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'log') onLog(m.message);
      else if (m.type === 'error') this.fail(new Error(`worker failed: ${m.message.split('\n')[0]}`));
      else {
        const w = this.waiting;
        this.waiting = undefined;
        w?.resolve(m);
      }
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`worker exited (code ${code})`)));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(e);
  }

  request(m: ToWorker): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(m);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await this.worker.terminate();
  }
}

export async function checkInWorkers(
  script: string,
  setup: WorkerSetup,
  paths: readonly string[],
  count: number,
  onLog: (message: string) => void,
  extra: { summaries?: readonly DocumentSummary[]; deps?: Set<string> } = {},
): Promise<CheckedFile[]> {
  const limits = heapLimits(process.env);
  const slots = Array.from({ length: count }, () => new Slot(script, setup, limits, onLog));
  try {
    const batch = Math.max(1, Math.min(32, Math.ceil(paths.length / (count * 16))));
    const queue = { next: 0 };
    const staged = new Map<string, StagedFile>();
    await Promise.all(slots.map((s) => s.stage1(paths, queue, batch, staged)));
    const summaries = [...(extra.summaries ?? []), ...[...staged.values()].flatMap((f) => (f.summary ? [f.summary] : []))];
    const late = new Map<string, Finding[]>();
    await Promise.all(
      slots.map(async (s) => {
        const r = await s.stage2(summaries, staged);
        for (const x of r.results) late.set(x.path, x.findings);
        for (const d of r.deps) extra.deps?.add(d);
      }),
    );
    const out: CheckedFile[] = [];
    for (const p of paths) {
      const f = staged.get(p);
      if (f) out.push(checked(f, late));
    }
    return out;
  } finally {
    await Promise.all(slots.map((s) => s.close()));
  }
}

/** Heap limits of a worker (MB); `old` undefined: no limit of our own. */
export interface HeapLimits {
  old?: number;
  young?: number;
}

/**
 * One worker's share of the check, kept across the worker's replacement: the paths it was given (its pending
 * documents live in that worker only). A worker that runs out of memory under its heap limit is replaced by one
 * with twice the limit (after the second, none), which checks the same paths again from the start (stage 1 is
 * deterministic: the summaries and findings it sends are the same), so no result is ever lost to a limit.
 */
class Slot {
  private client?: WorkerClient;
  private readonly assigned: string[] = [];
  private attempt = 0;

  constructor(private readonly script: string, private readonly setup: WorkerSetup, private limits: HeapLimits, private readonly onLog: (message: string) => void) {}

  private worker(): WorkerClient {
    if (!this.client) {
      const resourceLimits = { ...(this.limits.young ? { maxYoungGenerationSizeMb: this.limits.young } : {}), ...(this.limits.old ? { maxOldGenerationSizeMb: this.limits.old } : {}) };
      this.client = new WorkerClient(new Worker(this.script, { workerData: { ...this.setup, attempt: this.attempt } satisfies WorkerSetup, resourceLimits }), this.onLog);
    }
    return this.client;
  }

  /** After an out-of-memory exit: a new worker with a larger limit (or the error, when there was no limit). */
  private async replace(e: unknown): Promise<void> {
    if (!isOutOfMemory(e) || this.limits.old === undefined) throw e;
    const old = this.limits.old;
    this.limits = { ...this.limits, old: this.attempt >= 1 ? undefined : old * 2 };
    this.attempt++;
    this.onLog(`a worker ran out of memory under its ${old} MB heap limit; checking its ${this.assigned.length} files again ${this.limits.old ? `with ${this.limits.old} MB` : 'without a limit'}`);
    const c = this.client;
    this.client = undefined;
    await c?.close();
  }

  /** Re-stages every path given so far (after a replacement), in batches. */
  private async redo(batch: number, staged: Map<string, StagedFile>): Promise<void> {
    for (let i = 0; i < this.assigned.length; i += batch) {
      const r = await this.worker().request({ type: 'stage1', paths: this.assigned.slice(i, i + batch) });
      if (r.type === 'stage1') for (const f of r.files) staged.set(f.path, f);
    }
  }

  async stage1(paths: readonly string[], queue: { next: number }, batch: number, staged: Map<string, StagedFile>): Promise<void> {
    this.batch = batch;
    for (;;) {
      try {
        if (this.redoNeeded) {
          this.redoNeeded = false;
          await this.redo(batch, staged);
        }
        while (queue.next < paths.length) {
          const part = paths.slice(queue.next, queue.next + batch);
          queue.next += part.length;
          this.assigned.push(...part);
          const r = await this.worker().request({ type: 'stage1', paths: [...part] });
          if (r.type === 'stage1') for (const f of r.files) staged.set(f.path, f);
        }
        return;
      } catch (e) {
        await this.replace(e);
        this.redoNeeded = true;
      }
    }
  }

  async stage2(summaries: DocumentSummary[], staged: Map<string, StagedFile>): Promise<{ results: { path: string; findings: Finding[] }[]; deps: string[] }> {
    for (;;) {
      try {
        if (this.redoNeeded) {
          this.redoNeeded = false;
          await this.redo(this.batch, staged);
        }
        const r = await this.worker().request({ type: 'stage2', summaries });
        return r.type === 'stage2' ? r : { results: [], deps: [] };
      } catch (e) {
        await this.replace(e);
        this.redoNeeded = true;
      }
    }
  }

  private redoNeeded = false;
  private batch = 1;

  async close(): Promise<void> {
    await this.client?.close();
  }
}

function isOutOfMemory(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/**
 * Heap limits of the workers: none of our own by default. A limit near the live data (40-70 MB a worker on
 * 10,000 certificates) made V8 run full GCs so often that the check took twice the CPU (128 MB: 133 s instead of
 * 72 s) for 600 MB of peak RSS instead of 800 MB: V8 grows a heap whose limit is small by a small factor only.
 * A larger young generation did not clearly pay either (64 MB: 42-43 s against 43-54 s in one session, within
 * this machine's noise, for 60-80 MB more RSS).
 * SIGNOFF_WORKER_HEAP_MB sets an old-generation limit (a worker over it costs time, not results: Slot),
 * SIGNOFF_WORKER_YOUNG_MB a young one. bench/RESULTS.md has the measurements.
 */
export function heapLimits(env: NodeJS.ProcessEnv): HeapLimits {
  const young = Number(env.SIGNOFF_WORKER_YOUNG_MB);
  const old = Number(env.SIGNOFF_WORKER_HEAP_MB);
  return { old: old > 0 ? old : undefined, young: young > 0 ? young : undefined };
}
