/**
 * `signoff check` over worker threads gives exactly what one thread gives, and both give what a naive engine
 * gives (parse every document, index them all, then check each): running the document pass in workers and the
 * workspace pass on the summaries in the main thread changes nothing.
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
  for (const doc of docs) {
    const findings = await engine.check(doc);
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
  // The workspace rules fired (so the comparison covers the workspace pass): both holders of the duplicate ID.
  const dup = out.files.filter((f) => f.findings.some((x) => x.ruleId === 'cert-id-unique')).map((f) => f.path);
  assert.deepEqual(dup, ['certs/svc000_certificate.md', 'certs/svc039_certificate.md']);
  const missing = out.files.filter((f) => f.findings.some((x) => x.ruleId === 'cert-reference-missing')).length;
  assert.equal(missing, 7); // certificates 2, 8, ..., 38 cite an ID nobody declares
  assert.deepEqual(strip(out), strip(await naive(root)));
});
