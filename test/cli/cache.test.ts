/**
 * `check --cache`: a second run over unchanged files prints exactly what a run without the cache prints, and so
 * does every run after a change (a document, a cited file, the config, a new duplicate ID that another, cached,
 * document must now report). Real CLI processes on real folders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { certificate, workspace } from '../helpers/workspace-gen';

function run(root: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const r = runCli(['check', '--root', root, '--format', 'json', ...extra], { env: { SIGNOFF_WORKERS: '0', ...env } });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return r.stdout;
}

for (const workers of ['0', '2']) {
  test(`--cache reuses only what still stands (workers: ${workers})`, () => {
    const root = makeTree(workspace(30));
    const loc = join(root, 'cache-dir', 'cache.json');
    const cached = () => run(root, ['--cache', '--cache-location', loc], { SIGNOFF_WORKERS: workers });
    const plain = () => run(root);

    const first = cached();
    assert.ok(existsSync(loc), 'the cache file is written');
    assert.equal(first, plain());
    const mtime = statSync(loc).mtimeMs;
    assert.equal(cached(), first, 'unchanged files: same output');
    assert.ok(statSync(loc).mtimeMs >= mtime);

    // One document changes: its new finding appears.
    const p5 = join(root, 'certs/svc005_certificate.md');
    writeFileSync(p5, readFileSync(p5, 'utf8').replace('**Status**: **APPROVED**', '**Status**: MAYBE'));
    const afterEdit = cached();
    assert.equal(afterEdit, plain());
    assert.notEqual(afterEdit, first);

    // A document takes another's ID: the other (unchanged, cached) document must now report it too.
    const p7 = join(root, 'certs/svc007_certificate.md');
    writeFileSync(p7, readFileSync(p7, 'utf8').replace('SVC7-20250201-080000', 'SVC3-20250201-080000'));
    const afterDup = cached();
    assert.equal(afterDup, plain());
    const out = JSON.parse(afterDup) as { files: { path: string; findings: { ruleId: string }[] }[] };
    const holders = out.files.filter((f) => f.findings.some((x) => x.ruleId === 'cert-id-unique')).map((f) => f.path);
    assert.ok(holders.includes('certs/svc003_certificate.md') && holders.includes('certs/svc007_certificate.md'), holders.join());

    // A cited file shrinks: line references past its end are found although no document changed.
    writeFileSync(join(root, 'src/module3.py'), 'x = 1\n');
    const afterShrink = cached();
    assert.equal(afterShrink, plain());
    assert.notEqual(afterShrink, afterDup);

    // A new file and a config change both count.
    writeFileSync(join(root, 'certs/svc999_certificate.md'), certificate(999));
    assert.equal(cached(), plain());
    writeFileSync(join(root, '.signoff.json'), JSON.stringify({ rules: { 'evidence-file-missing': 'off' } }));
    assert.equal(cached(), plain());
  });
}

test('--cache: default location under the root, a corrupt cache is a full run, --fix ignores the cache', () => {
  const root = makeTree({ 'certs/a_certificate.md': certificate(1), 'certs/b_certificate.md': certificate(2) });
  const first = run(root, ['--cache']);
  assert.ok(existsSync(join(root, '.signoff-cache', 'signoff-cache.json')));
  writeFileSync(join(root, '.signoff-cache', 'signoff-cache.json'), '{ not json');
  assert.equal(run(root, ['--cache']), first);
  mkdirSync(join(root, 'node_modules'));
  run(root, ['--cache']);
  assert.ok(existsSync(join(root, 'node_modules', '.cache', 'signoff', 'signoff-cache.json')));
  // --fix must see every file: it rewrites the decorated status although the cache holds the file's findings.
  const fixed = runCli(['check', '--root', root, '--cache', '--fix'], { env: { SIGNOFF_WORKERS: '0' } });
  assert.ok(fixed.code === 0 || fixed.code === 1, fixed.stderr);
  assert.ok(!readFileSync(join(root, 'certs/a_certificate.md'), 'utf8').includes('**Status**: **APPROVED**') || !certificate(1).includes('**APPROVED**'));
});
