/** The `signoff check` contract of product.md, through the real CLI as a process on fixture workspaces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const CLEAN_CERT = `# API GATEWAY REVIEW CERTIFICATE

**Component**: api gateway
**Agent**: reviewer-one
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: GW-20250201-080000

## REVIEW SCOPE

Routing table.

## FINDINGS

Routes are declared once.

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: Nothing blocks the release.

## EVIDENCE

Reviewed the routing module.

## SIGNATURE

Agent: reviewer-one
Timestamp: 2025-02-01 08:00:00 UTC
Certificate Hash: any-opaque-text
`;

/** A certificate whose second H1 is an error of cert-title. */
const BROKEN_CERT = CLEAN_CERT + '\n# SECOND TITLE\n';

const CHECKLIST = `# Deploy Checklist

### Phase 1: Prepare
- [ ] **Disk**: enough space

**🚦 Phase 1 Go/No-Go Decision**
- ✅ **GO**: ok
- ❌ **NO-GO**: not ok
`;

test('clean workspace: exit 0, text summary', () => {
  const root = makeTree({ 'reviews/a.md': CLEAN_CERT, 'notes.md': '# Just notes\n\nNothing to check.\n' });
  const r = runCli(['check', '--root', root]);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /0 errors, 0 warnings, 0 infos in 1 document \(1 certificate, 0 checklists\)/);
  assert.equal(r.code, 0);
});

test('errors: exit 1, the path on its own line, then `  line:col  severity  message  rule-id` lines', () => {
  const root = makeTree({ 'reviews/a.md': BROKEN_CERT });
  const r = runCli(['check', '--root', root]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const line = r.stdout.split('\n').find((l) => l.includes('cert-title'));
  assert.ok(line, r.stdout);
  assert.match(line!, /^ {2}\d+:1 {2}error {2}.+ {2}cert-title$/);
  assert.match(r.stdout, /^reviews\/a\.md\n {2}\d+:\d+ /m);
});

test('--format json prints exactly the v1 contract; files of no kind are left out', () => {
  const root = makeTree({ 'reviews/a.md': BROKEN_CERT, 'ops/deploy.md': CHECKLIST, 'README.md': '# Readme\n' });
  const r = runCli(['check', '--root', root, '--format', 'json']);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(doc).sort(), ['files', 'summary', 'version']);
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.files.map((f: { path: string; kind: string }) => [f.path, f.kind]).sort(), [['ops/deploy.md', 'checklist'], ['reviews/a.md', 'certificate']]);
  for (const f of doc.files) {
    assert.deepEqual(Object.keys(f).sort(), ['findings', 'kind', 'path']);
    for (const x of f.findings) {
      assert.deepEqual(Object.keys(x).sort(), ['column', 'endColumn', 'endLine', 'line', 'message', 'ruleId', 'severity']);
      assert.ok(['error', 'warning', 'info'].includes(x.severity));
      assert.ok(x.line >= 1 && x.column >= 1 && x.endLine >= x.line);
    }
  }
  const titleFinding = doc.files.find((f: { path: string }) => f.path === 'reviews/a.md').findings.find((x: { ruleId: string }) => x.ruleId === 'cert-title');
  assert.equal(titleFinding.line, BROKEN_CERT.split('\n').indexOf('# SECOND TITLE') + 1);
  const count = (sev: string) => doc.files.flatMap((f: { findings: { severity: string }[] }) => f.findings).filter((x: { severity: string }) => x.severity === sev).length;
  assert.deepEqual(doc.summary, { files: 2, errors: count('error'), warnings: count('warning'), infos: count('info') });
});

test('--format sarif is SARIF 2.1.0 with rule metadata and relative locations', () => {
  const root = makeTree({ 'reviews/a.md': BROKEN_CERT });
  const r = runCli(['check', '--root', root, '--format', 'sarif']);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'signoff');
  const rules = run.tool.driver.rules as { id: string; helpUri: string; shortDescription: { text: string } }[];
  assert.ok(rules.some((x) => x.id === 'cert-title' && x.helpUri.endsWith('docs/rules/cert-title.md') && x.shortDescription.text.length > 10));
  const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'cert-title');
  assert.equal(result.level, 'error');
  assert.equal(rules[result.ruleIndex].id, 'cert-title');
  const loc = result.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'reviews/a.md');
  assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
  assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
});

test('paths, directories and globs select files; a missing path is a one-line usage error (exit 2)', () => {
  const root = makeTree({ 'a/one.md': BROKEN_CERT, 'b/two.md': BROKEN_CERT, 'b/c/three.md': CLEAN_CERT });
  const json = (args: string[]) => JSON.parse(runCli(['check', '--root', root, '--format', 'json', ...args], { cwd: root }).stdout).files.map((f: { path: string }) => f.path).sort();
  assert.deepEqual(json(['a/one.md']), ['a/one.md']);
  assert.deepEqual(json(['b']), ['b/c/three.md', 'b/two.md']);
  assert.deepEqual(json(['b/**/*.md']), ['b/c/three.md', 'b/two.md']);
  assert.deepEqual(json(['**/three.md', 'a']), ['a/one.md', 'b/c/three.md']);
  const missing = runCli(['check', '--root', root, 'nope.md'], { cwd: root });
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  assert.match(missing.stderr, /^signoff: no such file or directory: nope\.md/);
});

test('usage errors exit 2 with one line', () => {
  for (const args of [['check', '--format', 'xml'], ['check', '--bogus'], ['check', '--max-warnings', 'many'], ['frobnicate'], ['check', '--root']]) {
    const r = runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^signoff: /);
  }
});

test('--max-warnings: warnings over the budget exit 1, within it exit 0', () => {
  // cert-title re-levelled to a warning through the config file.
  const root = makeTree({ 'r/a.md': BROKEN_CERT, '.signoff.json': JSON.stringify({ rules: { 'cert-title': 'warning' } }) });
  const doc = JSON.parse(runCli(['check', '--root', root, '--format', 'json']).stdout);
  const warnings = doc.summary.warnings;
  assert.ok(warnings >= 1);
  assert.equal(doc.summary.errors, 0, JSON.stringify(doc));
  assert.equal(runCli(['check', '--root', root, '--max-warnings', String(warnings)]).code, 0);
  assert.equal(runCli(['check', '--root', root, '--max-warnings', String(warnings - 1)]).code, 1);
});

test('config: a rule turned off reports nothing; a broken config is reported and the defaults apply', () => {
  const off = makeTree({ 'r/a.md': BROKEN_CERT, '.signoff.json': JSON.stringify({ rules: { 'cert-title': 'off' } }) });
  const offDoc = JSON.parse(runCli(['check', '--root', off, '--format', 'json']).stdout);
  assert.ok(!offDoc.files[0].findings.some((x: { ruleId: string }) => x.ruleId === 'cert-title'));

  const broken = makeTree({ 'r/a.md': BROKEN_CERT, '.signoff.json': '{ "rules": { "cert-title": "loud" } }' });
  const r = runCli(['check', '--root', broken]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^\.signoff\.json\n {2}\d+:\d+ {2}error {2}.*defaults apply.* {2}config-invalid$/m);
  assert.match(r.stdout, /cert-title/, 'validation still ran with the defaults');

  const notJson = makeTree({ 'r/a.md': CLEAN_CERT, '.signoff.json': '{ nope' });
  const j = runCli(['check', '--root', notJson, '--format', 'json']);
  assert.equal(j.code, 1);
  JSON.parse(j.stdout); // stdout stays one JSON document
  assert.match(j.stderr, /\.signoff\.json.*not valid JSON/);
});

test('config: an unknown rule id is reported on .signoff.json at its key, naming the closest rule; the rest applies', () => {
  const root = makeTree({ 'r/a.md': BROKEN_CERT, '.signoff.json': '{\n  "rules": {\n    "cert-titel": "off",\n    "cert-title": "off"\n  }\n}\n' });
  const r = runCli(['check', '--root', root]);
  assert.equal(r.code, 1, 'a typo in the config fails the check');
  assert.match(r.stdout, /^\.signoff\.json\n {2}3:5 {2}error {2}.*"cert-titel" is not a Signoff rule \(did you mean cert-title\?\).* {2}config-invalid$/m);
  assert.doesNotMatch(r.stdout, / {2}cert-title$/m, 'the valid setting still applies');
});

test('exclude globs and per-file kind directives', () => {
  const root = makeTree({
    'keep/a.md': BROKEN_CERT,
    'vendor/b.md': BROKEN_CERT,
    'notes/c.md': '<!-- signoff: ignore -->\n' + BROKEN_CERT,
    '.signoff.json': JSON.stringify({ exclude: ['vendor/**'] }),
  });
  const doc = JSON.parse(runCli(['check', '--root', root, '--format', 'json']).stdout);
  assert.deepEqual(doc.files.map((f: { path: string }) => f.path), ['keep/a.md']);
});

test('inline suppression comments', () => {
  const text = BROKEN_CERT.replace('# SECOND TITLE', '<!-- signoff-disable-next-line cert-title -->\n# SECOND TITLE\n\n# THIRD TITLE');
  const root = makeTree({ 'a.md': text });
  const doc = JSON.parse(runCli(['check', '--root', root, '--format', 'json']).stdout);
  const lines = doc.files[0].findings.filter((x: { ruleId: string }) => x.ruleId === 'cert-title').map((x: { line: number }) => x.line);
  assert.deepEqual(lines, [text.split('\n').indexOf('# THIRD TITLE') + 1]);
});

test('--fix rewrites only what a safe fix changes and keeps a BOM and CRLF', () => {
  // `**Status**: **APPROVED**` is a decorated status (cert-status-value) with a safe fix to the bare value.
  const text = ('\uFEFF' + CLEAN_CERT.replace('**Status**: APPROVED', '**Status**: **APPROVED**')).replace(/\n/g, '\r\n');
  const root = makeTree({ 'a.md': text });
  const r = runCli(['check', '--root', root, '--fix', '--format', 'json']);
  assert.notEqual(r.code, 2, r.stderr);
  const after = readFileSync(join(root, 'a.md'), 'utf8');
  assert.ok(after.startsWith('\uFEFF'), 'BOM kept');
  assert.ok(!/[^\r]\n/.test(after), 'every line still ends in CRLF');
  assert.equal(after, text.replace('**Status**: **APPROVED**', '**Status**: APPROVED'), 'only the status value changed');
  const again = runCli(['check', '--root', root, '--fix']);
  assert.equal(readFileSync(join(root, 'a.md'), 'utf8'), after, '--fix is idempotent');
  assert.notEqual(again.code, 2);
  writeFileSync(join(root, 'a.md'), text);
});

test('--version and --help', () => {
  assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  const help = runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^ {2}check {2,}\S/m);
});

test('--fix never writes a file that is not valid UTF-8 (its bad bytes would be lost)', () => {
  // A fixable decorated status plus one invalid byte: the file must stay byte for byte.
  const bytes = Buffer.concat([Buffer.from(CLEAN_CERT.replace('**Status**: APPROVED', '**Status**: **APPROVED**')), Buffer.from([0xff, 0x0a])]);
  const root = makeTree({ 'a.md': bytes });
  const r = runCli(['check', '--root', root, '--fix']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /encoding-invalid/);
  assert.match(r.stderr, /a\.md: not fixed, the file is not valid UTF-8/);
  assert.ok(readFileSync(join(root, 'a.md')).equals(bytes), 'file unchanged');
});
