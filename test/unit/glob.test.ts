/** include/exclude globs are user input: they behave as in other tools (picomatch), through the engine's isIncluded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, parseConfig, isGlob, matchesAny } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { makeTree } from '../helpers/engine';

function engineWith(config: object): Engine {
  const loaded = parseConfig(JSON.stringify(config));
  assert.deepEqual(loaded.findings, []);
  return new Engine(new NodeHost({ root: makeTree({}) }), loaded.config);
}

test('globs: stars, globstars, braces, classes, escapes, negated classes, dotfiles', () => {
  assert.ok(matchesAny('docs/a/b/x.md', ['docs/**/*.md']));
  assert.ok(matchesAny('docs/x.md', ['docs/**/*.md']), '** matches no folder too');
  assert.ok(!matchesAny('docsx/x.md', ['docs/**']));
  assert.ok(matchesAny('certs/2025/q1.md', ['certs/{2024,2025}/*.md']));
  assert.ok(matchesAny('certs/q3.md', ['certs/q[1-4].md']) && !matchesAny('certs/q5.md', ['certs/q[1-4].md']));
  assert.ok(matchesAny('certs/qa.md', ['certs/q[[:alpha:]].md']), 'POSIX classes');
  assert.ok(matchesAny('certs/q5.md', ['certs/q[!1-4].md']) && !matchesAny('certs/q3.md', ['certs/q[!1-4].md']));
  assert.ok(matchesAny('notes/[draft].md', ['notes/\\[draft\\].md']) && !matchesAny('notes/d.md', ['notes/\\[draft\\].md']), 'escapes');
  assert.ok(matchesAny('docs/.drafts/x.md', ['docs/**']), 'dotfiles match like any file');
  assert.ok(matchesAny('./docs/x.md', ['docs/*.md']) && matchesAny('docs/x.md', ['./docs/*.md']));
  assert.ok(matchesAny('other/x.md', ['!docs/**']) && !matchesAny('docs/x.md', ['!docs/**']), 'a negated pattern');
  assert.ok(isGlob('docs/*.md') && isGlob('a/{b,c}') && !isGlob('docs/x.md'));
});

test('include and exclude through the engine', () => {
  const e = engineWith({ include: ['docs/**/*.md', 'certs/*.md'], exclude: ['docs/archive/**', 'certs/draft-*.md'] });
  assert.ok(e.isIncluded('docs/a/x.md'));
  assert.ok(!e.isIncluded('docs/archive/old.md'));
  assert.ok(e.isIncluded('certs/final.md') && !e.isIncluded('certs/draft-1.md'));
  assert.ok(!e.isIncluded('other/x.md'));
});
