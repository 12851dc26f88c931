/**
 * A worker thread of `signoff check` (dist/worker.js): its own engine on the same root, config and file list,
 * running the document pass on each batch of paths it is sent (src/cli/workers.ts) and sending back plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Engine, parseConfig } from '../core/index';
import { NodeHost } from '../node/fs-host';
import { RecordingHost } from '../node/recording-host';
import { documentPass } from './document-pass';
import type { FromWorker, ToWorker, WorkerSetup } from './workers';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const { config } = parseConfig(setup.configText);
const host = new NodeHost({
  root: setup.root,
  exclude: config.exclude,
  files: setup.files,
  log: (level, message) => { if (level === 'error') post({ type: 'log', message }); },
});
const recording = new RecordingHost(host);
const engine = new Engine(recording, config);
engine.workspace.files = setup.files;

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
