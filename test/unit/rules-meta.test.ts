/**
 * Meta tests: the rule catalogue of rules.md (copied here as the spec), the registry, the docs pages, the fixtures
 * and the README must agree. Adding a rule without its docs, fixtures or README row fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/core/index';

const REPO = join(__dirname, '..', '..');

/** rules.md: id -> default severity. */
const CATALOGUE: Record<string, 'error' | 'warning' | 'info'> = {
  'cert-title': 'error', 'cert-header-field': 'error', 'cert-date-format': 'error', 'cert-date-future': 'warning',
  'cert-id-date': 'warning', 'cert-filename-date': 'info', 'cert-id-unique': 'error', 'cert-section-missing': 'error',
  'cert-section-order': 'warning', 'cert-section-empty': 'warning', 'cert-status-missing': 'error',
  'cert-status-value': 'error', 'cert-conditions-missing': 'error', 'cert-approved-with-conditions': 'warning',
  'cert-verdict-conflict': 'error', 'cert-rationale-missing': 'warning', 'cert-signature': 'error',
  'cert-score-mismatch': 'warning', 'cert-reference-missing': 'error', 'cert-agent-path': 'info',
  'evidence-file-missing': 'error', 'evidence-line-range': 'error', 'evidence-ambiguous': 'warning',
  'evidence-outside-workspace': 'warning', 'evidence-foreign-path': 'info', 'evidence-line-count': 'warning',
  'evidence-pytest-node': 'error', 'evidence-quote-mismatch': 'warning', 'evidence-drift': 'info', 'evidence-changed': 'warning',
  'checklist-title': 'error', 'checklist-phase-numbering': 'error', 'checklist-gonogo-missing': 'warning',
  'checklist-snippet-lang': 'warning', 'checklist-snippet-syntax': 'error', 'checklist-snippet-option': 'warning', 'checklist-doc-missing': 'warning',
  'checklist-check-failed': 'error', 'encoding-mojibake': 'warning', 'encoding-invalid': 'error',
  // Seal: cert-unsealed is "off" in rules.md: registered as an error that acts only with seal.required.
  'cert-hash-mismatch': 'error', 'evidence-stale': 'warning', 'cert-seal-signature': 'error', 'cert-unsealed': 'error',
  // The review ledger (issue 20; docs/ledger.md).
  'cert-supersedes-unknown': 'error', 'cert-superseded': 'info', 'cert-current-conflict': 'warning', 'checklist-review-gate': 'error',
};

/** Rules that rules.md gives a fix. */
const FIXABLE = ['cert-date-format', 'cert-section-missing', 'cert-status-value', 'evidence-ambiguous', 'evidence-foreign-path', 'evidence-quote-mismatch', 'encoding-mojibake', 'evidence-stale'];

test('every rule of rules.md is registered once, with its default severity', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length, 'no duplicate ids');
  for (const [id, severity] of Object.entries(CATALOGUE)) {
    const rule = RULES.find((r) => r.meta.id === id);
    assert.ok(rule, `rule ${id} is registered`);
    assert.equal(rule!.meta.defaultSeverity, severity, `${id} default severity`);
  }
  for (const id of ids) assert.ok(id in CATALOGUE, `${id} is a rule of rules.md`);
});

for (const rule of RULES) {
  const id = rule.meta.id;
  test(`${id}: file, docs page, fixtures, README row`, () => {
    assert.match(id, /^[a-z]+(-[a-z0-9]+)+$/);
    assert.ok(existsSync(join(REPO, 'src/core/rules', `${id}.ts`)), `src/core/rules/${id}.ts`);
    const docs = join(REPO, 'docs/rules', `${id}.md`);
    assert.ok(existsSync(docs), `docs/rules/${id}.md`);
    assert.match(readFileSync(docs, 'utf8'), new RegExp(`^# ${id}\\b`), 'docs page starts with its id');
    assert.ok(rule.meta.description.length > 15, 'has a description');
    const dir = join(REPO, 'test/fixtures/rules', id);
    assert.ok(existsSync(dir), `test/fixtures/rules/${id}/`);
    const files = readdirSync(dir);
    assert.ok(files.some((f) => /^fires.*\.md$/.test(f)), `${id} has a fixture where it fires`);
    assert.ok(files.some((f) => /^passes.*\.md$/.test(f)), `${id} has a fixture where it does not fire`);
    if (FIXABLE.includes(id)) {
      assert.equal(rule.meta.fixable, true, `${id} is fixable per rules.md`);
      assert.ok(files.some((f) => /^fix.*\.fixed\.md$/.test(f)), `${id} has a fix fixture`);
    }
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    assert.ok(readme.includes(`[${id}](docs/rules/${id}.md)`), `README lists ${id}`);
  });
}

test('every rule says its scope by what it implements: a workspace part iff scope is workspace (rules.md)', () => {
  const workspace = RULES.filter((r) => r.meta.scope === 'workspace').map((r) => r.meta.id).sort();
  assert.deepEqual(workspace, ['cert-current-conflict', 'cert-id-unique', 'cert-reference-missing', 'cert-superseded', 'cert-supersedes-unknown', 'checklist-review-gate'], 'the workspace rules of rules.md and the ledger');
  for (const r of RULES) {
    assert.equal(!!r.checkWorkspace, r.meta.scope === 'workspace', `${r.meta.id}: checkWorkspace exactly when scope is workspace`);
    assert.ok(r.check || r.checkWorkspace, `${r.meta.id} checks something`);
  }
});
