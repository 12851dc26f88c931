/**
 * Scenario 9: the Reviews view. Two more reviews land in the workspace while VS Code runs (an older, rejected
 * review of the payments ledger under another spelling of its Component, and a conditional review of Search); the
 * view, filled by the server's `signoff/ledger`, lists each component with the verdict `signoff status` reports,
 * expands to the certificates newest first with the superseded one marked, and a click on it opens it, with the
 * status bar saying it is superseded and by which review.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO, T, screenshot, until } from './harness';
import { scenario, useSession } from './session';
import { activeTab, runCommand } from './workbench';

const s = useSession('reviews', 'trust');

const OLD = 'docs/reviews/agents/perf-reviewer/ledger_perf_review_20250301_090000.md';
const SEARCH = 'docs/reviews/agents/search-reviewer/search_review_20250305_120000.md';

function cert(o: { component: string; agent: string; date: string; id: string; status: string; conditions?: string[] }): string {
  return `# CODE REVIEW CERTIFICATE

**Component**: ${o.component}
**Agent**: ${o.agent}
**Date**: ${o.date}
**Certificate ID**: ${o.id}

## REVIEW SCOPE

- \`src/payments/ledger.py\`

## FINDINGS

- Reviewed the posting path.

## DECISION/OUTCOME

**Status**: ${o.status}
**Rationale**: as found above.
${o.conditions ? `**Conditions**:\n${o.conditions.map((c) => `- ${c}`).join('\n')}\n` : ''}
## EVIDENCE

- \`src/payments/ledger.py:1-3\`

## SIGNATURE

Agent: ${o.agent}
Timestamp: ${o.date}
Certificate Hash: n/a
`;
}

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(s.workspace, rel)), { recursive: true });
  writeFileSync(join(s.workspace, rel), text);
}

scenario(s, '9. the Reviews view lists each component\'s current review; a superseded one opens with the status bar saying so', async () => {
  write(OLD, cert({ component: 'Payments Ledger', agent: 'perf-reviewer', date: '2025-03-01 09:00:00 UTC', id: 'LEDGER-PERF-20250301-090000', status: 'REJECTED' }));
  write(SEARCH, cert({ component: 'Search', agent: 'search-reviewer', date: '2025-03-05 12:00:00 UTC', id: 'SEARCH-REVIEW-20250305-120000', status: 'CONDITIONALLY_APPROVED', conditions: ['Cap the page size'] }));

  // What CI says for this workspace: the view must show the same components and verdicts.
  const cli = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'status', '--format', 'json'], { cwd: s.workspace, encoding: 'utf8', timeout: 60_000 });
  assert.equal(cli.status, 0, cli.stderr);
  const expected = (JSON.parse(cli.stdout) as { components: { component: string; verdict: string }[] }).components;
  assert.deepEqual(expected.map((c) => [c.component, c.verdict]), [['Payments Ledger', 'APPROVED'], ['Search', 'CONDITIONALLY_APPROVED']]);

  await runCommand(s.page, 'Explorer: Focus on Reviews View');
  // The view's pane (not the folder's, whose title here also starts with "reviews").
  const pane = s.page.locator('.pane').filter({ has: s.page.locator('.pane-header .title', { hasText: /^reviews$/i }) }).first();
  const rows = pane.locator('.monaco-list-row');
  const rowText = async () => (await rows.allInnerTexts().catch(() => [] as string[])).map((t) => t.replace(/\s+/g, ' ').trim());
  const shown = await until('the Reviews view listing both components with their verdicts', async () => {
    const texts = await rowText();
    return expected.every((c) => texts.some((t) => t.includes(c.component) && t.includes(c.verdict))) ? texts : undefined;
  }, T.long * 2);
  console.log(`Reviews view: ${JSON.stringify(shown)}`);
  await screenshot(s.page, 'reviews-view');

  const payments = rows.filter({ hasText: 'Payments Ledger' }).first();
  await payments.locator('.monaco-tl-twistie').click();
  const expanded = await until('Payments Ledger expanded to its two certificates, the old one superseded', async () => {
    const texts = await rowText();
    const current = texts.findIndex((t) => t.includes('LEDGER-REVIEW-20250304-101500') && t.includes('current'));
    const old = texts.findIndex((t) => t.includes('LEDGER-PERF-20250301-090000') && t.includes('superseded'));
    return current >= 0 && old > current ? texts : undefined;
  }, T.normal);
  console.log(`expanded: ${JSON.stringify(expanded)}`);
  await screenshot(s.page, 'reviews-view-expanded');

  await rows.filter({ hasText: 'LEDGER-PERF-20250301-090000' }).first().click();
  await activeTab(s.page, OLD.split('/').pop()!);
  const statusBar = s.page.locator('.statusbar');
  const said = await until('the status bar saying the review is superseded', async () => {
    const t = await statusBar.innerText().catch(() => '');
    return /Superseded by LEDGER-REVIEW-20250304-101500/.test(t) ? t : undefined;
  }, T.long);
  console.log(`status bar: ${JSON.stringify(said.replace(/\s+/g, ' '))}`);
  await screenshot(s.page, 'reviews-superseded-status');
}, 240_000);
