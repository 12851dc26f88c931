/**
 * Hostile pull requests (issue 19), through the real CLI as a process: whoever controls a pull request's content
 * (documents, file names, `.signoff.json`, checklists) must not inject CI workflow commands or terminal escapes,
 * downgrade a signed seal, hang or crash a check, or start something that outlives its run. Real FIFOs, real
 * processes (looked up in /proc), real ssh-keygen keys. A hang fails through runCli's timeout (exit code null),
 * never a timed assertion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { CLI, runCli } from '../helpers/cli';
import { parseAllDocuments } from 'yaml';
import type { RunRecord } from '../../src/protocol/index';

const CERT = (status = 'APPROVED') => `# PAYMENTS REVIEW CERTIFICATE

**Component**: payments
**Agent**: security-auditor
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: PAY-20250201-080000

## REVIEW SCOPE

Payments.

## FINDINGS

Nothing blocks.

## DECISION/OUTCOME

**Status**: ${status}
**Rationale**: Nothing blocks the release.

## EVIDENCE

- \`src/pay.py\` lines 1-2

## SIGNATURE

Agent: security-auditor
Timestamp: 2025-02-01 08:00:00 UTC
Certificate Hash: PAY-OK
`;

const PY = 'def pay():\n    return 1\n';

/**
 * No line of the text starts a GitHub workflow command (but Signoff's own annotations, with `ownAnnotations`), and
 * no terminal escape (ESC) is in it.
 */
function assertInert(text: string, what: string, ownAnnotations = false): void {
  for (const line of text.split(/\r?\n/)) {
    if (ownAnnotations && /^::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::/.test(line)) continue;
    assert.ok(!line.startsWith('::'), `${what} holds a workflow command line: ${JSON.stringify(line)}`);
  }
  assert.ok(!text.includes('\x1b'), `${what} holds an ESC byte`);
}

function checklist(meta: string, code: string): string {
  return `# Release Checklist

### Phase 1: Ops

- [ ] **Step**: runs
  \`\`\`bash ${meta}
  ${code}
  \`\`\`
`;
}

/** Live processes whose command line starts with `needle` (Linux /proc); the shell running the snippet does not. */
function processesWith(needle: string): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').join(' ');
      const state = readFileSync(`/proc/${e}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmd.startsWith(needle) && state !== 'Z') out.push(Number(e));
    } catch { /* gone */ }
  }
  return out;
}

function records(root: string): RunRecord[] {
  const dir = join(root, '.signoff', 'runs');
  return existsSync(dir) ? readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunRecord) : [];
}

test('an extends entry holding workflow commands: one escaped line, in text (stdout) and json (stderr) alike', () => {
  const root = makeTree({ '.signoff.json': JSON.stringify({ extends: './nope\n::add-mask::x\n::warning::INJECTED' }) });
  const text = runCli(['check'], { cwd: root });
  assert.equal(text.code, 1);
  assertInert(text.stdout + text.stderr, 'check');
  assert.match(text.stdout, /cannot read \.\/nope\\n::add-mask::x\\n::warning::INJECTED/);
  const json = runCli(['check', '--format', 'json'], { cwd: root });
  assert.equal(json.code, 1);
  assertInert(json.stderr, 'stderr of check --format json');
  assert.match(json.stderr, /^signoff: \.signoff\.json:1:\d+: .*\\n::warning::INJECTED/);
});

test('a document whose file name holds a workflow command is named escaped in every format', () => {
  const name = 'cert\n::warning::X\n.md';
  const root = makeTree({ [name]: CERT('MAYBE'), 'src/pay.py': PY });
  for (const format of ['text', 'compact', 'github', 'json', 'sarif', 'junit', 'gitlab']) {
    const r = runCli(['check', '--format', format], { cwd: root });
    assert.equal(r.code, 1, `${format}: ${r.stderr}`);
    for (const line of (r.stdout + r.stderr).split('\n')) {
      if (format === 'github' && /^::(error|warning|notice) file=/.test(line)) continue; // Signoff's own
      assert.ok(!line.startsWith('::'), `${format}: ${JSON.stringify(line)}`);
    }
  }
  assert.match(runCli(['check'], { cwd: root }).stdout, /^cert\\n::warning::X\\n\.md\n {2}\d+:\d+ +info/m);
  assert.match(runCli(['check', '--format', 'compact'], { cwd: root }).stdout, /^cert\\n::warning::X\\n\.md:\d+:\d+ {2}error/m);
});

test('a Status value holding ESC/OSC sequences reaches no terminal or annotation raw', () => {
  const root = makeTree({ 'cert.md': CERT('MAYBE\x1b]0;TITLE\x07\x1b[2J'), 'src/pay.py': PY });
  const text = runCli(['check', '--no-color'], { cwd: root });
  assert.equal(text.code, 1, text.stdout);
  assertInert(text.stdout, 'text output');
  assert.match(text.stdout, /\\x1b\]0;TITLE\\x07\\x1b\[2J/);
  const github = runCli(['check', '--format', 'github'], { cwd: root });
  assert.match(github.stdout, /^::error file=cert\.md/m);
  assertInert(github.stdout, 'github annotations', true);
  assert.match(github.stdout, /MAYBE\\x1b\]0;TITLE\\x07\\x1b\[2J/);
});

test('a signed seal cannot be downgraded: re-sealed without the key, verify with allowed signers fails', () => {
  const root = makeTree({ 'cert.md': CERT(), 'src/pay.py': PY });
  const keys = mkdtempSync(join(tmpdir(), 'signoff-keys-'));
  const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'auditor', '-f', join(keys, 'auditor')], { encoding: 'utf8' });
  assert.equal(made.status, 0, `ssh-keygen (OpenSSH) is needed for this test: ${made.error?.message ?? made.stderr}`);
  const allowed = join(keys, 'allowed_signers');
  writeFileSync(allowed, `security-auditor namespaces="signoff" ${readFileSync(join(keys, 'auditor.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
  assert.equal(runCli(['seal', 'cert.md', '--key', join(keys, 'auditor')], { cwd: root }).code, 0);
  assert.equal(runCli(['verify', 'cert.md', '--allowed-signers', allowed], { cwd: root }).code, 0);

  // The attacker edits the certificate and seals it again, without the key.
  writeFileSync(join(root, 'cert.md'), readFileSync(join(root, 'cert.md'), 'utf8').replace('Nothing blocks.', 'Nothing at all blocks.'));
  assert.equal(runCli(['seal', 'cert.md'], { cwd: root }).code, 0);
  const v = runCli(['verify', 'cert.md', '--allowed-signers', allowed], { cwd: root });
  assert.equal(v.code, 1, v.stdout);
  assert.match(v.stdout, /UNSIGNED \(required\)\s+.*FAILS/);
  assert.match(v.stdout, /The seal is not signed, but signatures are required .*cert-seal-signature/);
  // The same through the config, in `check`; and a project that opts out keeps unsigned seals.
  writeFileSync(join(root, '.signoff.json'), JSON.stringify({ seal: { allowedSigners: allowed } }));
  const check = JSON.parse(runCli(['check', 'cert.md', '--format', 'json'], { cwd: root }).stdout) as { files: { findings: { ruleId: string; severity: string }[] }[] };
  assert.ok(check.files[0].findings.some((f) => f.ruleId === 'cert-seal-signature' && f.severity === 'error'));
  writeFileSync(join(root, '.signoff.json'), JSON.stringify({ seal: { allowedSigners: allowed, requireSignature: false } }));
  assert.equal(runCli(['verify', 'cert.md'], { cwd: root }).code, 0);
});

test('an extends diamond (10 files, each extending the next 6 times, 9 levels) is read once per file', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 10; i++) files[`cfg/c${i}.json`] = JSON.stringify(i === 9 ? { run: { timeout: 42 } } : { extends: Array(6).fill(`./c${i + 1}.json`) });
  files['.signoff.json'] = JSON.stringify({ extends: './cfg/c0.json' });
  files['run.md'] = checklist('', 'echo hi');
  const root = makeTree(files);
  const r = runCli(['check', '--format', 'json'], { cwd: root, timeoutMs: 120_000 });
  assert.notEqual(r.code, null, 'check did not finish');
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('a .signoff.json nested 5,000 deep is a config-invalid finding, not an internal error', () => {
  const root = makeTree({ '.signoff.json': '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) });
  const r = runCli(['check'], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /\.signoff\.json is not valid JSON \(nested more than 64 levels deep at offset \d+\); the defaults apply\.\s+config-invalid/);
  assert.doesNotMatch(r.stderr, /internal error/);
});

test('a 1.2 GB .signoff.json and a 700 MB extends target (sparse) are not read: a finding names the cap', () => {
  const root = makeTree({ '.signoff.json': '{}', 'big.json': '{}' });
  truncateSync(join(root, '.signoff.json'), 1200 * 1024 * 1024);
  const big = runCli(['check'], { cwd: root });
  assert.equal(big.code, 1);
  assert.match(big.stdout, /\.signoff\.json is 1258291200 bytes, over the 1 MiB cap for a configuration file: not read; the defaults apply\./);
  writeFileSync(join(root, '.signoff.json'), JSON.stringify({ extends: './big.json' }));
  truncateSync(join(root, 'big.json'), 700 * 1024 * 1024);
  const ext = runCli(['check'], { cwd: root });
  assert.equal(ext.code, 1);
  assert.match(ext.stdout, /extends: cannot read \.\/big\.json \(too large: 734003200 bytes, over the 1 MiB cap\); the defaults apply/);
});

test('extends naming a path outside the workspace says the same whether or not a file is there', () => {
  const outside = mkdtempSync(join(tmpdir(), 'signoff-outside-'));
  writeFileSync(join(outside, 'real.json'), '{}');
  const messageFor = (target: string) => {
    const root = makeTree({ '.signoff.json': JSON.stringify({ extends: target }) });
    const r = runCli(['check'], { cwd: root });
    assert.equal(r.code, 1);
    return r.stdout.split('\n').filter((l) => l.includes('config-invalid')).map((l) => l.replace(target, 'TARGET'));
  };
  const existing = messageFor(join(outside, 'real.json'));
  assert.deepEqual(messageFor(join(outside, 'missing.json')), existing);
  assert.deepEqual(messageFor('/etc/passwd'.replace('passwd', 'hostname')), existing);
  assert.match(existing[0], /TARGET is not a file inside the workspace/);
  // A link inside the workspace that leads out is refused the same way.
  const root = makeTree({ '.signoff.json': JSON.stringify({ extends: './linked.json' }) });
  symlinkSync(join(outside, 'real.json'), join(root, 'linked.json'));
  assert.match(runCli(['check'], { cwd: root }).stdout, /\.\/linked\.json is not a file inside the workspace/);
});

test('a snippet whose stray dropped the run id and left the group: the run ends, the stray is ended and listed', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  const marker = `8${process.pid}.5`; // a sleep no one else runs
  const root = makeTree({ 'run.md': checklist('{timeout=3}', `( setsid bash -c "env -u SIGNOFF_RUN_ID sleep ${marker}" & ); sleep 0.5; echo started`) });
  const r = runCli(['run', 'run.md', '--yes', '--format', 'json'], { cwd: root, timeoutMs: 60_000 });
  assert.notEqual(r.code, null, 'signoff run never ended');
  assert.match(r.stderr, new RegExp(`ended 1 process the snippet left running outside its process group: \\d+ sleep ${marker.replace('.', '\\.')}`));
  assert.deepEqual(processesWith(`sleep ${marker}`), []);
  const record = records(root)[0];
  assert.match(record.tasks[0].snippets[0].outputExcerpt, /ended 1 process/);
});

/** `signoff run` of one snippet as a child process, once the snippet's two sleeps (`sleep MARKER`) are running. */
async function runningSnippet(code: (marker: string) => string): Promise<{ root: string; marker: string; child: ReturnType<typeof spawn>; exited: Promise<number | null>; out: () => string }> {
  const marker = `9${process.pid}.${Math.floor(Math.random() * 1e6)}`;
  const root = makeTree({ 'run.md': checklist('', code(marker)) });
  const child = spawn(process.execPath, [CLI, 'run', 'run.md', '--yes'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d; });
  child.stderr!.on('data', (d: Buffer) => { out += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  for (let i = 0; i < 600 && processesWith(`sleep ${marker}`).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(processesWith(`sleep ${marker}`).length, 2, out);
  return { root, marker, child, exited, out: () => out };
}

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${sig} to signoff run ends the snippet's process group, records the run as interrupted and exits ${code}`, { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
    const run = await runningSnippet((m) => `sleep ${m} & sleep ${m}`);
    run.child.kill(sig);
    assert.equal(await run.exited, code, run.out());
    // The group was ended before signoff exited.
    assert.deepEqual(processesWith(`sleep ${run.marker}`), []);
    assert.match(run.out(), new RegExp(`Interrupted \\(${sig}\\)`));
    const [record] = records(run.root);
    assert.equal(record.interrupted, sig);
    assert.match(readFileSync(join(run.root, 'run.md'), 'utf8'), /- \[ \] \*\*Step\*\*/, 'nothing is ticked');
  });
}

test('a second Ctrl-C exits at once (no waiting for a snippet that ignores SIGTERM), its group killed', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
  const run = await runningSnippet((m) => `trap '' TERM; sleep ${m} & sleep ${m}`);
  run.child.kill('SIGINT');
  for (let i = 0; i < 600 && !run.out().includes('signoff: SIGINT: ending the running snippet'); i++) await new Promise((r) => setTimeout(r, 20));
  run.child.kill('SIGINT');
  assert.equal(await run.exited, 130, run.out());
  // Exited before the first signal's grace period ended: no record was written; and nothing was left running.
  assert.deepEqual(records(run.root), []);
  for (let i = 0; i < 100 && processesWith(`sleep ${run.marker}`).length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(processesWith(`sleep ${run.marker}`), []);
});

test('timeouts above 24 hours: a checklist-snippet-option finding, a usage error, a config finding; never a 1 ms timer', () => {
  const root = makeTree({ 'run.md': checklist('{timeout=3000000}', 'sleep 0.2; echo done') });
  const check = JSON.parse(runCli(['check', '--format', 'json'], { cwd: root }).stdout) as { files: { findings: { ruleId: string; message: string }[] }[] };
  assert.ok(check.files[0].findings.some((f) => f.ruleId === 'checklist-snippet-option' && /`timeout` is at most 86400 seconds/.test(f.message)));
  // The bad option is not applied: the run's own timeout holds, so the snippet finishes.
  const run = runCli(['run', 'run.md', '--yes'], { cwd: root });
  assert.equal(run.code, 0, run.stdout);
  const flag = runCli(['run', 'run.md', '--yes', '--timeout', '2200000'], { cwd: root });
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /^signoff: --timeout takes a number of seconds above 0 and at most 86400/);
  writeFileSync(join(root, '.signoff.json'), JSON.stringify({ run: { timeout: 2200000 } }));
  const cfg = runCli(['check'], { cwd: root });
  assert.equal(cfg.code, 1);
  assert.match(cfg.stdout, /run\.timeout: .*86400/);
});

test('{cwd=...} and {env=...} through a symbolic link to outside the workspace: not run there, not read', () => {
  const outside = mkdtempSync(join(tmpdir(), 'signoff-outside-'));
  writeFileSync(join(outside, 'secrets.env'), 'LEAKED=yes\n');
  const root = makeTree({
    'cwd.md': checklist('{cwd=ops/out}', 'touch ran-here'),
    'env.md': checklist('{env=ops/out/secrets.env}', 'echo "leaked=$LEAKED"'),
  });
  mkdirSync(join(root, 'ops'));
  symlinkSync(outside, join(root, 'ops', 'out'));
  const cwd = runCli(['run', 'cwd.md', '--yes'], { cwd: root });
  assert.equal(cwd.code, 1, cwd.stdout);
  assert.match(cwd.stdout, /cwd ops\/out is not a folder in/);
  assert.equal(existsSync(join(outside, 'ran-here')), false, 'the snippet ran outside the workspace');
  const env = runCli(['run', 'env.md', '--yes'], { cwd: root });
  assert.equal(env.code, 1, env.stdout);
  assert.match(env.stdout, /env file ops\/out\/secrets\.env not found in/);
  assert.doesNotMatch(env.stdout, /leaked=yes/);
});

test('seal --key and verify --allowed-signers naming a FIFO are refused in one line', () => {
  const root = makeTree({ 'cert.md': CERT(), 'src/pay.py': PY });
  execFileSync('mkfifo', [join(root, 'key.fifo')]);
  const seal = runCli(['seal', 'cert.md', '--key', 'key.fifo'], { cwd: root });
  assert.equal(seal.code, 2, seal.stderr);
  assert.match(seal.stderr, /^signoff: --key: .*key\.fifo: not a regular file \(a FIFO\), not read\n$/);
  assert.equal(runCli(['seal', 'cert.md'], { cwd: root }).code, 0);
  const verify = runCli(['verify', 'cert.md', '--allowed-signers', 'key.fifo'], { cwd: root });
  assert.equal(verify.code, 2, verify.stderr);
  assert.match(verify.stderr, /^signoff: --allowed-signers: .*key\.fifo: not a regular file \(a FIFO\), not read\n$/);
  // Configured rather than passed, for a signed seal: the signature check says why it could not run, in one line.
  const keys = mkdtempSync(join(tmpdir(), 'signoff-keys-'));
  assert.equal(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keys, 'k')]).status, 0, 'ssh-keygen is needed');
  assert.equal(runCli(['seal', 'cert.md', '--key', join(keys, 'k')], { cwd: root }).code, 0);
  writeFileSync(join(root, '.signoff.json'), JSON.stringify({ seal: { allowedSigners: 'key.fifo' } }));
  const configured = JSON.parse(runCli(['verify', 'cert.md', '--format', 'json'], { cwd: root }).stdout) as { certificates: { signature: string; findings: { message: string }[] }[] };
  assert.equal(configured.certificates[0].signature, 'unverified');
  assert.match(configured.certificates[0].findings[0].message, /the allowed-signers file .*key\.fifo is not a regular file \(a FIFO\)/);
});

test('a root-level file named ..notes.md is inside the workspace', () => {
  const root = makeTree({ '..notes.md': CERT('MAYBE'), 'src/pay.py': PY });
  const r = runCli(['check', '..notes.md', '--format', 'json'], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
  assert.equal(out.files[0].path, '..notes.md');
  assert.ok(out.files[0].findings.length > 0);
});

test('README\'s verify recipe, run as the runner does: a pull request re-sealed without the key, or adding its own key, fails', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const yaml = /```yaml\n(# \.github\/workflows\/seal\.yml[\s\S]*?)\n```/.exec(readme)?.[1];
  assert.ok(yaml, 'the sealing recipe in README');
  const verify = parseAllDocuments(yaml).map((d) => d.toJS() as { jobs: Record<string, { steps: { run?: string }[] }> }).find((d) => d.jobs.verify)!;
  const script = verify.jobs.verify.steps.map((s) => s.run).filter(Boolean).join('\n');
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  const keys = mkdtempSync(join(tmpdir(), 'signoff-keys-'));
  for (const k of ['auditor', 'intruder']) assert.equal(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keys, k)]).status, 0, 'ssh-keygen is needed');
  const pub = (k: string) => readFileSync(join(keys, `${k}.pub`), 'utf8').split(' ').slice(0, 2).join(' ');
  const origin = makeTree({ 'docs/reviews/cert.md': CERT(), 'src/pay.py': PY, '.github/allowed_signers': `security-auditor namespaces="signoff" ${pub('auditor')}\n` });
  git(origin, 'init', '-q');
  assert.equal(runCli(['seal', 'docs/reviews/cert.md', '--key', join(keys, 'auditor')], { cwd: origin }).code, 0);
  git(origin, 'add', '-A');
  git(origin, 'commit', '-qm', 'sealed');
  const shims = mkdtempSync(join(tmpdir(), 'signoff-shims-'));
  writeFileSync(join(shims, 'npx'), `#!/usr/bin/env bash\n[ "$1" = signoff ] || exit 127\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  const pr = (change: (ws: string) => void) => {
    const ws = join(mkdtempSync(join(tmpdir(), 'signoff-pr-')), 'ws');
    git(tmpdir(), 'clone', '-q', `file://${origin}`, ws);
    git(ws, 'checkout', '-q', '-b', 'pr');
    change(ws);
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'change');
    const r = spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: ws, encoding: 'utf8', env: { ...process.env, PATH: `${shims}:${process.env.PATH}`, GITHUB_BASE_REF: 'main', RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'signoff-runner-')), NO_COLOR: '1' } });
    return r;
  };
  const untouched = pr((ws) => writeFileSync(join(ws, 'README.txt'), 'docs\n'));
  assert.equal(untouched.status, 0, untouched.stdout + untouched.stderr);
  const edit = (ws: string) => writeFileSync(join(ws, 'docs/reviews/cert.md'), readFileSync(join(ws, 'docs/reviews/cert.md'), 'utf8').replace('Nothing blocks.', 'Nothing at all blocks.'));
  const unsigned = pr((ws) => { edit(ws); assert.equal(runCli(['seal', 'docs/reviews/cert.md'], { cwd: ws }).code, 0); });
  assert.equal(unsigned.status, 1, unsigned.stdout);
  assert.match(unsigned.stdout, /UNSIGNED \(required\)/);
  // The pull request adds its own key to the signers and signs with it: checked against main's list, it fails.
  const ownKey = pr((ws) => {
    edit(ws);
    writeFileSync(join(ws, '.github/allowed_signers'), `security-auditor namespaces="signoff" ${pub('intruder')}\n`);
    assert.equal(runCli(['seal', 'docs/reviews/cert.md', '--key', join(keys, 'intruder')], { cwd: ws }).code, 0);
  });
  assert.equal(ownKey.status, 1, ownKey.stdout);
  assert.match(ownKey.stdout, /not-allowed/);
});
