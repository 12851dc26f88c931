/**
 * Data-driven rule tests. Each rule has a folder test/fixtures/rules/<rule-id>/ with
 *   fires*.md  + fires*.json   : the exact findings of that rule, [{ "line": 3, "severity": "error"? , "message"?: "substring" }]
 *   passes*.md                 : documents on which the rule reports nothing
 *   fix*.md    + fix*.fixed.md : the document before and after applying every fix the rule offers (first fix each)
 * Optional `<name>.config.json` is used as .signoff.json for that fixture; `<name>.tree/` is the workspace root;
 * `<name>.changes.json` is the change under review (a ChangeSet, as `check --changed-since` reads it from git).
 * The tree's other Markdown documents are checked first, as a check of the whole workspace does (workspace rules).
 * Only findings of the folder's rule are compared, so fixtures need not be clean for other rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../helpers/engine';
import { applyEdits, decodeText, type ChangeSet } from '../../src/core/index';

const FIXTURES = join(__dirname, '..', 'fixtures', 'rules');

for (const ruleId of readdirSync(FIXTURES).sort()) {
  const dir = join(FIXTURES, ruleId);
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md'));
  for (const file of files) {
    const name = file.replace(/\.md$/, '');
    // Decoded as the CLI does (BOM, invalid UTF-8), so encoding rules see the same facts.
    const { text, ...decoded } = decodeText(readFileSync(join(dir, file)));
    const cfgPath = join(dir, `${name}.config.json`);
    const config = existsSync(cfgPath) ? readFileSync(cfgPath, 'utf8') : undefined;
    const changesPath = join(dir, `${name}.changes.json`);
    const changeSet = existsSync(changesPath) ? JSON.parse(readFileSync(changesPath, 'utf8')) as ChangeSet : undefined;
    const tree = join(dir, `${name}.tree`);
    const root = existsSync(tree) ? tree : undefined;
    const docPath = root && existsSync(join(tree, '.docpath')) ? readFileSync(join(tree, '.docpath'), 'utf8').trim() : `docs/${file}`;
    test(`${ruleId}: ${file}`, async () => {
      const findings = (await checkText(docPath, text, { root, config, decoded, changeSet, indexTree: true })).filter((f) => f.ruleId === ruleId);
      if (name.startsWith('passes')) {
        assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), [], `${ruleId} should not fire on ${file}`);
      } else if (name.startsWith('fires')) {
        const expected = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { line: number; severity?: string; message?: string }[];
        assert.ok(expected.length > 0, `${name}.json must list at least one finding`);
        assert.deepEqual(findings.map((f) => f.start.line), expected.map((e) => e.line), `lines of ${ruleId} findings in ${file}: ${findings.map((f) => f.message).join(' | ')}`);
        expected.forEach((e, i) => {
          if (e.severity) assert.equal(findings[i].severity, e.severity, `severity of finding ${i} in ${file}`);
          if (e.message) assert.ok(findings[i].message.includes(e.message), `message "${findings[i].message}" should include "${e.message}"`);
        });
      } else if (name.startsWith('fix')) {
        const edits = findings.flatMap((f) => f.fixes?.[0]?.edits ?? []);
        assert.ok(edits.length > 0, `${ruleId} offers a fix on ${file}`);
        const fixed = applyEdits(text, edits);
        assert.equal(fixed, readFileSync(join(dir, `${name}.fixed.md`), 'utf8'));
        const after = (await checkText(docPath, fixed, { root, config, changeSet, indexTree: true })).filter((f) => f.ruleId === ruleId && f.fixes?.length);
        assert.deepEqual(after.map((f) => f.message), [], 'no fixable finding remains after the fix');
      } else {
        assert.fail(`fixture ${file} must be named fires*, passes* or fix*`);
      }
    });
  }
}
