// One build script for every bundle. `node esbuild.mjs [--production] [--watch]`.
import * as esbuild from 'esbuild';
import { mkdirSync, copyFileSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

/**
 * Client only: vscode-languageclient needs two semver functions for one version check; src/client/semver-lite.ts
 * provides them in 1 KB instead of semver's 20 KB (see that file).
 */
function semverLitePlugin() {
  return {
    name: 'semver-lite',
    setup(build) {
      build.onResolve({ filter: /^semver\/functions\/(parse|satisfies)$/ }, (a) => ({ path: a.path.split('/').pop(), namespace: 'semver-lite' }));
      build.onLoad({ filter: /.*/, namespace: 'semver-lite' }, (a) => ({
        contents: `module.exports = require(${JSON.stringify(new URL('./src/client/semver-lite.ts', import.meta.url).pathname)}).${a.path};`,
        loader: 'js',
        resolveDir: '.',
      }));
    },
  };
}

const entries = [
  // The VS Code client: must stay small and must not carry zod/remark (lint enforces the imports).
  { entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [semverLitePlugin()] },
  // The language server (spawned by the client over IPC, or by `signoff lsp --stdio`).
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  // The command-line tool.
  { entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Worker thread used by the CLI to spread parsing over cores.
  { entryPoints: ['src/cli/worker.ts'], outfile: 'dist/worker.js' },
].filter((e) => existsSync(e.entryPoints[0]));

mkdirSync('dist', { recursive: true });

/** Reports build problems in the `file:line:col: error: message` shape the tsc/esbuild problem matchers read. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, plugins: [problemMatcherPlugin, ...(e.plugins ?? [])] })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.errors.length)) process.exit(1);
  if (process.argv.includes('--sizes')) {
    for (const r of results) for (const [file, out] of Object.entries(r.metafile.outputs)) if (file.endsWith('.js')) console.log(`${file}\t${out.bytes}`);
  }
}
