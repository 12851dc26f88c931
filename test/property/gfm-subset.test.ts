/**
 * The parser reads CommonMark plus only the GFM constructs the rules need (src/core/parse/gfm-subset.ts): the
 * findings must be those of the whole of remark-gfm, on the corpus, the seeds and generated documents full of the
 * left-out constructs (bare URLs, www. links, e-mail addresses) next to evidence, strikethrough and footnotes.
 * The engine is bundled twice with esbuild, the second time with gfm-subset.ts replaced by remark-gfm, so both
 * sides are the real engine and differ in the parser alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import { CORPUS, SEEDS, markdownFiles } from '../helpers/corpus';
import { micromarkCharacterPlugin } from '../../scripts/esbuild-plugins.mjs';

type FindingsOf = (root: string, files: string[]) => Promise<string[]>;

const out = mkdtempSync(join(tmpdir(), 'signoff-gfm-subset-'));
test.after(() => rmSync(out, { recursive: true, force: true }));

async function engine(name: string, fullGfm: boolean): Promise<FindingsOf> {
  const outfile = join(out, `${name}.cjs`);
  const swap: esbuild.Plugin = {
    name: 'full-gfm',
    setup(build) {
      build.onResolve({ filter: /\/gfm-subset$/ }, () => ({ path: join(__dirname, '..', 'helpers', 'full-gfm.ts') }));
    },
  };
  await esbuild.build({ entryPoints: [join(__dirname, '..', 'helpers', 'check-entry.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', plugins: [micromarkCharacterPlugin(), ...(fullGfm ? [swap] : [])] });
  return (require(outfile) as { findingsOf: FindingsOf }).findingsOf;
}

const both = Promise.all([engine('subset', false), engine('full', true)]);

async function assertSame(root: string, files: string[], label: string): Promise<number> {
  const [subset, full] = await both;
  const [a, b] = [await subset(root, files), await full(root, files)];
  const onlySubset = a.filter((x) => !b.includes(x));
  const onlyFull = b.filter((x) => !a.includes(x));
  // remark-gfm's literal-autolink transform splits a text node around a link and gives the pieces no position, so a
  // reference after a bare URL in the same paragraph was reported at 1:1. The subset keeps its real position: such
  // a pair is the same finding (same file, rule and message), moved from 1:1 to where it is.
  const unplaced = (x: string) => /^\S+:1:1-1:\d+ /.test(x);
  const what = (x: string) => `${x.slice(0, x.indexOf(':'))} ${x.slice(x.indexOf(' ') + 1)}`;
  const moved = onlyFull.filter((x) => unplaced(x) && onlySubset.some((y) => what(y) === what(x)));
  const left = { subset: [...onlySubset], full: onlyFull.filter((x) => !moved.includes(x)) };
  for (const x of moved) left.subset.splice(left.subset.findIndex((y) => what(y) === what(x)), 1);
  assert.deepEqual(left, { subset: [], full: [] }, `${label}: the GFM subset changed the findings`);
  assert.equal(a.length, b.length, `${label}: as many findings either way`);
  return a.length;
}

test('the whole of remark-gfm and the subset give the same findings on the corpus and the seeds', async (t) => {
  if (!existsSync(CORPUS) || !existsSync(SEEDS)) return t.skip('../shared (corpus, seeds) is not here: a fresh clone has none');
  assert.ok((await assertSame(CORPUS, markdownFiles(CORPUS), 'corpus')) > 1000, 'the corpus has its findings');
  assert.ok((await assertSame(SEEDS, markdownFiles(SEEDS), 'seeds')) > 50);
});

// Pieces of text placed next to evidence: what literal autolinks, strikethrough and footnotes would make of it.
const NEAR = fc.constantFrom(
  'https://example.com/src/m1.py#L3', 'http://x.io/src/m2.py:4', 'www.example.com/src/m3.py', 'WWW.a.org', 'see www.x.y/z.',
  'ops@example.com', 'a.b@src.py', 'mailto:x@y.z', 'xmpp:a@b.c/d', '<https://a.b/src/m1.py:2>', '<x@y.z>', '&#64;', '&amp;',
  '~~src/m1.py:3~~', '~~`src/m2.py:99`~~', '~old~', '[^1]', '[^note]', '(https://x.y/src/m4.py:5)', '`src/m5.py:7`', 'src/m6.py:12-14',
  'https://x.io/a(b)/src/m1.py:3', '(see https://x.y/z).', 'https://x.y/src/m1.py:3.', 'a@b.co/src/m1.py:3', 'x_y@q.r-', '[a@b.c](src/m2.py)', '[www.a.b]',
  'src/m1.py:99', 'line 3 of src/m2.py', '**src/m3.py:8**', '_a@b.c_', 'e.g.', ', ', ' ', ' and ', '.',
);
const SENTENCE = fc.array(NEAR, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));
const FOOTNOTE = fc.tuple(fc.constantFrom('1', 'note', '2'), fc.constantFrom('src/m1.py:3', 'src/m6.py:88', 'see `src/m2.py:50`', 'https://x.y/src/m3.py', 'a@b.c')).map(([id, body]) => `[^${id}]: ${body}`);
const CERT = fc.tuple(fc.array(SENTENCE, { minLength: 1, maxLength: 4 }), fc.array(SENTENCE, { minLength: 1, maxLength: 6 }), fc.array(FOOTNOTE, { maxLength: 3 })).map(
  ([scope, findings, notes]) => `# PAYMENTS REVIEW CERTIFICATE

**Component**: payments
**Agent**: reviewer
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: PAY-20250201-080000

## REVIEW SCOPE

${scope.join('\n')}

## FINDINGS

${findings.map((f) => `- ${f}`).join('\n')}

${notes.join('\n')}

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: ${scope[0]}
`,
);
const CHECKLIST = fc.tuple(fc.array(SENTENCE, { minLength: 1, maxLength: 5 }), fc.array(FOOTNOTE, { maxLength: 2 })).map(
  ([tasks, notes]) => `# Release Deployment Checklist

## Phase 1: Pre-flight

${tasks.map((t, i) => `- [${i % 2 ? 'x' : ' '}] ${t}`).join('\n')}

${notes.join('\n')}

**Go/No-Go Decision**: GO
`,
);

test('the subset gives the same findings on generated documents full of URLs, addresses, strikethrough and footnotes', async () => {
  const source = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(CERT, CHECKLIST), { minLength: 4, maxLength: 12 }), async (docs) => {
      const root = mkdtempSync(join(out, 'ws-'));
      const files = docs.map((text, i) => join(root, `docs/d${i}_review.md`));
      for (let m = 1; m <= 6; m++) write(join(root, `src/m${m}.py`), source);
      docs.forEach((text, i) => write(files[i], text));
      await assertSame(root, files, 'generated');
    }),
    { numRuns: 12, seed: 25 },
  );
});

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
