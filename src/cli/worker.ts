/**
 * A worker thread of `signoff check` (dist/worker.js): its own engine and host on the same root and config, and
 * a StagedChecker driven by messages from src/cli/parallel.ts. Files arrive in small batches (the main thread
 * hands a batch to whichever worker is free), so uneven file sizes still keep every core busy.
 */
import { parentPort, resourceLimits, workerData } from 'node:worker_threads';
import { Engine, parseConfig } from '../core/index';
import { NodeHost } from '../node/fs-host';
import { StagedChecker } from './parallel-stages';
import { recordingHost } from './cache';
import type { FromWorker, ToWorker, WorkerSetup } from './parallel';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const { config } = parseConfig(setup.configText);
const host = new NodeHost({
  root: setup.root,
  exclude: config.exclude,
  files: setup.files,
  log: (level, message) => { if (level === 'error') post({ type: 'log', message }); },
});
const deps = new Set<string>();
const engine = new Engine(setup.recordDeps ? recordingHost(host, deps) : host, config);
engine.workspace.files = setup.files;
engine.workspace.knownWithoutIds(setup.withoutIds ?? []);
const checker = new StagedChecker(engine, host);

function post(m: FromWorker): void {
  port.postMessage(m);
}

/**
 * Tests only (test/cli/parallel.test.ts): SIGNOFF_TEST_WORKER_OOM=stage1|stage2 makes a slot's first worker run
 * out of memory for real (under its heap limit only) on its second stage-1 batch or on stage 2, to prove that
 * the replacement loses no result.
 */
const oomAt = process.env.SIGNOFF_TEST_WORKER_OOM && !setup.attempt && resourceLimits.maxOldGenerationSizeMb ? process.env.SIGNOFF_TEST_WORKER_OOM : undefined;
let batches = 0;
function exhaustMemory(): void {
  const hog: number[][] = [];
  for (;;) hog.push(new Array(100_000).fill(hog.length));
}

port.on('message', (m: ToWorker) => {
  if (oomAt && ((m.type === 'stage1' && ++batches === 2 && oomAt === 'stage1') || (m.type === 'stage2' && oomAt === 'stage2'))) exhaustMemory();
  const run = async () => {
    if (m.type === 'stage1') post({ type: 'stage1', files: await checker.stage1(m.paths) });
    else if (m.type === 'stage2') {
      checker.restore(m.summaries);
      post({ type: 'stage2', results: await checker.stage2(), deps: [...deps] });
    }
  };
  run().catch((e: unknown) => post({ type: 'error', message: String((e as Error)?.stack ?? e) }));
});
