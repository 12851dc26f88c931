/**
 * The CI formats of `signoff check`, through the real CLI as a process, each read back with the format's own
 * schema or parser: SARIF 2.1.0 against the OASIS JSON schema (vendored in test/fixtures/schemas), JUnit XML with
 * a real XML parser, GitHub workflow commands decoded the way the runner decodes them, GitLab Code Quality fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { escapeData, escapeProperty } from '../../src/cli/formatters/github';

const CERT = (title: string, extra = '') => `# ${title} REVIEW CERTIFICATE

**Component**: api gateway
**Agent**: reviewer-one
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: GW-${title}-20250201-080000

## REVIEW SCOPE

Routing table.

## FINDINGS

Routes are declared once, see \`src/routes.py:2-3\`.

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: Nothing blocks the release.

## EVIDENCE

Reviewed \`src/missing.py:4\` and \`src/gone.py\`.

## SIGNATURE

Agent: reviewer-one
Timestamp: 2025-02-01 08:00:00 UTC
Certificate Hash: any-opaque-text
${extra}`;

/** Two certificates: one with errors (a second H1, a missing cited file) and a warning, one whose name needs escaping. */
function workspace(): string {
  return makeTree({
    'reviews/a.md': CERT('ALPHA', '\n# SECOND TITLE\n'),
    'reviews/odd,name:100%.md': CERT('BETA'),
    'src/routes.py': 'def a():\n    return 1\n\ndef b():\n    return 2\n',
  });
}

test('sarif: valid against the SARIF 2.1.0 schema, with partialFingerprints stable across runs and edits above', () => {
  const root = workspace();
  const r = runCli(['check', '--format', 'sarif'], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const sarif = JSON.parse(r.stdout) as { runs: { results: unknown[] }[] };
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  const validate = ajv.compile(schema);
  assert.equal(validate({ version: '2.1.0', runs: [{ results: [] }] }), false, 'the schema rejects a run without a tool');
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
  const results = sarif.runs[0].results as unknown as { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
  assert.ok(results.length >= 3);
  const prints = results.map((x) => x.partialFingerprints['signoffFinding/v1']);
  assert.ok(prints.every((p) => /^[0-9a-f]{64}$/.test(p)));
  assert.equal(new Set(prints).size, prints.length, 'one identity per finding');
  // A line inserted above every finding moves them all, but keeps each alert's identity.
  const file = join(root, 'reviews/a.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('**Component**', 'An introduction.\n\n**Component**'));
  const again = JSON.parse(runCli(['check', '--format', 'sarif'], { cwd: root }).stdout).runs[0].results as typeof results;
  assert.deepEqual(again.map((x) => x.partialFingerprints['signoffFinding/v1']).sort(), [...prints].sort());
  const moved = again.find((x) => x.ruleId === 'cert-title')!;
  const before = results.find((x) => x.ruleId === 'cert-title')!;
  assert.equal(moved.locations[0].physicalLocation.region.startLine, before.locations[0].physicalLocation.region.startLine + 2);
});

/** Decodes workflow commands as the Actions runner does (ActionCommand.TryParseV2 and its unescaping). */
function parseWorkflowCommands(out: string) {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return out.trimEnd().split('\n').map((line) => {
    const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
    assert.ok(m, `a workflow command: ${line}`);
    const props: Record<string, string> = {};
    for (const p of (m[2] ?? '').split(',')) {
      const eq = p.indexOf('=');
      props[p.slice(0, eq)] = unescape(p.slice(eq + 1));
    }
    return { command: m[1], props, message: unescape(m[3]) };
  });
}

test('github: one annotation per finding with file, line, col, endLine, title; paths relative to the working directory', () => {
  const root = workspace();
  const json = JSON.parse(runCli(['check', '--format', 'json'], { cwd: root }).stdout);
  const r = runCli(['check', '--format', 'github', '--root', 'reviews/..'], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const commands = parseWorkflowCommands(r.stdout);
  const expected = (json.files as { path: string; findings: { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number }[] }[])
    .flatMap((f) => f.findings.map((x) => ({ command: { error: 'error', warning: 'warning', info: 'notice' }[x.severity], file: f.path, line: String(x.line), col: String(x.column), endLine: String(x.endLine), title: x.ruleId, message: x.message })));
  assert.deepEqual(commands.map((c) => ({ command: c.command, file: c.props.file, line: c.props.line, col: c.props.col, endLine: c.props.endLine, title: c.props.title, message: c.message })), expected);
  assert.ok(commands.some((c) => c.props.file === 'reviews/odd,name:100%.md'), 'a path with , : and % survives');
  assert.ok(r.stdout.includes('file=reviews/odd%2Cname%3A100%25.md'));
  // From a subfolder, the paths are relative to it.
  const sub = parseWorkflowCommands(runCli(['check', '--format', 'github', '--root', '..'], { cwd: join(root, 'reviews') }).stdout);
  assert.ok(sub.every((c) => !c.props.file.startsWith('reviews/')) && sub.some((c) => c.props.file === 'a.md'));
});

test('github: escaping of data and properties', () => {
  assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
});

test('junit: well-formed XML, one testcase per document, one failure per error, warnings in system-out', () => {
  const root = workspace();
  const json = JSON.parse(runCli(['check', '--format', 'json'], { cwd: root }).stdout);
  const r = runCli(['check', '--format', 'junit'], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(XMLValidator.validate(r.stdout), true);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testcase', 'failure', 'testsuite'].includes(name) }).parse(r.stdout);
  const suite = xml.testsuites.testsuite[0];
  const cases = suite.testcase as { name: string; failure?: { type: string; message: string }[]; 'system-out'?: string }[];
  assert.deepEqual(cases.map((c) => c.name).sort(), json.files.map((f: { path: string }) => f.path).sort());
  assert.equal(Number(suite.tests), cases.length);
  for (const file of json.files as { path: string; findings: { ruleId: string; severity: string; message: string }[] }[]) {
    const c = cases.find((x) => x.name === file.path)!;
    const errors = file.findings.filter((f) => f.severity === 'error');
    assert.deepEqual((c.failure ?? []).map((f) => [f.type, f.message]), errors.map((f) => [f.ruleId, f.message]));
    for (const w of file.findings.filter((f) => f.severity !== 'error')) assert.ok(String(c['system-out']).includes(w.message));
  }
  assert.equal(Number(suite.failures), cases.filter((c) => c.failure?.length).length);
});

test('gitlab: Code Quality issues with the required fields and fingerprints stable across runs', () => {
  const root = workspace();
  const r = runCli(['check', '--format', 'gitlab'], { cwd: root });
  assert.equal(r.code, 1, r.stderr);
  const issues = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.ok(Array.isArray(issues) && issues.length >= 3);
  for (const i of issues) {
    assert.equal(typeof i.description, 'string');
    assert.match(i.check_name as string, /^[a-z][a-z-]+$/);
    assert.match(i.fingerprint as string, /^[0-9a-f]{64}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity as string));
    const loc = i.location as { path: string; lines: { begin: number; end: number } };
    assert.ok(loc.path.startsWith('reviews/'));
    assert.ok(Number.isInteger(loc.lines.begin) && loc.lines.begin >= 1 && loc.lines.end >= loc.lines.begin);
  }
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  assert.ok(issues.some((i) => i.severity === 'major' && i.check_name === 'cert-title'));
  const again = JSON.parse(runCli(['check', '--format', 'gitlab'], { cwd: root }).stdout) as Record<string, unknown>[];
  assert.deepEqual(again.map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
});

test('an unknown format names the formats', () => {
  const r = runCli(['check', '--format', 'xml'], { cwd: workspace() });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--format must be text, compact, json, sarif, github, junit or gitlab, not "xml"/);
});
