// Builds bench/.work/engine.cjs from bench/engine-entry.ts (production settings, like dist/).
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { ROOT, WORK } from './lib.mjs';
import { micromarkCharacterPlugin } from '../scripts/esbuild-plugins.mjs';

export async function buildEngine() {
  const outfile = join(WORK, 'engine.cjs');
  await esbuild.build({ entryPoints: [join(ROOT, 'bench', 'engine-entry.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning', plugins: [micromarkCharacterPlugin()] });
  return outfile;
}
