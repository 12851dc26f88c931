/**
 * Configuration reading with limits (issue 19): `extends` resolved once per file through the real Node resolver,
 * caps on files, bytes and nesting, and extends only inside the workspace or from an installed package.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/core/index';
import { MAX_EXTENDS_FILES, type ExtendsResolver } from '../../src/core/config/extends';
import { tooDeepAt } from '../../src/core/config/load';
import { extendsResolver, loadConfigFile } from '../../src/node/config-file';
import { makeTree } from '../helpers/engine';

/** The Node resolver, counting the reads it makes (and failing fast past `limit`, as the unmemoised one would). */
function counting(file: string, allowed: string[], limit = 1000): { resolver: ExtendsResolver; reads: () => number } {
  let reads = 0;
  const wrap = (inner: ExtendsResolver): ExtendsResolver => (spec) => {
    if (++reads > limit) throw new Error(`more than ${limit} reads`);
    const r = inner(spec);
    return typeof r === 'string' ? r : { ...r, resolver: wrap(r.resolver) };
  };
  return { resolver: wrap(extendsResolver(file, allowed)), reads: () => reads };
}

test('an extends diamond of 10 files, each extending the next 6 times over 9 levels, is read once per file', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 10; i++) files[`c${i}.json`] = JSON.stringify(i === 9 ? { run: { timeout: 42 } } : { extends: Array(6).fill(`./c${i + 1}.json`) });
  const root = makeTree(files);
  const { resolver, reads } = counting(join(root, '.signoff.json'), [root]);
  const loaded = parseConfig(JSON.stringify({ extends: './c0.json' }), resolver);
  assert.deepEqual(loaded.findings, []);
  assert.equal(loaded.config.run.timeout, 42);
  // Each entry asks the resolver (6 per file), but each file is parsed and expanded once: 1 + 9 * 6 asks.
  assert.equal(reads(), 1 + 9 * 6);
});

test('more files than the cap: one finding naming it, the defaults apply', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < MAX_EXTENDS_FILES + 5; i++) files[`f${i}.json`] = '{}';
  const root = makeTree(files);
  const loaded = parseConfig(JSON.stringify({ extends: Object.keys(files).map((f) => `./${f}`) }), extendsResolver(join(root, '.signoff.json'), [root]));
  assert.equal(loaded.findings.length, 1);
  assert.match(loaded.findings[0].message, new RegExp(`more than ${MAX_EXTENDS_FILES} files are extended \\(the cap\\)`));
});

test('nesting is measured outside strings and comments', () => {
  assert.equal(tooDeepAt('{"a": "[[[[[[[[", // {{{{{{\n "b": [1]}', 2), -1);
  assert.equal(tooDeepAt('{"a": [[1]]}', 2), 7);
  assert.equal(tooDeepAt('/* [[[[ */ {}', 1), -1);
});

test('extends from an installed package is read; a package path that climbs out of node_modules is not', () => {
  const root = makeTree({
    'node_modules/@acme/signoff-config/package.json': JSON.stringify({ name: '@acme/signoff-config', main: 'index.json' }),
    'node_modules/@acme/signoff-config/index.json': JSON.stringify({ run: { timeout: 7 } }),
    'base.json': JSON.stringify({ run: { timeout: 9 } }),
  });
  const ok = parseConfig(JSON.stringify({ extends: '@acme/signoff-config' }), extendsResolver(join(root, '.signoff.json'), [root]));
  assert.deepEqual(ok.findings, []);
  assert.equal(ok.config.run.timeout, 7);
  const climb = parseConfig(JSON.stringify({ extends: '@acme/signoff-config/../../../base.json' }), extendsResolver(join(root, '.signoff.json'), [root]));
  assert.match(climb.findings[0]?.message ?? '', /is not a file of an installed package/);
});

test('a --config file outside the workspace may extend files next to it; a workspace config may not reach there', () => {
  const team = makeTree({ 'signoff.json': JSON.stringify({ extends: './base.json' }), 'base.json': JSON.stringify({ run: { timeout: 11 } }) });
  const root = makeTree({ '.signoff.json': JSON.stringify({ extends: join(team, 'base.json') }) });
  mkdirSync(join(root, 'docs'));
  assert.equal(loadConfigFile(join(team, 'signoff.json'), root, true).loaded.config.run.timeout, 11);
  const inside = loadConfigFile(join(root, '.signoff.json'), root);
  assert.match(inside.loaded.findings[0]?.message ?? '', /is not a file inside the workspace/);
  writeFileSync(join(root, '.signoff.json'), '{}');
  assert.deepEqual(loadConfigFile(join(root, '.signoff.json'), root).loaded.findings, []);
});
