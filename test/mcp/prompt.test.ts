/**
 * The write-certificate prompt tells agents which evidence forms Signoff reads: each example it gives must be read
 * by the real extractor as that form, or the prompt would teach a form the checks do not see. And the prompt
 * follows the workspace's configuration (sections, statuses, rules turned off).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, evidenceOf, parseConfig } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { EVIDENCE_EXAMPLES, writeCertificatePrompt } from '../../src/mcp/prompt';
import { makeTree } from '../helpers/engine';

const NOW = new Date('2026-03-04T05:06:07Z');

test('every evidence example of the prompt is read as its form', () => {
  const root = makeTree({ 'src/totals.py': 'x = 1\n' });
  const engine = new Engine(new NodeHost({ root }), parseConfig(undefined).config);
  for (const [form, { example }] of Object.entries(EVIDENCE_EXAMPLES)) {
    const text = `# TOTALS REVIEW CERTIFICATE\n\n**Component**: totals\n\n## FINDINGS\n\n${example}\n`;
    const refs = evidenceOf(engine.parse('certs/c.md', text)).refs;
    assert.ok(refs.some((r) => r.form === form), `${form}: ${example} reads as ${refs.map((r) => r.form).join(', ') || 'nothing'}`);
  }
});

test('the prompt follows the configuration: sections, status values, rules turned off', () => {
  const { config } = parseConfig(JSON.stringify({ requiredSections: ['SCOPE', 'VERDICT'], statuses: { values: ['PASS', 'FAIL'] }, rules: { 'cert-score-mismatch': 'off' } }));
  const text = writeCertificatePrompt({ config, agent: 'bot', component: 'Totals', now: NOW });
  assert.match(text, /H2 sections, in this order: `## SCOPE`, `## VERDICT`\./);
  assert.match(text, /one of `PASS`, `FAIL`;/);
  assert.ok(!text.includes('cert-score-mismatch'));
  assert.match(text, /- `cert-title`: /);
  assert.match(text, /^\*\*Date\*\*: 2026-03-04 05:06:07 UTC$/m);
});
