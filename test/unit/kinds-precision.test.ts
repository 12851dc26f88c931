/**
 * Kind detection on real repositories (test/precision/kinds/labels.json: files of public, AI-heavy repositories
 * labelled certificate / checklist / neither by reading them): checklist and certificate precision and recall at
 * least 95%, and no finding at all on a file labelled neither. Each file is checked as `signoff check` would: the
 * scan before parsing, the parse, the detection and the rules, through the real engine on a real folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, DEFAULT_CONFIG } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { labels, missing, texts, type KindLabel } from '../precision/kinds/load';

const all = labels();
const absent = missing(all);
if (absent) console.log(`# kinds precision suite skipped: missing ${absent}`);

test('the labels cover at least 150 files of each kind and title style asked for', () => {
  assert.ok(all.length >= 150, `${all.length} labelled files`);
  for (const k of ['certificate', 'checklist', 'neither'] as KindLabel[]) assert.ok(all.filter((l) => l.label === k).length >= 20, `at least 20 labelled ${k}`);
  assert.equal(new Set(all.map((l) => `${l.repo}:${l.path}`)).size, all.length, 'no file labelled twice');
});

test('kinds on real repositories: precision and recall >= 95% per kind, nothing reported on the rest', { skip: absent ? `missing ${absent}` : false }, async () => {
  const host = new NodeHost({ root: mkdtempSync(join(tmpdir(), 'signoff-kinds-')), exclude: [] });
  const engine = new Engine(host, DEFAULT_CONFIG);
  engine.workspace.files = [];
  const wrong: string[] = [];
  const count = { certificate: { tp: 0, fp: 0, fn: 0 }, checklist: { tp: 0, fp: 0, fn: 0 } };
  for (const [l, text] of texts(all)) {
    const doc = engine.parse(l.path, text);
    const got: KindLabel = doc.kind ?? 'neither';
    for (const k of ['certificate', 'checklist'] as const) {
      if (got === k && l.label === k) count[k].tp++;
      else if (got === k) count[k].fp++;
      else if (l.label === k) count[k].fn++;
    }
    if (got !== l.label) wrong.push(`${l.repo}:${l.path}: labelled ${l.label} (${l.reason}), detected ${got}: ${(doc.decision?.reasons ?? []).join('; ')}`);
    if (l.label === 'neither') {
      const { findings } = await engine.checkDocument(doc);
      assert.deepEqual(findings.map((f) => f.ruleId), [], `${l.path} is labelled neither and has findings`);
    }
  }
  const rate = (a: number, b: number) => (a + b ? a / (a + b) : 1);
  const lines = (['certificate', 'checklist'] as const).map((k) => `${k}: precision ${rate(count[k].tp, count[k].fp).toFixed(3)}, recall ${rate(count[k].tp, count[k].fn).toFixed(3)} (${count[k].tp} right, ${count[k].fp} wrongly, ${count[k].fn} missed)`);
  console.log(`# ${lines.join('\n# ')}${wrong.length ? '\n# ' + wrong.join('\n# ') : ''}`);
  for (const k of ['certificate', 'checklist'] as const) {
    assert.ok(rate(count[k].tp, count[k].fp) >= 0.95, `${k} precision below 95%:\n${wrong.join('\n')}`);
    assert.ok(rate(count[k].tp, count[k].fn) >= 0.95, `${k} recall below 95%:\n${wrong.join('\n')}`);
  }
});
