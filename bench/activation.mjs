// bench/activation: the client's bundle sizes and its activation time. Activation is measured as: load
// dist/extension.js in a fresh Node process with a stub `vscode` module (every API a no-op returning another stub)
// and await activate(). This is module load + activate with a stub API, not a VS Code window: it shows what our code
// costs (requiring the bundle, registering commands, creating the client) without the editor's own overhead.
//
// The client is two bundles: dist/extension.js (what activation loads) and dist/language-client.js
// (vscode-languageclient and our wrapper, required right after activate() returns). Both are reported: the size of
// each and of the whole client code, activation (what VS Code waits for), the deferred require, and the time until
// the event loop is idle again (the deferred load still runs on the extension host thread, just not inside
// activate()). A single-bundle build reports a deferred require of 0. The stub gives `vscode.version` a real
// version string: without it the language client's constructor throws its version check, activate() catches that,
// and the client would never be created in the measurement.
//
// `node bench/activation.mjs [runs]` (default 7 fresh processes; medians are what count on a noisy machine).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ROOT, fmtMs, machine, median, result } from './lib.mjs';

const dist = join(ROOT, 'dist');
const TARGET_KB = 300;
const TARGET_MS = 50;

if (process.argv[2] === '--child') await child();
else parent();

function parent() {
  const runs = Number(process.argv[2] ?? 7);
  console.log(`bench/activation: ${machine()}`);
  const sizes = {};
  for (const f of readdirSync(dist).filter((n) => n.endsWith('.js')).sort()) {
    sizes[f] = statSync(join(dist, f)).size;
    console.log(`  ${f.padEnd(20)} ${kb(sizes[f]).padStart(6)} KB`);
  }
  if (sizes['extension.js'] === undefined) {
    console.log('  dist/extension.js is missing: no client bundle to measure');
    process.exit(0);
  }
  const eager = sizes['extension.js'];
  const deferred = sizes['language-client.js'] ?? 0;
  const total = eager + deferred;
  console.log(`  client: activation loads ${kb(eager)} KB (${ratio(eager / 1024 / TARGET_KB)} of ${TARGET_KB} KB); deferred language-client.js ${kb(deferred)} KB; all client code ${kb(total)} KB (${ratio(total / 1024 / TARGET_KB)} of ${TARGET_KB} KB)`);
  result('client-bundle', eager < TARGET_KB * 1024, `dist/extension.js (what activation loads) ${kb(eager)} KB, ${ratio(eager / 1024 / TARGET_KB)} of the ${TARGET_KB} KB target`);
  result('client-total', total < TARGET_KB * 1024, `all client code (extension.js + language-client.js) ${kb(total)} KB, ${ratio(total / 1024 / TARGET_KB)} of ${TARGET_KB} KB`);

  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    if (r.status !== 0 || !line) {
      console.log(`  run ${i + 1} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      process.exit(1);
    }
    const s = JSON.parse(line);
    if (s.note) console.log(`  ${s.note}`);
    samples.push(s);
  }
  const med = (k) => median(samples.map((s) => s[k]));
  const list = (k) => samples.map((s) => s[k].toFixed(0)).join(', ');
  console.log(`  ${runs} fresh processes (stub vscode API), medians:`);
  console.log(`    require extension.js        ${fmtMs(med('load')).padStart(8)}   runs: ${list('load')}`);
  console.log(`    load + activate()           ${fmtMs(med('activate')).padStart(8)}   runs: ${list('activate')}   (${ratio(med('activate') / TARGET_MS)} of ${TARGET_MS} ms)`);
  console.log(`    require language-client.js  ${fmtMs(med('deferred')).padStart(8)}   runs: ${list('deferred')}   (after activate() returned; 0 for a single-bundle build)`);
  console.log(`    until idle                  ${fmtMs(med('all')).padStart(8)}   runs: ${list('all')}   (load + activate + what it scheduled: the deferred load, creating the client, its start())`);
  result('activation', med('activate') < TARGET_MS, `load + activate ${fmtMs(med('activate'))} median of ${runs} (runs ${list('activate')} ms) with a stub vscode API, ${ratio(med('activate') / TARGET_MS)} of the ${TARGET_MS} ms target; until idle (with the deferred language client) ${fmtMs(med('all'))}`);
}

async function child() {
  /** The names `vscode` exports (namespaces, classes, enums, functions), read from @types/vscode. */
  const API_NAMES = [...new Set([...readFileSync(join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8').matchAll(/^\t(?:export )?(?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]))];

  const VSCODE_VERSION = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version.replace(/^(\d+\.\d+)\.\d+$/, '$1.0');
  /** A stub that is every value at once: callable, constructible, any property is another stub, not a thenable. */
  function stub(name = 'vscode', keys = []) {
    const fn = function () {};
    return new Proxy(fn, {
      ownKeys: () => ['prototype', ...keys],
      getOwnPropertyDescriptor: (t, prop) => (prop === 'prototype' ? Reflect.getOwnPropertyDescriptor(t, prop) : keys.includes(prop) ? { configurable: true, enumerable: true, get: () => stub(`${name}.${String(prop)}`) } : undefined),
      get(_t, prop) {
        // The language client checks the editor's version (a semver string) in its constructor.
        if (name === 'vscode' && prop === 'version') return VSCODE_VERSION;
        // Awaiting a stub gives undefined (so promise-returning APIs settle instead of hanging).
        if (prop === 'then') return (resolve) => resolve?.(undefined);
        if (prop === Symbol.toPrimitive) return () => name;
        if (prop === Symbol.iterator) return function* () {};
        if (prop === 'length') return 0;
        return stub(`${name}.${String(prop)}`);
      },
      apply: () => stub(`${name}()`),
      construct: () => stub(`new ${name}`),
      set: () => true,
    });
  }
  const vscodeStub = stub('vscode', API_NAMES);
  const origResolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (request === 'vscode') return 'vscode-stub';
    return origResolve.call(this, request, ...rest);
  };
  Module._cache['vscode-stub'] = { id: 'vscode-stub', filename: 'vscode-stub', loaded: true, exports: vscodeStub };

  // The deferred bundle: how long its require takes, timed by watching Module._load.
  const deferredFile = join(dist, 'language-client.js');
  let deferredRequire = 0;
  let deferredSeen = false;
  const origLoad = Module._load;
  Module._load = function (request, ...rest) {
    if (deferredSeen || request !== deferredFile) return origLoad.call(this, request, ...rest);
    deferredSeen = true;
    const t = performance.now();
    try {
      return origLoad.call(this, request, ...rest);
    } finally {
      deferredRequire = performance.now() - t;
    }
  };

  const require = createRequire(import.meta.url);
  const t0 = performance.now();
  const ext = require(join(dist, 'extension.js'));
  const loaded = performance.now();
  const context = stub('context');
  let note;
  try {
    await Promise.race([ext.activate(context), new Promise((_, reject) => setTimeout(() => reject(new Error('activate() did not settle within 5 s')), 5000))]);
  } catch (e) {
    note = `activate() threw with the stub API: ${String(e?.message ?? e).split('\n')[0]}`;
  }
  const activated = performance.now();
  // Until idle: let what activate() scheduled run (the deferred load after activate, and in either layout the
  // client's start(), which with the stub context fails at its first step, "Unsupported server configuration",
  // without spawning anything), a fixed number of event-loop turns, the same for every build.
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  const idle = performance.now();
  if (existsSync(deferredFile) && !deferredSeen) note = 'dist/language-client.js exists but was not required after activate()';
  console.log(JSON.stringify({ load: loaded - t0, activate: activated - t0, deferred: deferredRequire, all: idle - t0, note }));
  setTimeout(() => process.exit(0), 50);
}

function kb(bytes) {
  return (bytes / 1024).toFixed(0);
}
function ratio(x) {
  return `${(x * 100).toFixed(0)}%`;
}
void fmtMs;
