/**
 * Sealed certificates through the real CLI as a process, in real git repositories in temp folders: `seal`, a
 * shallow `git clone --depth 1` (file:// so the depth applies), edits to cited code and to the certificate, CRLF and
 * `--fix`, real ed25519 keys made with ssh-keygen, and the in-toto attestation checked against the Statement v1 spec.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const CERT_PATH = 'docs/reviews/agents/security-auditor/vault_review_20250602_093000.md';

const VAULT = `import time

class Vault:
    def expired(self, token):
        now = time.time()
        return token.expires_at <= now

    def rotate(self):
        self.previous = self.current
        self.current = self.new_key()
`;

function certificate(opts: { evidence?: string; date?: string } = {}): string {
  return `# SECURITY REVIEW CERTIFICATE

**Component**: token vault
**Agent**: security-auditor
**Date**: ${opts.date ?? '2025-06-02 09:30:00 UTC'}
**Certificate ID**: SEC-VAULT-20250602-093000

## REVIEW SCOPE

- \`src/vault.py\`: key rotation and token expiry

## FINDINGS

Token expiry is enforced at \`${opts.evidence ?? 'src/vault.py:4-6'}\`; rotation keeps the old key for one period.

## DECISION/OUTCOME

**Status**: CONDITIONALLY_APPROVED
**Rationale**: expiry and rotation behave as designed.
**Conditions**:
- Rotate the signing key before the next release

## EVIDENCE

- \`src/vault.py\` lines 8-10

## SIGNATURE

Agent: security-auditor
Timestamp: 2025-06-02 09:30:00 UTC
Certificate Hash: VAULT-REVIEW-OK
`;
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'core.autocrlf=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function repo(cert = certificate()): string {
  const root = makeTree({ [CERT_PATH]: cert, 'src/vault.py': VAULT });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'review');
  return root;
}

function read(root: string, rel = CERT_PATH): string {
  return readFileSync(join(root, rel), 'utf8');
}

function cli(root: string, ...args: string[]) {
  return runCli(args, { cwd: root });
}

function verifyJson(root: string, ...args: string[]) {
  const r = cli(root, 'verify', CERT_PATH, '--format', 'json', ...args);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as { certificates: { hash: string; signature: string; evidence: { intact: number; total: number }; holds: boolean; findings: { ruleId: string; message: string; line: number; severity: string }[] }[] } };
}

function checkFindings(root: string, ruleId: string) {
  const r = cli(root, 'check', CERT_PATH, '--format', 'json');
  const out = JSON.parse(r.stdout) as { files: { findings: { ruleId: string; message: string; line: number; severity: string }[] }[] };
  return out.files[0].findings.filter((f) => f.ruleId === ruleId);
}

test('seal writes a real Certificate Hash and one seal block; sealing again changes nothing', () => {
  const root = repo();
  const r = cli(root, 'seal', CERT_PATH);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /sealed .*vault_review.*: sha256:[0-9a-f]{16}…, 3 fingerprints in 1 file/);
  const text = read(root);
  const hash = /^Certificate Hash: sha256:([0-9a-f]{64})$/m.exec(text)?.[1];
  assert.ok(hash, 'the decorative Certificate Hash line now holds the content hash');
  assert.equal(text.match(/<!-- signoff-seal v1/g)?.length, 1);
  assert.ok(text.trimEnd().endsWith('-->'), 'the seal is the last thing in the document');
  assert.match(text, new RegExp(`^sha256 ${hash}$`, 'm'));
  assert.match(text, /^file src\/vault\.py blob [0-9a-f]{40}$/m, 'the git blob id of the cited file is recorded');
  assert.match(text, /^lines 4-6 [0-9a-f]{24}$/m);
  assert.ok(text.length - certificate().length < 600, `the seal is small (${text.length - certificate().length} characters)`);
  assert.equal(cli(root, 'seal', CERT_PATH).code, 0);
  assert.equal(read(root), text, 'sealing a sealed, unchanged certificate is byte-identical');
  // The seal adds no finding of any other rule.
  const before = JSON.parse(runCli(['check', '--format', 'json'], { cwd: makeTree({ [CERT_PATH]: certificate(), 'src/vault.py': VAULT }) }).stdout).summary;
  const after = JSON.parse(cli(root, 'check', '--format', 'json').stdout).summary;
  assert.deepEqual({ errors: after.errors, warnings: after.warnings }, { errors: before.errors, warnings: before.warnings });
  const v = verifyJson(root);
  assert.equal(v.code, 0, JSON.stringify(v.report));
  assert.deepEqual(v.report.certificates[0].evidence, { intact: 2, total: 2 });
});

test('in a shallow clone: an edited cited line is evidence-stale and verify exits 1; moved lines are found', () => {
  const root = repo();
  assert.equal(cli(root, 'seal', CERT_PATH).code, 0);
  git(root, 'commit', '-qam', 'seal');
  const clone = join(mkdtempSync(join(tmpdir(), 'signoff-clone-')), 'c');
  git(tmpdir(), 'clone', '-q', '--depth', '1', `file://${root}`, clone);
  assert.equal(git(clone, 'rev-parse', '--is-shallow-repository').trim(), 'true');
  assert.equal(verifyJson(clone).code, 0, 'the seal holds in the shallow clone');

  writeFileSync(join(clone, 'src/vault.py'), VAULT.replace('<= now', '< now'));
  const stale = checkFindings(clone, 'evidence-stale');
  assert.deepEqual(stale.map((f) => [f.line, f.severity]), [[10, 'info'], [14, 'warning']]);
  assert.match(stale[1].message, /^Cited lines 4-6 of src\/vault\.py changed since the certificate was sealed \(the sealed version is git blob [0-9a-f]{12}\)\.$/);
  const v = verifyJson(clone);
  assert.equal(v.code, 1);
  assert.deepEqual(v.report.certificates[0].evidence, { intact: 1, total: 2 });
  assert.equal(v.report.certificates[0].hash, 'intact');
  const table = cli(clone, 'verify', CERT_PATH);
  assert.equal(table.code, 1);
  assert.match(table.stdout, /intact\s+unsigned\s+1\/2 intact, files 0\/1 unchanged\s+FAILS/);

  writeFileSync(join(clone, 'src/vault.py'), '# header\n# more\n' + VAULT);
  const moved = checkFindings(clone, 'evidence-stale').filter((f) => f.severity === 'warning');
  assert.deepEqual(moved.map((f) => f.message), [
    'Cited lines 4-6 of src/vault.py are not the lines that were sealed: those are now, unchanged, at lines 6-8.',
    'Cited lines 8-10 of src/vault.py are not the lines that were sealed: those are now, unchanged, at lines 10-12.',
  ]);
});

test('an edit to the certificate text is cert-hash-mismatch naming the section; so is an edited Certificate Hash line', () => {
  const root = repo();
  assert.equal(cli(root, 'seal', CERT_PATH).code, 0);
  const sealed = read(root);
  writeFileSync(join(root, CERT_PATH), sealed.replace('rotation keeps the old key for one period', 'rotation drops the old key'));
  const [f] = checkFindings(root, 'cert-hash-mismatch');
  assert.equal(f.line, 12);
  assert.match(f.message, /section "FINDINGS" \(line 12\) differs from the sealed text/);
  const v = verifyJson(root);
  assert.equal(v.code, 1);
  assert.equal(v.report.certificates[0].hash, 'changed');

  writeFileSync(join(root, CERT_PATH), sealed.replace(/^\*\*Status\*\*: .*$/m, '**Status**: APPROVED').replace(/^- Rotate the signing key.*\n/m, ''));
  assert.match(checkFindings(root, 'cert-hash-mismatch')[0].message, /section "DECISION\/OUTCOME" \(line 16\) differs/);

  writeFileSync(join(root, CERT_PATH), sealed.replace(/^Certificate Hash: sha256:[0-9a-f]+$/m, 'Certificate Hash: sha256:feed'));
  const line = checkFindings(root, 'cert-hash-mismatch');
  assert.deepEqual(line.map((x) => x.line), [31]);
  assert.match(line[0].message, /Certificate Hash reads "sha256:feed" but the seal holds sha256:[0-9a-f]{12}…/);
});

test('CRLF conversion, a BOM and check --fix keep the seal valid', () => {
  // A foreign path and an ISO date: sealing applies the safe fixes first, so --fix finds nothing left to change.
  const root = repo(certificate({ evidence: '/home/alice/vault/src/vault.py:4-6', date: '2025-06-02T09:30:00Z' }));
  const s = cli(root, 'seal', CERT_PATH);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /2 safe fixes applied first/);
  const sealed = read(root);
  assert.ok(sealed.includes('`src/vault.py:4-6`') && sealed.includes('**Date**: 2025-06-02 09:30:00 UTC'));
  cli(root, 'check', CERT_PATH, '--fix');
  assert.equal(read(root), sealed, 'check --fix leaves a sealed certificate alone');
  assert.equal(verifyJson(root).code, 0);

  const crlf = '\uFEFF' + sealed.replace(/\n/g, '\r\n');
  writeFileSync(join(root, CERT_PATH), crlf);
  writeFileSync(join(root, 'src/vault.py'), VAULT.replace(/\n/g, '\r\n'));
  const v = verifyJson(root);
  assert.equal(v.code, 0, JSON.stringify(v.report.certificates[0].findings));
  assert.equal(cli(root, 'seal', CERT_PATH).code, 0);
  // Re-sealing keeps the BOM, the CRLF line endings, the hash and the fingerprints; only the cited file's git blob
  // id changes, since its bytes did.
  const resealed = read(root);
  const withoutBlob = (t: string) => t.replace(/ blob [0-9a-f]{40}/, '');
  assert.equal(withoutBlob(resealed), withoutBlob(crlf));
  assert.notEqual(resealed, crlf);
  cli(root, 'check', CERT_PATH, '--fix');
  assert.equal(read(root), resealed);
  assert.equal(verifyJson(root).code, 0);
});

test('an ed25519 signature verifies against allowed signers for the Agent; another key, a tampered seal or no allowed signers fail', () => {
  const root = repo();
  const keys = mkdtempSync(join(tmpdir(), 'signoff-keys-'));
  for (const name of ['auditor', 'other']) {
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(keys, name)], { encoding: 'utf8' });
    assert.equal(r.status, 0, `ssh-keygen (OpenSSH) is needed for this test: ${r.error?.message ?? r.stderr}`);
  }
  const pub = (name: string) => readFileSync(join(keys, `${name}.pub`), 'utf8').split(' ').slice(0, 2).join(' ');
  const allowed = join(keys, 'allowed_signers');
  writeFileSync(allowed, `security-auditor namespaces="signoff" ${pub('auditor')}\nrelease-bot ${pub('other')}\n`);

  assert.equal(cli(root, 'seal', CERT_PATH, '--key', join(keys, 'auditor')).code, 0);
  const signed = read(root);
  assert.match(signed, /^signature\n-----BEGIN SSH SIGNATURE-----\n[\s\S]+\n-----END SSH SIGNATURE-----\n-->\n$/m);
  const ok = verifyJson(root, '--allowed-signers', allowed);
  assert.equal(ok.code, 0, JSON.stringify(ok.report));
  assert.equal(ok.report.certificates[0].signature, 'valid');
  // The same file through the config key, and through git's own setting.
  writeFileSync(join(root, '.signoff.json'), JSON.stringify({ seal: { allowedSigners: allowed } }));
  assert.equal(verifyJson(root).code, 0);
  writeFileSync(join(root, '.signoff.json'), '{}');
  git(root, 'config', 'gpg.ssh.allowedSignersFile', allowed);
  assert.equal(verifyJson(root).report.certificates[0].signature, 'valid');
  git(root, 'config', '--unset', 'gpg.ssh.allowedSignersFile');

  const unverified = verifyJson(root);
  assert.equal(unverified.code, 1, 'a signature nobody can check does not hold');
  assert.equal(unverified.report.certificates[0].signature, 'unverified');

  // A fingerprint rewritten inside the signed seal: the content hash still matches, the signature does not.
  writeFileSync(join(root, CERT_PATH), signed.replace(/^(lines 4-6 )[0-9a-f]{24}$/m, `$1${'0'.repeat(24)}`));
  const tampered = verifyJson(root, '--allowed-signers', allowed);
  assert.equal(tampered.code, 1);
  assert.equal(tampered.report.certificates[0].signature, 'invalid');
  assert.match(tampered.report.certificates[0].findings.find((f) => f.ruleId === 'cert-seal-signature')!.message, /does not verify/);

  writeFileSync(join(root, CERT_PATH), signed);
  assert.equal(cli(root, 'seal', CERT_PATH, '--key', join(keys, 'other')).code, 0);
  const other = verifyJson(root, '--allowed-signers', allowed);
  assert.equal(other.code, 1);
  assert.equal(other.report.certificates[0].signature, 'not-allowed');
  assert.match(other.report.certificates[0].findings[0].message, /signed by SHA256:\S+, which is allowed for "release-bot", not for the Agent "security-auditor"/);

  const bad = cli(root, 'seal', CERT_PATH, '--key', join(keys, 'missing'));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^signoff: --key: .*missing: cannot read \(ENOENT\)\n$/);
});

/**
 * The in-toto Statement layer v1 (github.com/in-toto/attestation, spec/v1/statement.md, resource_descriptor.md,
 * digest_set.md): `_type` is exactly the v1 URI; `subject` is a non-empty list of ResourceDescriptors that each MUST
 * have `digest`; a DigestSet maps algorithm names to lowercase hex (sha256: 64 digits); `predicateType` is a TypeURI;
 * `predicate` an object. Unknown fields are allowed (consumers ignore them).
 */
const DigestSet = z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().regex(/^[0-9a-f]+$/)).refine((d) => Object.keys(d).length > 0, 'a digest set has at least one entry')
  .refine((d) => d.sha256 === undefined || d.sha256.length === 64, 'sha256 is 64 hex digits');
const ResourceDescriptor = z.object({ name: z.string().optional(), uri: z.string().url().optional(), digest: DigestSet.optional(), content: z.string().optional(), downloadLocation: z.string().optional(), mediaType: z.string().optional(), annotations: z.record(z.string(), z.unknown()).optional() })
  .refine((r) => r.uri !== undefined || r.digest !== undefined || r.content !== undefined, 'a ResourceDescriptor sets uri, digest or content');
const StatementV1 = z.object({
  _type: z.literal('https://in-toto.io/Statement/v1'),
  subject: z.array(ResourceDescriptor.refine((r) => r.digest !== undefined, 'each subject MUST have digest')).min(1),
  predicateType: z.string().url(),
  predicate: z.record(z.string(), z.unknown()).optional(),
});

test('attest prints an in-toto Statement v1: certificate and cited files with sha256 digests, our predicate', () => {
  const root = repo();
  assert.equal(cli(root, 'seal', CERT_PATH).code, 0);
  const r = cli(root, 'attest', CERT_PATH);
  assert.equal(r.code, 0, r.stderr);
  const statement = JSON.parse(r.stdout);
  const parsed = StatementV1.safeParse(statement);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  const sha = (rel: string) => createHash('sha256').update(readFileSync(join(root, rel))).digest('hex');
  assert.deepEqual(statement.subject, [
    { name: CERT_PATH, digest: { sha256: sha(CERT_PATH) } },
    { name: 'src/vault.py', digest: { sha256: sha('src/vault.py') } },
  ]);
  assert.equal(statement.predicateType, 'https://github.com/signoff-dev/signoff/blob/main/docs/attestation.md#review-certificate-v1');
  const p = statement.predicate;
  assert.equal(p.verdict, 'CONDITIONALLY_APPROVED');
  assert.equal(p.component, 'token vault');
  assert.equal(p.agent, 'security-auditor');
  assert.equal(p.date, '2025-06-02 09:30:00 UTC');
  assert.deepEqual(p.conditions, ['Rotate the signing key before the next release']);
  assert.equal(p.certificate.id, 'SEC-VAULT-20250602-093000');
  assert.deepEqual(p.evidence.map((e: { path: string; lines: unknown[] }) => [e.path, e.lines]), [
    ['src/vault.py', []],
    ['src/vault.py', [{ start: 4, end: 6 }]],
    ['src/vault.py', [{ start: 8, end: 10 }]],
  ]);
  assert.deepEqual(p.seal, { contentHash: `sha256:${/^sha256 ([0-9a-f]{64})$/m.exec(read(root))![1]}`, intact: true, signed: false });
  // The checker itself rejects what the spec rejects.
  assert.equal(StatementV1.safeParse({ ...statement, subject: [{ name: 'x' }] }).success, false);
  assert.equal(StatementV1.safeParse({ ...statement, _type: 'https://in-toto.io/Statement/v0.1' }).success, false);
});

test('a certificate citing another stays valid when the other is sealed (its seal and hash line are not its content)', () => {
  const other = 'docs/reviews/agents/security-auditor/rotation_review_20250601_080000.md';
  const root = repo(certificate({ evidence: other }));
  writeFileSync(join(root, other), certificate().replace(/SEC-VAULT-20250602-093000/g, 'SEC-ROT-20250601-080000').replace(/2025-06-02 09:30:00/g, '2025-06-01 08:00:00'));
  assert.equal(cli(root, 'seal', CERT_PATH).code, 0);
  assert.match(read(root), new RegExp(`^file ${other.replace(/[./]/g, '\\$&')} blob [0-9a-f]{40}\nlines all [0-9a-f]{24}$`, 'm'));
  assert.equal(cli(root, 'seal', other).code, 0);
  const v = verifyJson(root);
  assert.equal(v.code, 0, JSON.stringify(v.report.certificates[0].findings));
  // Both in one run, the cited one with a safe fix to apply first (an ISO date): the citing one is sealed again after
  // it, so its fingerprint is of the fixed text, and sealing again is byte-identical.
  writeFileSync(join(root, other), read(root, other).replace(/^\*\*Date\*\*: .*$/m, '**Date**: 2025-06-01T08:00:00Z'));
  assert.equal(cli(root, 'seal', 'docs').code, 0);
  const both = [read(root), read(root, other)];
  const j = verifyJson(root);
  assert.equal(j.code, 0);
  assert.deepEqual((j.report.certificates[0] as unknown as { wholeFiles: unknown }).wholeFiles, { unchanged: 2, total: 2 });
  assert.equal(cli(root, 'seal', 'docs').code, 0);
  assert.deepEqual([read(root), read(root, other)], both, 'sealing again changes nothing');
  writeFileSync(join(root, other), read(root, other).replace('rotation keeps the old key', 'rotation forgets the old key'));
  assert.match(checkFindings(root, 'evidence-stale').map((f) => f.message).join('\n'), /rotation_review_20250601_080000\.md, cited as a whole, changed since the certificate was sealed/);
});

test('usage: verify of an unsealed certificate fails; seal of a non-certificate is a one-line error', () => {
  const root = repo();
  const v = cli(root, 'verify', CERT_PATH);
  assert.equal(v.code, 1);
  assert.match(v.stdout, /not sealed\s+-\s+-\s+FAILS/);
  writeFileSync(join(root, 'notes.md'), '# Notes\n\nNothing to seal.\n');
  const s = cli(root, 'seal', 'notes.md');
  assert.equal(s.code, 1);
  assert.equal(s.stderr, 'signoff: notes.md is not a review certificate\n');
  assert.equal(cli(root, 'seal').code, 2);
  assert.equal(cli(root, 'attest', CERT_PATH, 'notes.md').code, 2);
});
