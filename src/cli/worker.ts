/**
 * A worker thread of `signoff check` (dist/worker.js): its own engine on the same root, config and file list,
 * running the document pass on each batch of paths it is sent (src/cli/workers.ts) and sending back plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../node/workspace';
import { documentPass } from './document-pass';
import type { FromWorker, ToWorker, WorkerSetup } from './workers';

const setup = workerData as WorkerSetup;
const port = parentPort!;
// The same workspace as the main thread's: its effective configuration text and its file list, not read again.
const { host, recording, engine } = openWorkspace({
  root: setup.root,
  config: { text: setup.configText },
  files: setup.files,
  log: (level, message) => { if (level === 'error') post({ type: 'log', message }); },
});

function post(m: FromWorker): void {
  port.postMessage(m);
}

port.on('message', (m: ToWorker) => {
  const deps = new Set<string>();
  const run = async () => {
    const files = await (setup.recordDeps ? recording.record(deps, () => documentPass(engine, host, m.paths)) : documentPass(engine, host, m.paths));
    post({ type: 'checked', files, deps: [...deps] });
  };
  run().catch((e: unknown) => post({ type: 'error', message: String((e as Error)?.stack ?? e) }));
});
