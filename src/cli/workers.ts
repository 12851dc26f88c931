/**
 * The document pass of `signoff check` spread over worker threads (dist/worker.js) when there are enough files to
 * pay for starting them (about 0.1 s each): small batches of paths go to whichever worker is free, and each batch
 * comes back as plain data (findings and summaries). The workspace pass then runs in the main thread on the
 * summaries, as it does without workers, so results are the same either way (test/cli/workers.test.ts).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { CheckedFile } from './document-pass';

export interface WorkerSetup {
  root: string;
  configText?: string;
  /** The workspace's file list, listed once by the main thread. */
  files: string[];
  /** Record the paths rules read (for --cache) and send them back with each batch. */
  recordDeps?: boolean;
}

export type ToWorker = { paths: string[] };
export type FromWorker =
  | { type: 'checked'; files: CheckedFile[]; deps: string[] }
  | { type: 'log'; message: string }
  | { type: 'error'; message: string };

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

/** One worker and its one outstanding batch. */
class WorkerClient {
  private waiting?: { resolve: (m: Extract<FromWorker, { type: 'checked' }>) => void; reject: (e: Error) => void };
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

  check(paths: string[]): Promise<Extract<FromWorker, { type: 'checked' }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage({ paths } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await this.worker.terminate();
  }
}

export async function documentPassInWorkers(script: string, setup: WorkerSetup, paths: readonly string[], count: number, onLog: (message: string) => void, deps?: Set<string>): Promise<CheckedFile[]> {
  const workers = Array.from({ length: count }, () => new WorkerClient(new Worker(script, { workerData: setup }), onLog));
  try {
    const batch = Math.max(1, Math.min(32, Math.ceil(paths.length / (count * 16))));
    let next = 0;
    const byPath = new Map<string, CheckedFile>();
    await Promise.all(
      workers.map(async (w) => {
        while (next < paths.length) {
          const part = paths.slice(next, next + batch);
          next += part.length;
          const r = await w.check([...part]);
          for (const f of r.files) byPath.set(f.path, f);
          for (const d of r.deps) deps?.add(d);
        }
      }),
    );
    return paths.flatMap((p) => byPath.get(p) ?? []);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}
