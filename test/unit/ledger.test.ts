/**
 * The ledger's pure logic (src/core/ledger/) on certificates parsed and checked by the real engine: component
 * names normalised and mapped by the config's aliases and path groups, explicit supersession across components,
 * a Supersedes cycle, undated certificates, and what a review gate resolves to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, parseConfig } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { componentKey, componentOf } from '../../src/core/ledger/component';
import { gateComponent } from '../../src/core/ledger/gates';
import { certificate, type CertOptions } from '../helpers/ledger-workspace';
import { FIXED_NOW, makeTree } from '../helpers/engine';

async function ledgerOf(docs: Record<string, Omit<CertOptions, 'evidence'>>, configText = '{}') {
  const { config } = parseConfig(configText);
  const files = Object.fromEntries(Object.entries(docs).map(([p, o]) => [p, certificate({ ...o, evidence: ['src/a.py:1-2'] })]));
  const root = makeTree({ ...files, 'src/a.py': 'a = 1\nb = 2\n' });
  const engine = new Engine(new NodeHost({ root, exclude: config.exclude, now: () => FIXED_NOW }), config);
  engine.workspace.files = await engine.host.listFiles();
  for (const [path, text] of Object.entries(files)) {
    const { summary } = await engine.checkDocument(engine.parse(path, text));
    engine.workspace.restore(summary!);
  }
  return { ledger: engine.workspace.ledger(config), config };
}

test('component keys ignore case, spaces, punctuation and emphasis', () => {
  for (const name of ['Auth Service', 'auth-service', '  AUTH_SERVICE. ', '**Auth**  service', 'Ａｕｔｈ Service']) assert.equal(componentKey(name), 'auth service', name);
  assert.notEqual(componentKey('Auth Services'), 'auth service');
  const { config } = parseConfig(JSON.stringify({ components: { 'Auth Service': { aliases: ['Authentication'], paths: ['docs/auth/**'] } } }));
  assert.deepEqual(componentOf(config, 'docs/x.md', 'authentication'), { key: 'auth service', name: 'Auth Service' });
  assert.deepEqual(componentOf(config, 'docs/auth/y.md', 'Billing'), { key: 'auth service', name: 'Auth Service' });
  assert.deepEqual(componentOf(config, 'docs/x.md', 'Billing'), { key: 'billing', name: 'Billing' });
  assert.equal(componentOf(config, 'docs/x.md', undefined), undefined);
  assert.equal(componentOf(config, 'docs/x.md', '***'), undefined);
});

test('aliases and path groups make one component; a gate names it by any alias', async () => {
  const { ledger, config } = await ledgerOf({
    'docs/auth/old.md': { component: 'Login', date: '2025-01-01 00:00:00 UTC', id: 'A-20250101-1', status: 'REJECTED' },
    'docs/new.md': { component: 'authentication', date: '2025-02-01 00:00:00 UTC', id: 'A-20250201-1', status: 'APPROVED' },
  }, JSON.stringify({ components: { 'Auth Service': { aliases: ['Authentication'], paths: ['docs/auth/**'] } } }));
  assert.deepEqual(ledger.components.map((c) => [c.name, c.current.id, c.certificates.length]), [['Auth Service', 'A-20250201-1', 2]]);
  assert.equal(gateComponent(ledger, config, 'AUTHENTICATION')?.name, 'Auth Service');
  assert.equal(gateComponent(ledger, config, 'A-20250101-1')?.current.id, 'A-20250201-1');
  // A path group places certificates, not a gate's words.
  assert.equal(gateComponent(ledger, config, 'Login'), undefined);
});

test('Supersedes joins components; a cycle falls back to the order by Date; an undated certificate never displaces a dated one', async () => {
  const joined = (await ledgerOf({
    'docs/plan.md': { component: 'Integration Plan', date: '2025-01-01 00:00:00 UTC', id: 'P-20250101-1', status: 'APPROVED' },
    'docs/impl.md': { component: 'Integration Implementation', date: '2025-02-01 00:00:00 UTC', id: 'I-20250201-1', status: 'CONDITIONALLY_APPROVED', supersedes: 'P-20250101-1', conditions: ['Load test'] },
  })).ledger;
  assert.deepEqual(joined.components.map((c) => [c.name, c.current.id, c.certificates.map((x) => x.id)]), [['Integration Implementation', 'I-20250201-1', ['I-20250201-1', 'P-20250101-1']]]);
  assert.equal(joined.byPath.get('docs/plan.md')?.supersededBy?.id, 'I-20250201-1');

  const cycle = (await ledgerOf({
    'docs/a.md': { component: 'Cache', date: '2025-01-01 00:00:00 UTC', id: 'C-20250101-1', status: 'REJECTED', supersedes: 'C-20250102-1' },
    'docs/b.md': { component: 'Cache', date: '2025-01-02 00:00:00 UTC', id: 'C-20250102-1', status: 'APPROVED', supersedes: 'C-20250101-1' },
  })).ledger;
  assert.equal(cycle.components[0].current.id, 'C-20250102-1');

  const undated = (await ledgerOf({
    'docs/a.md': { component: 'Cache', date: 'sometime in May', id: 'C-X-20250601', status: 'REJECTED' },
    'docs/b.md': { component: 'Cache', date: '2025-01-02 00:00:00 UTC', id: 'C-20250102-1', status: 'APPROVED' },
  })).ledger;
  assert.equal(undated.components[0].current.id, 'C-20250102-1');
  assert.equal(undated.byPath.get('docs/a.md')?.supersededBy?.id, 'C-20250102-1');
});

test('the index keeps its ledger across an edit that moves nothing the ledger reads, and rebuilds it when a verdict changes', async () => {
  const { config } = parseConfig('{}');
  const text = certificate({ component: 'Cache', date: '2025-01-02 00:00:00 UTC', id: 'C-20250102-1', status: 'APPROVED', evidence: ['src/a.py:1-2'] });
  const root = makeTree({ 'docs/c.md': text, 'src/a.py': 'a = 1\nb = 2\n' });
  const engine = new Engine(new NodeHost({ root, exclude: config.exclude, now: () => FIXED_NOW }), config);
  engine.workspace.files = await engine.host.listFiles();
  const index = async (t: string) => engine.workspace.restore((await engine.checkDocument(engine.parse('docs/c.md', t))).summary!);
  await index(text);
  const first = engine.workspace.ledger(config);
  // A paragraph above the Certificate ID: positions move, the ledger's facts do not.
  await index(text.replace('# CODE REVIEW CERTIFICATE\n', '# CODE REVIEW CERTIFICATE\n\nA note.\n'));
  const kept = engine.workspace.ledger(config);
  assert.equal(kept, first);
  assert.equal(kept.byPath.get('docs/c.md')?.facts.line, 8, 'the kept ledger reads the new positions');
  await index(text.replace('**Status**: APPROVED', '**Status**: REJECTED'));
  const rebuilt = engine.workspace.ledger(config);
  assert.notEqual(rebuilt, first);
  assert.equal(rebuilt.components[0].current.facts.verdict, 'REJECTED');
});
