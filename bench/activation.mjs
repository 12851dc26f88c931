// bench/activation: bundle sizes of dist/*.js, and the client's activation time measured as: load
// dist/extension.js in Node with a stub `vscode` module (every API a no-op returning another stub) and await
// activate(). This is module load + activate with a stub API, not a VS Code window: it shows what our code costs
// (requiring the bundle, registering providers, creating the client) without the editor's own overhead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Module, { createRequire } from 'node:module';
import { ROOT, fmtMs, machine, median, result } from './lib.mjs';

const dist = join(ROOT, 'dist');
console.log(`bench/activation: ${machine()}`);
const sizes = {};
for (const f of readdirSync(dist).filter((n) => n.endsWith('.js')).sort()) {
  sizes[f] = statSync(join(dist, f)).size;
  console.log(`  ${f.padEnd(14)} ${(sizes[f] / 1024).toFixed(0).padStart(6)} KB`);
}
if (sizes['extension.js'] === undefined) {
  console.log('  dist/extension.js is missing: no client bundle to measure');
  process.exit(0);
}
result('client-bundle', sizes['extension.js'] < 300 * 1024, `dist/extension.js ${(sizes['extension.js'] / 1024).toFixed(0)} KB (target < 300 KB)`);

/** The names `vscode` exports (namespaces, classes, enums, functions), read from @types/vscode. */
const API_NAMES = [...new Set([...readFileSync(join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8').matchAll(/^\t(?:export )?(?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]))];

/** A stub that is every value at once: callable, constructible, any property is another stub, not a thenable. */
function stub(name = 'vscode', keys = []) {
  const fn = function () {};
  return new Proxy(fn, {
    ownKeys: () => ['prototype', ...keys],
    getOwnPropertyDescriptor: (t, prop) => (prop === 'prototype' ? Reflect.getOwnPropertyDescriptor(t, prop) : keys.includes(prop) ? { configurable: true, enumerable: true, get: () => stub(`${name}.${String(prop)}`) } : undefined),
    get(_t, prop) {
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

const require = createRequire(import.meta.url);
const t0 = performance.now();
const ext = require(join(dist, 'extension.js'));
const loaded = performance.now();
const context = stub('context');
let activated = NaN;
try {
  await Promise.race([ext.activate(context), new Promise((_, reject) => setTimeout(() => reject(new Error('activate() did not settle within 5 s')), 5000))]);
  activated = performance.now();
} catch (e) {
  console.log(`  activate() threw with the stub API: ${String(e?.message ?? e).split('\n')[0]}`);
  activated = performance.now();
}
const load = loaded - t0;
const total = activated - t0;
console.log(`  module load ${fmtMs(load)}, load + activate ${fmtMs(total)} (stub vscode API, cold require in a fresh process)`);
result('activation', total < 50, `load + activate ${fmtMs(total)} with a stub vscode API (target < 50 ms)`);
void median;
setTimeout(() => process.exit(0), 100);
