// bench/keystroke: time from an edit of a 20 KB certificate to its findings, p50/p95 over 1,000 random
// single-character edits in random sections, with the engine the language server uses (reuseParses: the piece
// cache re-parses only the edited piece), in-process; against a bare full remark parse of the same document.
// Usage: node bench/keystroke.mjs [edits]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { buildEngine } from './build-engine.mjs';
import { certificate, codeFile, rand } from './gen.mjs';
import { fmtMs, machine, median, percentile, result } from './lib.mjs';

const edits = Number(process.argv[2] ?? 1000);
const lib = createRequire(import.meta.url)(await buildEngine());

// A workspace with the cited code files, so evidence rules do their real work.
const root = mkdtempSync(join(tmpdir(), 'signoff-keystroke-'));
const codeFiles = Array.from({ length: 20 }, (_, k) => `src/pkg${k % 4}/module${k}.py`);
for (const [k, f] of codeFiles.entries()) {
  mkdirSync(dirname(join(root, f)), { recursive: true });
  writeFileSync(join(root, f), codeFile(k));
}
const path = 'docs/reviews/component_7_certificate.md';
let text = certificate(7, { size: 20_000, refs: 20, codeFiles });
mkdirSync(dirname(join(root, path)), { recursive: true });
writeFileSync(join(root, path), text);

const { config } = lib.parseConfig(undefined);
const host = new lib.NodeHost({ root, exclude: config.exclude });
const engine = new lib.Engine(host, config, undefined, true);
engine.workspace.files = await host.listFiles();

async function recheck(t) {
  const doc = engine.parse(path, t);
  engine.workspace.update(doc);
  return engine.check(doc);
}

// Warm up (JIT, piece cache, evidence caches), then the bare parse baseline.
for (let i = 0; i < 20; i++) await recheck(text);
const bare = [];
for (let i = 0; i < 60; i++) {
  const t0 = performance.now();
  lib.bareProcessor.parse(text);
  bare.push(performance.now() - t0);
}
const sectionStarts = [...text.matchAll(/^#{2,3} /gm)].map((m) => m.index);
const times = [];
let findings = 0;
for (let i = 0; i < edits; i++) {
  // A random section, a random offset inside it, insert or delete one character.
  const s = Math.floor(rand() * sectionStarts.length);
  const from = sectionStarts[s] + 3;
  const to = s + 1 < sectionStarts.length ? sectionStarts[s + 1] : text.length;
  const at = from + Math.floor(rand() * Math.max(1, to - from - 1));
  const del = rand() < 0.4 && text[at] !== '\n' && text[at] !== '#';
  text = del ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + 'abcdefghij '[Math.floor(rand() * 11)] + text.slice(at);
  if (del) for (let k = s + 1; k < sectionStarts.length; k++) sectionStarts[k]--;
  else for (let k = s + 1; k < sectionStarts.length; k++) sectionStarts[k]++;
  const t0 = performance.now();
  findings += (await recheck(text)).length;
  times.push(performance.now() - t0);
}
const p50 = percentile(times, 50);
const p95 = percentile(times, 95);
const full = median(bare);
console.log(`bench/keystroke: ${machine()}`);
console.log(`  document: ${text.length} characters, ${sectionStarts.length} sections; ${edits} single-character edits (${(findings / edits).toFixed(1)} findings each on average)`);
console.log(`  edit -> findings (engine with piece cache, in-process): p50 ${fmtMs(p50)}, p95 ${fmtMs(p95)}, max ${fmtMs(Math.max(...times))}`);
console.log(`  bare full remark parse of the document: median ${fmtMs(full)}`);
console.log(`  p95 / full parse = ${(p95 / full).toFixed(2)}`);
result('keystroke', p95 <= full / 2, `p95 ${fmtMs(p95)} vs full parse ${fmtMs(full)}: ratio ${(p95 / full).toFixed(2)} (target <= 0.5)`);
