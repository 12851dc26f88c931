/**
 * One Certificate-ID matcher (core/parse/header.ts): the model's reading, the text scan before parsing
 * (mayHoldCertificateId) and the workspace's look at documents it did not check (idsOutsideIndex) agree on every ID
 * form: the lighthouse corpus and seeds when present, and generated variants of the ways an ID is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { Engine, DEFAULT_CONFIG } from '../../src/core/index';
import { mayHoldCertificateId } from '../../src/core/parse/header';
import { NodeHost } from '../../src/node/fs-host';
import { makeTree, SHARED } from '../helpers/engine';
import { mdFiles } from '../helpers/md-files';

const FORMS: ((id: string) => string)[] = [
  (id) => `**Certificate ID**: ${id}`, (id) => `**Certificate ID:** ${id}`, (id) => `**Certificate ID**: **${id}**`, (id) => `**Certificate ID**: \`${id}\``,
  (id) => `- **Certificate ID**: ${id}`, (id) => `**certificate id**: ${id}`, (id) => `**CERTIFICATE  ID**: ${id}`, (id) => `**__Certificate ID__**: ${id}`,
  (id) => `**_Certificate_ ID**: ${id}`, (id) => `** Certificate ID**: ${id}`, (id) => `| Field | Value |\n| --- | --- |\n| **Certificate ID** | ${id} |`,
  (id) => `| Key | Value |\n|---|---|\n| Certificate ID | \`${id}\` |`, (id) => `Key | Value\n--- | ---\n*Certificate ID* | ${id}`,
];
const PLACES: ((field: string) => string)[] = [
  (f) => `# PAYMENTS REVIEW CERTIFICATE\n\n**Component**: pay\n${f}\n\n## REVIEW SCOPE\n\nx\n`,
  (f) => `# Payments\n\n## Production Readiness Certificate\n\n**Component**: pay\n**Date**: 2025-01-01\n${f}\n\n## Findings\n\nx\n`,
  (f) => `# Payments Review\n\n## Certificate Information\n\n${f}\n\n**Agent**: a\n**Status**: APPROVED\n\n## Scope\n\nx\n`,
  (f) => `# Notes\n\n## Section\n\n${f}\n`,
];

/** The model's ID of each file, and what the workspace scan finds in the same files (none of them checked). */
async function both(files: Record<string, string>): Promise<{ model: Map<string, string | undefined>; scanned: Map<string, string | undefined> }> {
  const root = makeTree(files);
  const host = new NodeHost({ root, exclude: [] });
  const engine = new Engine(host, DEFAULT_CONFIG);
  engine.workspace.files = await host.listFiles();
  const model = new Map<string, string | undefined>();
  for (const [p, text] of Object.entries(files)) {
    const id = engine.parse(p, text).certificate?.certificateId?.value;
    model.set(p, id);
    if (id) assert.ok(mayHoldCertificateId(text), `the scan before parsing misses the ID of ${p}:\n${text.slice(0, 400)}`);
  }
  const scanned = new Map<string, string | undefined>(Object.keys(files).map((p) => [p, undefined]));
  for (const [id, paths] of await engine.workspace.idsOutsideIndex(host)) for (const p of paths) scanned.set(p, id);
  return { model, scanned };
}

test('every generated ID form: the model reads it, the scan and the workspace agree', async () => {
  const files: Record<string, string> = {};
  FORMS.forEach((form, i) => PLACES.forEach((place, j) => { files[`f${i}-${j}.md`] = place(form(`PAY-2025010${j}-${i}`)); }));
  const { model, scanned } = await both(files);
  assert.deepEqual(scanned, model);
  // Every form is read in the three certificate places, and never in a section of an ordinary page; a list item
  // (form 4) is not a header field.
  for (const [p, id] of model) {
    const [, i, j] = /^f(\d+)-(\d+)\.md$/.exec(p)!;
    assert.equal(id, j === '3' || i === '4' ? undefined : `PAY-2025010${j}-${i}`, p);
  }
});

test('generated variants: spacing, emphasis and case around the key', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('Certificate', 'certificate', 'CERTIFICATE', '_Certificate_', 'Certif**icate'),
      fc.constantFrom(' ', '  ', '\u00a0', '\t', '_ _', ''),
      fc.constantFrom('ID', 'id', 'Id', '_ID_'),
      fc.constantFrom('**%K**: %V', '**%K:** %V', '| %K | %V |', '%K: %V', '- **%K**: %V'),
      fc.integer({ min: 0, max: PLACES.length - 1 }),
      async (c, sp, i, shape, place) => {
        const line = shape.replace('%K', c + sp + i).replace('%V', 'X-1');
        const field = shape.startsWith('|') ? `| A | B |\n| --- | --- |\n${line}` : line;
        const { model, scanned } = await both({ 'a.md': PLACES[place](field) });
        assert.deepEqual(scanned, model);
      },
    ),
    { numRuns: 60, seed: 24 },
  );
});

test('the corpus and seeds: the model, the scan and the workspace agree on every file', { skip: mdFiles(join(SHARED, 'corpus', 'lighthouse')).length ? false : 'no ../shared corpus' }, async () => {
  const base = SHARED;
  const files: Record<string, string> = {};
  for (const f of [...mdFiles(join(SHARED, 'corpus', 'lighthouse')), ...mdFiles(join(SHARED, 'seeds'))]) files[relative(base, f)] = readFileSync(f, 'utf8');
  const { model, scanned } = await both(files);
  assert.deepEqual(scanned, model);
  assert.ok([...model.values()].filter(Boolean).length > 150, 'most corpus certificates declare an ID');
});
