/**
 * The lazy server handle (src/client/server-handle.ts) with a minimal `vscode` stand-in: activation does not load
 * the language client; the load happens once, right after activate() returns; callers before it await it; a
 * failed load is reported and retried by Restart Server; dispose before the load means no load at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';

class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}
const M = Module as unknown as { _resolveFilename: (r: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode-test-stub' : resolve.call(this, request, ...rest);
};
M._cache['vscode-test-stub'] = { id: 'vscode-test-stub', filename: 'vscode-test-stub', loaded: true, exports: { EventEmitter } };

const { LazyServer } = require('../../src/client/server-handle') as typeof import('../../src/client/server-handle');

const turn = () => new Promise((r) => setImmediate(r));

function fakeBundle(events: string[], info: unknown = { kind: 'checklist' }) {
  const state = new EventEmitter<void>();
  class SignoffServer {
    client = { onDidChangeState: state.event };
    constructor() {
      events.push('construct');
    }
    async start() {
      events.push('start');
    }
    async restart() {
      events.push('restart');
    }
    async stop() {
      events.push('stop');
    }
    async documentInfo() {
      return info;
    }
    dispose() {
      events.push('dispose');
    }
  }
  return { load: () => (events.push('load'), { SignoffServer }), state };
}

const log = { info: () => undefined } as never;
const errorsTo = (reports: string[]) => ({ report: (t: string) => reports.push(t) }) as never;

test('the client loads once, after the current task, and callers before that await it', async () => {
  const events: string[] = [];
  const { load, state } = fakeBundle(events);
  const s = new LazyServer({} as never, log, errorsTo([]), load as never);
  let changes = 0;
  s.onDidChangeState(() => changes++);
  s.startSoon();
  assert.deepEqual(events, [], 'nothing is loaded inside activate()');
  const info = s.documentInfo({} as never);
  await turn();
  assert.deepEqual(events, ['load', 'construct', 'start']);
  assert.deepEqual(await info, { kind: 'checklist' });
  await s.documentInfo({} as never);
  assert.equal(events.filter((e) => e === 'load').length, 1);
  state.fire();
  assert.equal(changes, 1, 'state changes of the client reach the handle');
  await s.restart();
  await s.stop();
  s.dispose();
  await turn();
  assert.deepEqual(events, ['load', 'construct', 'start', 'restart', 'stop', 'dispose']);
});

test('disposed before the load ran: the client is never loaded', async () => {
  const events: string[] = [];
  const s = new LazyServer({} as never, log, errorsTo([]), fakeBundle(events).load as never);
  s.startSoon();
  s.dispose();
  await turn();
  await s.stop();
  assert.deepEqual(events, []);
});

test('a failed load is reported, answers undefined, and Restart Server loads again', async () => {
  const events: string[] = [];
  const reports: string[] = [];
  let fail = true;
  const ok = fakeBundle(events).load;
  const s = new LazyServer({} as never, log, errorsTo(reports), (() => {
    if (fail) throw new Error('Cannot find module language-client.js');
    return ok();
  }) as never);
  s.startSoon();
  assert.equal(await s.documentInfo({} as never), undefined);
  assert.equal(reports.length, 1);
  assert.match(reports[0], /language client failed to load: Cannot find module/);
  fail = false;
  await s.restart();
  assert.deepEqual(events, ['load', 'construct', 'start']);
  assert.deepEqual(await s.documentInfo({} as never), { kind: 'checklist' });
});
