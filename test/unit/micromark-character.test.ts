/**
 * src/core/parse/micromark-character.ts stands in for micromark-util-character in every bundle (esbuild.mjs): each
 * of its checks must answer as the original for every code micromark can pass (null, its negative virtual codes,
 * every UTF-16 code unit) and beyond.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as original from 'micromark-util-character';
import * as fast from '../../src/core/parse/micromark-character';

test('every character check answers as micromark-util-character does, for every code', () => {
  const names = Object.keys(original).filter((k) => typeof (original as Record<string, unknown>)[k] === 'function').sort();
  assert.deepEqual(Object.keys(fast).sort(), names, 'the same exports');
  const codes: (number | null)[] = [null];
  for (let c = -5; c <= 0xffff; c++) codes.push(c);
  codes.push(0x10000, 0x1f600, 0x10ffff);
  for (const name of names) {
    const a = (original as unknown as Record<string, (c: number | null) => boolean>)[name];
    const b = (fast as unknown as Record<string, (c: number | null) => boolean>)[name];
    for (const c of codes) if (a(c) !== b(c)) assert.fail(`${name}(${c}): micromark says ${a(c)}, the stand-in ${b(c)}`);
  }
});
