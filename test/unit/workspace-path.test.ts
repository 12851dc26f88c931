/** One answer to "is it inside the workspace?" (src/core/text/workspace-path.ts), and its Node adapter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInside, isRelativeInside, toWorkspacePath } from '../../src/core/text/workspace-path';
import { workspacePath } from '../../src/node/paths';

test('names that start with dots are inside; only a `..` segment leaves', () => {
  assert.equal(toWorkspacePath('/ws', '/ws/..notes.md'), '..notes.md');
  assert.equal(toWorkspacePath('/ws', '/ws/...'), '...');
  assert.equal(toWorkspacePath('/ws', '/ws/docs/..x/a.md'), 'docs/..x/a.md');
  assert.equal(toWorkspacePath('/ws', '/ws'), '');
  assert.equal(toWorkspacePath('/ws/', '/ws/a//b/./c.md'), 'a/b/c.md');
  assert.equal(toWorkspacePath('/ws', '/ws/a/../../etc/passwd'), undefined);
  assert.equal(toWorkspacePath('/ws', '/wsx/a.md'), undefined, 'a sibling sharing the prefix is outside');
  assert.equal(toWorkspacePath('/', '/a/b'), 'a/b');
  assert.equal(isInside('/ws', '/ws/..notes.md'), true);
  assert.equal(isInside('/ws', '/other'), false);
  assert.equal(isRelativeInside('..notes.md'), true);
  assert.equal(isRelativeInside('../notes.md'), false);
  assert.equal(isRelativeInside('..'), false);
});

test('the Node adapter resolves relative and native paths first', () => {
  assert.equal(workspacePath('/ws', '/ws/..notes.md'), '..notes.md');
  assert.equal(workspacePath('/ws/sub', '/ws/sub/../..notes.md'), undefined);
  assert.equal(workspacePath('/ws', '/ws/sub/../..notes.md'), '..notes.md');
});
