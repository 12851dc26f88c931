/**
 * The workspace root through the real CLI as a process, in real git repositories in temp folders: found from a
 * subfolder as developers expect (nearest `.signoff.json` within the work tree, else the work tree's root, else the
 * current directory; `--root` wins), so `signoff check docs/x_review.md` run from a subfolder resolves exactly like
 * running from the root. JSON paths stay relative to the root, github/gitlab paths to the current directory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { initRepo } from '../helpers/git';
import { certificate } from '../helpers/change-repo';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

const cert = (body: string) => certificate('PAY', body);

interface JsonOut { files: { path: string; findings: { ruleId: string; message: string; line: number; resolution?: Record<string, unknown> }[] }[] }

function repo(): string {
  const root = makeTree({
    'src/pay.py': lines(3),
    'docs/x_review.md': cert('- `src/pay.py:2` computes the total.\n- `pay.py:9` is past its end.\n- `./notes.py:1` sits beside the review.'),
    'docs/notes.py': lines(2),
    'docs/deep/.keep': '',
  });
  initRepo(root);
  return root;
}

/** Evidence findings but drift (the files were all committed after the certificate's Date: drift is not the point here). */
const evidence = (out: JsonOut) => out.files.flatMap((f) => f.findings.filter((x) => x.ruleId.startsWith('evidence-') && x.ruleId !== 'evidence-drift').map((x) => ({ path: f.path, ...x })));

test('check from a subfolder of a git work tree resolves exactly like from its root', () => {
  const root = repo();
  const fromRoot = runCli(['check', 'docs/x_review.md', '--format', 'json'], { cwd: root });
  const fromDocs = runCli(['check', 'x_review.md', '--format', 'json'], { cwd: join(root, 'docs') });
  const fromDeep = runCli(['check', '../x_review.md', '--format', 'json'], { cwd: join(root, 'docs/deep') });
  assert.equal(fromRoot.code, 1, fromRoot.stderr);
  const expected = JSON.parse(fromRoot.stdout) as JsonOut;
  // Only the real problem: line 9 of a 3-line file. No false evidence-file-missing from the subfolder.
  assert.deepEqual(evidence(expected).map((f) => `${f.path}:${f.line}:${f.ruleId}`), ['docs/x_review.md:15:evidence-line-range']);
  assert.deepEqual(evidence(expected)[0].resolution, { cited: 'pay.py', status: 'found', rule: 'nearest-folder', scope: '', path: 'src/pay.py' });
  assert.equal(fromDocs.stdout, fromRoot.stdout, 'from docs/: the same document, the same findings, paths relative to the root');
  assert.equal(fromDeep.stdout, fromRoot.stdout, 'from docs/deep/: the same');
  // github annotations name the file relative to the current directory.
  const gh = runCli(['check', 'x_review.md', '--format', 'github'], { cwd: join(root, 'docs') });
  assert.match(gh.stdout, /^::error file=x_review\.md,line=15,/m, gh.stdout);
});

test('the nearest .signoff.json inside the work tree is the root; --root overrides; outside git the current directory', () => {
  const root = repo();
  // A package with its own configuration: run from inside it, it is the root (its own src/pay.py is the one meant).
  const pkg = join(root, 'packages/billing');
  const files = { '.signoff.json': '{"evidence":{"git":false}}', 'src/pay.py': lines(9), 'reviews/x_review.md': cert('- `pay.py:9` is the last line.') };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(pkg, p)), { recursive: true });
    writeFileSync(join(pkg, p), text);
  }
  const inPkg = JSON.parse(runCli(['check', 'x_review.md', '--format', 'json'], { cwd: join(pkg, 'reviews') }).stdout) as JsonOut;
  assert.deepEqual(inPkg.files.map((f) => f.path), ['reviews/x_review.md'], 'paths relative to packages/billing');
  assert.deepEqual(evidence(inPkg), [], 'pay.py is packages/billing/src/pay.py (9 lines), not the root src/pay.py (3 lines)');
  // --root names the work tree's root instead: both pay.py files are seen from there.
  const overridden = JSON.parse(runCli(['check', 'x_review.md', '--format', 'json', '--root', '../../..'], { cwd: join(pkg, 'reviews') }).stdout) as JsonOut;
  assert.deepEqual(overridden.files.map((f) => f.path), ['packages/billing/reviews/x_review.md']);
  // Outside any work tree and without a configuration: the current directory, as before.
  const plain = makeTree({ 'a/src/pay.py': lines(3), 'a/x_review.md': cert('- `src/pay.py:3` is the last line.') });
  const out = JSON.parse(runCli(['check', '--format', 'json'], { cwd: join(plain, 'a') }).stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => f.path), ['x_review.md']);
  assert.deepEqual(evidence(out), []);
});
