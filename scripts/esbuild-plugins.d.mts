import type { Plugin } from 'esbuild';

/** See esbuild-plugins.mjs. */
export function micromarkCharacterPlugin(): Plugin;
