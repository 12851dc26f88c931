// One build script for every bundle. `node esbuild.mjs [--production] [--watch]`.
import * as esbuild from 'esbuild';
import { mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { micromarkCharacterPlugin } from './scripts/esbuild-plugins.mjs';

const production = process.argv.includes('--production');
/**
 * `--action [--outfile FILE]`: only the GitHub Action's bundle, action/index.js, which is committed (action.yml runs
 * it with no install step). Minified, no source map, nothing that varies between builds: test/cli/action-bundle
 * rebuilds it into a temporary file and fails when the committed one differs (`npm run build:action` refreshes it).
 */
const action = process.argv.includes('--action');
const outfileArg = process.argv.indexOf('--outfile');
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
 * provides them in 1 KB instead of semver's 20 KB (see that file). Any other semver import in the client fails the
 * build, so a library update that needs more cannot bring the whole package back unnoticed.
 */
function semverLitePlugin() {
  return {
    name: 'semver-lite',
    setup(build) {
      build.onResolve({ filter: /^semver\/functions\/(parse|satisfies)$/ }, (a) => ({ path: a.path.split('/').pop(), namespace: 'semver-lite' }));
      build.onResolve({ filter: /^semver(\/|$)/ }, (a) => ({ errors: [{ text: `${a.importer} imports ${a.path}: extend src/client/semver-lite.ts (and esbuild.mjs) instead of bundling semver` }] }));
      build.onLoad({ filter: /.*/, namespace: 'semver-lite' }, (a) => ({
        contents: `module.exports = require(${JSON.stringify(new URL('./src/client/semver-lite.ts', import.meta.url).pathname)}).${a.path};`,
        loader: 'js',
        resolveDir: '.',
      }));
    },
  };
}

/**
 * The client is two bundles. dist/extension.js is what activation loads: commands, status bar, runner, no LSP
 * library. dist/language-client.js is vscode-languageclient and our wrapper (src/client/language-client.ts), which
 * extension.js requires right after activate() returns (src/client/server-handle.ts). The client also prefers a
 * package's ESM build where its exports map has one (`import` condition): vscode-languageserver-types' lib/esm is
 * 3 KB smaller than its UMD build, and the CommonJS libraries that require() it are unaffected.
 */
const client = { external: ['vscode'], conditions: ['import'], plugins: [semverLitePlugin()] };

const actionEntry = { entryPoints: ['src/action/main.ts'], outfile: outfileArg > 0 ? process.argv[outfileArg + 1] : 'action/index.js', minify: true, sourcemap: false, metafile: false, plugins: [micromarkCharacterPlugin()] };

const entries = action ? [actionEntry] : [
  // The VS Code client: must stay small and must not carry zod/remark (lint enforces the imports).
  { entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js', ...client },
  { entryPoints: ['src/client/language-client.ts'], outfile: 'dist/language-client.js', ...client },
  // The checklist runner (src/client/runner/lazy.ts loads it after activation or at its first command).
  { entryPoints: ['src/client/runner/index.ts'], outfile: 'dist/runner.js', ...client },
  // The language server (spawned by the client over IPC, or by `signoff lsp --stdio`).
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', plugins: [micromarkCharacterPlugin()] },
  // The command-line tool.
  { entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [micromarkCharacterPlugin()] },
  // The MCP server (`signoff mcp`, src/mcp): its own bundle, so the SDK never loads for `signoff check`.
  { entryPoints: ['src/mcp/server.ts'], outfile: 'dist/mcp.js', plugins: [micromarkCharacterPlugin()] },
  // Worker thread used by the CLI to spread parsing over cores.
  { entryPoints: ['src/cli/worker.ts'], outfile: 'dist/worker.js', plugins: [micromarkCharacterPlugin()] },
].filter((e) => existsSync(e.entryPoints[0]));

if (!action) mkdirSync('dist', { recursive: true });

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
    for (const r of results) {
      for (const [file, out] of Object.entries(r.metafile.outputs)) {
        if (!file.endsWith('.js')) continue;
        console.log(`${file}\t${out.bytes}`);
        if (!/extension|language-client/.test(file)) continue;
        // Client bundles: bytes in the output per package (node_modules/<name>) or per src/<dir>.
        const by = new Map();
        for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
          const key = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
          by.set(key, (by.get(key) ?? 0) + bytesInOutput);
        }
        for (const [key, bytes] of [...by].sort((a, b) => b[1] - a[1])) console.log(`  ${key.padEnd(34)} ${(bytes / 1024).toFixed(1).padStart(6)} KB`);
      }
    }
  }
}
