/**
 * `signoff check` over worker threads gives exactly what one thread gives, and both give what a naive engine
 * gives (parse every document, index them all, then check each): the two-stage split and the trees dropped
 * between stages change nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, decodeText, parseConfig } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { workspace } from '../helpers/workspace-gen';
import { park, unpark } from '../../src/cli/parallel-stages';
import { documentData, documentFromData } from '../../src/core/engine';
import { evidenceOf } from '../../src/core/evidence/of';
import { sayRepositoryNoteOnce } from '../../src/core/evidence/repository-note';

interface JsonOut { files: { path: string; findings: { ruleId: string; line: number; column: number; message: string }[] }[] }

async function naive(root: string): Promise<JsonOut> {
  const { config } = parseConfig(undefined);
  const host = new NodeHost({ root, exclude: config.exclude });
  const engine = new Engine(host, config);
  engine.workspace.files = await host.listFiles();
  const docs = [];
  for (const rel of engine.workspace.files.filter((f) => f.endsWith('.md'))) {
    const { text, ...facts } = decodeText(readFileSync(join(root, rel)));
    const doc = engine.parse(rel, text, facts);
    if (!doc.kind) continue;
    engine.workspace.update(doc);
    docs.push(doc);
  }
  const files = [];
  const checked = [];
  for (const doc of docs) checked.push({ doc, findings: await engine.check(doc) });
  // A run says the repository-level drift note once, on the first certificate (as signoff check does).
  sayRepositoryNoteOnce(checked);
  for (const { doc, findings } of checked) {
    files.push({ path: doc.path, findings: findings.map((f) => ({ ruleId: f.ruleId, line: f.start.line, column: f.start.column, message: f.message })) });
  }
  return { files };
}

const strip = (o: JsonOut) => o.files.map((f) => ({ path: f.path, findings: f.findings.map((x) => ({ ruleId: x.ruleId, line: x.line, column: x.column, message: x.message })) }));

test('worker threads, one thread and a naive engine report the same findings', async () => {
  const root = makeTree(workspace(40));
  const one = runCli(['check', '--root', root, '--format', 'json'], { env: { SIGNOFF_WORKERS: '0' } });
  const two = runCli(['check', '--root', root, '--format', 'json'], { env: { SIGNOFF_WORKERS: '2' } });
  const three = runCli(['check', '--root', root, '--format', 'json'], { env: { SIGNOFF_WORKERS: '3' } });
  assert.equal(one.code, 1, one.stderr);
  assert.equal(one.stderr, '');
  assert.equal(two.stderr, '');
  assert.equal(two.stdout, one.stdout);
  assert.equal(three.stdout, one.stdout);
  const out = JSON.parse(one.stdout) as JsonOut;
  assert.equal(out.files.length, 40);
  // The cross-document rules fired (so the comparison covers stage 2): both holders of the duplicate ID.
  const dup = out.files.filter((f) => f.findings.some((x) => x.ruleId === 'cert-id-unique')).map((f) => f.path);
  assert.deepEqual(dup, ['certs/svc000_certificate.md', 'certs/svc039_certificate.md']);
  const missing = out.files.filter((f) => f.findings.some((x) => x.ruleId === 'cert-reference-missing')).length;
  assert.equal(missing, 7); // certificates 2, 8, ..., 38 cite an ID nobody declares
  assert.deepEqual(strip(out), strip(await naive(root)));
});

test('a pending check parked between the stages comes back equal (serialised data), or is kept as is when not plain', async () => {
  const root = makeTree(workspace(12));
  const { config } = parseConfig(undefined);
  const host = new NodeHost({ root, exclude: config.exclude });
  const engine = new Engine(host, config);
  engine.workspace.files = await host.listFiles();
  let parked = 0;
  for (const rel of engine.workspace.files.filter((f) => f.endsWith('.md'))) {
    const { text, ...facts } = decodeText(readFileSync(join(root, rel)));
    const doc = engine.parse(rel, text, facts);
    if (!doc.kind) continue;
    evidenceOf(doc);
    engine.workspace.update(doc);
    const { pending } = await engine.checkStaged(doc);
    if (!pending) continue;
    const p = park(pending);
    assert.ok('packed' in p, `${rel}: the pending data should be plain`);
    // Owns exactly its bytes: not a view of zlib's 16 KB output chunk (160 MB over 10,000 certificates).
    assert.equal(p.packed.buffer.byteLength, p.packed.byteLength, `${rel}: parked data holds ${p.packed.buffer.byteLength} bytes for ${p.packed.byteLength}`);
    parked++;
    const back = unpark(p);
    assert.deepEqual(documentData(back.doc), documentData(pending.doc));
    assert.deepEqual(back.findings, pending.findings);
    assert.equal(back.rules, pending.rules);
    assert.deepEqual(back.doc.lines.lineStarts, doc.lines.lineStarts);
    assert.deepEqual(back.doc.tree, doc.tree); // re-parsed on first read
    // Not plain data (a class instance): kept as the check itself, never half-restored.
    const odd = { ...pending, doc: Object.assign(documentFromData(documentData(pending.doc)), { extra: new Date(0) }) };
    const q = park(odd);
    assert.ok('check' in q);
    assert.equal(unpark(q), odd);
  }
  assert.ok(parked >= 10, `parked ${parked}`);
});

test('a worker that runs out of memory under its heap limit is replaced and loses no result (stage 1 and stage 2)', () => {
  const root = makeTree(workspace(40));
  const one = runCli(['check', '--root', root, '--format', 'json'], { env: { SIGNOFF_WORKERS: '0' } });
  assert.equal(one.code, 1, one.stderr);
  for (const at of ['stage1', 'stage2']) {
    const run = runCli(['check', '--root', root, '--format', 'json'], { env: { SIGNOFF_WORKERS: '2', SIGNOFF_WORKER_HEAP_MB: '48', SIGNOFF_TEST_WORKER_OOM: at }, timeoutMs: 120_000 });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /a worker ran out of memory under its 48 MB heap limit; checking its \d+ files again with 96 MB/, at);
    assert.equal(run.stdout, one.stdout, at);
  }
  // A limit that is not reached changes nothing and says nothing.
  const capped = runCli(['check', '--root', root, '--format', 'json'], { env: { SIGNOFF_WORKERS: '2', SIGNOFF_WORKER_HEAP_MB: '512' } });
  assert.equal(capped.stderr, '');
  assert.equal(capped.stdout, one.stdout);
});
