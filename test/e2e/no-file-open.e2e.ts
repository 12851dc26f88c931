/**
 * Scenario 0: diagnostics without opening a file. The extension activates because the workspace contains
 * Markdown (`workspaceContains:`), the server scans the workspace in the background, and the Problems panel fills
 * with what `signoff check` reports for the workspace's documents while no editor is open.
 */
import assert from 'node:assert/strict';
import { screenshot } from './harness';
import { CERT, CHECKLIST, cliRuleIds, scenario, useSession } from './session';
import { openProblems } from './workbench';
import { waitForRuleIds } from './problems';

const s = useSession('no-file-open', 'trust');

scenario(s, '0. no file opened: the Problems panel fills by itself', async () => {
  assert.equal(await s.page.locator('.tabs-container .tab').count(), 0, 'no editor is open');
  const expected = [...new Set([...cliRuleIds(s.workspace, CERT), ...cliRuleIds(s.workspace, CHECKLIST)])].sort();
  assert.ok(expected.length > 0, 'the CLI reports something to wait for');
  const panel = await openProblems(s.page);
  const text = await waitForRuleIds(s.page, panel, expected, 90_000);
  await screenshot(s.page, 'no-file-open-problems');
  assert.equal(await s.page.locator('.tabs-container .tab').count(), 0, 'still no editor open');
  for (const doc of [CERT, CHECKLIST]) {
    if (cliRuleIds(s.workspace, doc).length) assert.ok(text.includes(doc.split('/').pop()!), `${doc} is listed`);
  }
}, 150_000);
