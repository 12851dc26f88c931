/**
 * The configuration people expect, through the real CLI: comments in .signoff.json (JSONC), `extends` (a relative
 * path and a package, in the documented merge order), and .gitignore respected in a folder that is not a git
 * repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';

/** A certificate whose problems are a second H1 (cert-title, error) and little else. */
const CERT = `# GATEWAY REVIEW CERTIFICATE

**Component**: gateway
**Agent**: reviewer
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: GW-20250201-080000

## REVIEW SCOPE

Routing.

## FINDINGS

Fine.

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: Fine.

## EVIDENCE

Read it.

## SIGNATURE

Agent: reviewer
Timestamp: 2025-02-01 08:00:00 UTC
Certificate Hash: opaque

# SECOND TITLE
`;

interface Out { files: { path: string; findings: { ruleId: string; severity: string }[] }[] }
const check = (root: string) => {
  const r = runCli(['check', '--format', 'json'], { cwd: root });
  return { ...r, json: JSON.parse(r.stdout) as Out };
};
const severityOf = (out: Out, rule: string) => out.files.flatMap((f) => f.findings).find((f) => f.ruleId === rule)?.severity;

test('JSONC: comments and trailing commas in .signoff.json', () => {
  const root = makeTree({
    'a.md': CERT,
    '.signoff.json': '{\n  // the team downgrades this one\n  "rules": {\n    "cert-title": "warning", /* for now */\n  },\n}\n',
  });
  const r = check(root);
  assert.equal(r.stderr, '');
  assert.equal(severityOf(r.json, 'cert-title'), 'warning');
  const broken = runCli(['check'], { cwd: makeTree({ 'a.md': CERT, '.signoff.json': '{ "rules": { "cert-title": "off" ' }) });
  assert.equal(broken.code, 1);
  assert.match(broken.stdout, /^\.signoff\.json\n {2}1:\d+ {2}error {2}\.signoff\.json is not valid JSON/m);
});

test('extends: a package and a relative path, merged in order, the file itself last; arrays replaced', () => {
  const root = makeTree({
    'docs/a.md': CERT,
    'vendor/b.md': CERT,
    'node_modules/@acme/signoff-config/package.json': '{ "name": "@acme/signoff-config", "main": "signoff.json" }',
    'node_modules/@acme/signoff-config/signoff.json': '{\n  // shared by every team\n  "rules": { "cert-title": "warning", "cert-section-missing": "off" },\n  "exclude": ["vendor/**"]\n}',
    'config/team.json': '{ "extends": "./strict.json", "rules": { "cert-title": "info" } }',
    'config/strict.json': '{ "rules": { "cert-title": "error", "cert-date-future": "error" } }',
    '.signoff.json': '{ "extends": ["@acme/signoff-config", "./config/team.json"], "rules": { "cert-date-future": "off" } }',
  });
  const r = check(root);
  assert.equal(r.stderr, '');
  // package (warning) < strict.json (error) < team.json (info): team.json, written later, wins.
  assert.equal(severityOf(r.json, 'cert-title'), 'info');
  assert.deepEqual(r.json.files.map((f) => f.path), ['docs/a.md'], 'the package\'s exclude applies');

  // The file's own array replaces the inherited one.
  const own = makeTree({
    'vendor/b.md': CERT,
    'node_modules/@acme/signoff-config/package.json': '{ "name": "@acme/signoff-config", "main": "signoff.json" }',
    'node_modules/@acme/signoff-config/signoff.json': '{ "exclude": ["vendor/**"] }',
    '.signoff.json': '{ "extends": "@acme/signoff-config", "exclude": [] }',
  });
  assert.deepEqual(check(own).json.files.map((f) => f.path), ['vendor/b.md']);
});

test('extends: a missing package or a cycle is a config finding, and the defaults apply', () => {
  const missing = runCli(['check'], { cwd: makeTree({ 'a.md': CERT, '.signoff.json': '{ "extends": "@acme/nowhere" }' }) });
  assert.equal(missing.code, 1);
  assert.match(missing.stdout, /^\.signoff\.json\n {2}1:3 {2}error {2}\.signoff\.json: extends: cannot find the package "@acme\/nowhere"/m);
  const cycle = runCli(['check'], { cwd: makeTree({ 'a.md': CERT, '.signoff.json': '{ "extends": "./a.json" }', 'a.json': '{ "extends": "./b.json" }', 'b.json': '{ "extends": "./a.json" }' }) });
  assert.equal(cycle.code, 1);
  assert.match(cycle.stdout, /extends: .*a\.json -> .*b\.json -> .*a\.json is a cycle/);
});

test('.gitignore is respected outside a git repository (root and nested files, negation)', () => {
  const root = makeTree({
    '.gitignore': 'build/\n*.draft.md\n',
    'docs/a.md': CERT,
    'docs/b.draft.md': CERT,
    'build/c.md': CERT,
    'notes/.gitignore': '!keep.draft.md\nprivate/\n',
    'notes/keep.draft.md': CERT,
    'notes/private/d.md': CERT,
  });
  assert.deepEqual(check(root).json.files.map((f) => f.path), ['docs/a.md', 'notes/keep.draft.md']);
});
