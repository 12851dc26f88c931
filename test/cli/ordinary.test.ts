/**
 * Ordinary Markdown around the documents (src/cli/prescan-files.ts, src/core/parse/prescan.ts), through the real
 * CLI: the documents' findings are the same with and without hundreds of ordinary pages around them, in one thread
 * and in worker threads, whole and one-file; and a page that the scan lets through (it holds a `**Certificate ID**`
 * after its first H2, so it is no certificate) is read as the model reads it (parse/header.ts): its line declares no
 * certificate's ID, in a whole check and a one-file check alike (it used to count in both, through a text scan).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
// @ts-expect-error: a plain ES module of the benches, without types
import { certificate, ordinaryPage } from '../../bench/gen.mjs';

const certs: Record<string, string> = {};
for (let i = 0; i < 3; i++) certs[`reviews/c${i}_certificate.md`] = certificate(i, { size: 2500, refs: 3, codeFiles: ['src/app.py'] }) as string;
// Writes c1's ID, but below its first H2: not a certificate, and not a certificate's ID.
const notACertificate = `# Release notes\n\n## Changes\n\n**Certificate ID**: CERT1-20250201-080000\n`;
const pages: Record<string, string> = {};
for (let i = 0; i < 60; i++) pages[`docs/p${i}/README.md`] = ordinaryPage(i, 3000) as string;

const alone = makeTree({ 'src/app.py': 'x = 1\n'.repeat(40), ...certs, 'notes/release.md': notACertificate });
const mixed = makeTree({ 'src/app.py': 'x = 1\n'.repeat(40), ...certs, 'notes/release.md': notACertificate, ...pages });

function check(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = runCli(['check', '--root', root, '--format', 'json', ...args], { cwd: root, env });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const out = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
  return out.files.map((f) => ({ path: f.path, findings: f.findings.map((x) => `${x.ruleId}: ${x.message}`) }));
}

test('ordinary pages change nothing: whole check, in one thread and in workers', () => {
  const expected = check(alone, [], { SIGNOFF_WORKERS: '0' });
  assert.deepEqual(expected.map((f) => f.path), Object.keys(certs).sort());
  const dup = expected.find((f) => f.path === 'reviews/c1_certificate.md')!.findings.filter((m) => m.startsWith('cert-id-unique'));
  assert.deepEqual(dup, [], 'the line in the release notes is no certificate ID');
  assert.deepEqual(check(mixed, [], { SIGNOFF_WORKERS: '0' }), expected);
  assert.deepEqual(check(mixed, [], { SIGNOFF_WORKERS: '2' }), expected);
  assert.deepEqual(check(mixed, []), expected);
});

test('ordinary pages change nothing: one-file check, and a check of an ordinary page reports nothing', () => {
  const expected = check(alone, ['reviews/c1_certificate.md']);
  assert.equal(expected.length, 1);
  // The same answer as the whole check (one matcher for the model and the scan of files not checked).
  assert.deepEqual(expected[0].findings.filter((m) => m.startsWith('cert-id-unique')), []);
  assert.deepEqual(check(mixed, ['reviews/c1_certificate.md']), expected);
  assert.deepEqual(check(mixed, ['docs/p3/README.md']), []);
  assert.deepEqual(check(mixed, ['docs']), []);
});
