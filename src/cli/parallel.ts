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
  const clients = Array.from({ length: count }, () => new WorkerClient(new Worker(script, { workerData: setup, resourceLimits: youngGen() }), onLog));
  try {
    const batch = Math.max(1, Math.min(32, Math.ceil(paths.length / (count * 16))));
    let next = 0;
    const staged = new Map<string, StagedFile>();
    const stage1 = async (c: WorkerClient) => {
      while (next < paths.length) {
        const part = paths.slice(next, next + batch);
        next += part.length;
        const r = await c.request({ type: 'stage1', paths: [...part] });
        if (r.type === 'stage1') for (const f of r.files) staged.set(f.path, f);
      }
    };
    await Promise.all(clients.map(stage1));
    const summaries = [...(extra.summaries ?? []), ...[...staged.values()].flatMap((f) => (f.summary ? [f.summary] : []))];
    const late = new Map<string, Finding[]>();
    await Promise.all(
      clients.map(async (c) => {
        const r = await c.request({ type: 'stage2', summaries });
        if (r.type !== 'stage2') return;
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
    await Promise.all(clients.map((c) => c.close()));
  }
}

/**
 * Experiment knobs for the workers' heaps (MB): SIGNOFF_WORKER_YOUNG_MB, SIGNOFF_WORKER_HEAP_MB (old generation;
 * a worker whose live data exceeds it dies, and the check fails). Unset by default: see bench/RESULTS.md.
 */
function youngGen(): { maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number } {
  const young = Number(process.env.SIGNOFF_WORKER_YOUNG_MB);
  const old = Number(process.env.SIGNOFF_WORKER_HEAP_MB);
  return { ...(young > 0 ? { maxYoungGenerationSizeMb: young } : {}), ...(old > 0 ? { maxOldGenerationSizeMb: old } : {}) };
}
