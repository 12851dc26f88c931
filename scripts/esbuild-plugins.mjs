// esbuild plugins shared by the build (esbuild.mjs), the benches (bench/build-engine.mjs) and the tests that bundle
// the engine, so that every bundle of the parser is the one users run.
import { fileURLToPath } from 'node:url';

const CHARACTER = fileURLToPath(new URL('../src/core/parse/micromark-character.ts', import.meta.url));

/**
 * micromark-util-character is replaced by src/core/parse/micromark-character.ts: the same checks from ASCII tables
 * (see that file; test/unit/micromark-character.test.ts compares both over every code).
 */
export function micromarkCharacterPlugin() {
  return {
    name: 'micromark-character',
    setup(build) {
      build.onResolve({ filter: /^micromark-util-character$/ }, () => ({ path: CHARACTER }));
    },
  };
}
