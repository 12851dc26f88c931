/**
 * Checklist runs people can trust at a glance (issue 23), in one trusted VS Code session, in order: a run's result
 * is what the document shows (a task ticked by hand whose check fails is unticked, in the same single edit as the
 * ticks: one undo step), literal match first, the notification names the failure first, the expectation's quotes
 * once; the pending review stays in the status bar, the code lens and the Review Pending Expectations quick pick;
 * Rerun Failed Checks runs only what failed; a phase with nothing to run offers Check all; a run input is asked for
 * once and remembered.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before } from 'node:test';
import { T, editorText, screenshot, until } from './harness';
import { scenario, useSession } from './session';
import { clickCodeLens, clickPromptButton, codeLenses, focusEditor, gotoLine, lineOf, notifications, quickOpen, runCommand, terminalAllText, terminalText } from './workbench';
import type { RunRecord } from '../../src/protocol/index';

const LIST = 'docs/checklists/trust-checklist.md';
const TEXT = `# Trust Checklist

## Release

### **Phase 1: Checks**

- [x] **Changelog present**: ticked by hand, but the file is missing
  \`\`\`bash
  test -f CHANGELOG.md
  \`\`\`
- [ ] **In src**: the output is exactly the expectation
  \`\`\`bash
  echo "in src"
  # Expected: in src
  \`\`\`
- [ ] **Bridge**: a quoted expectation
  \`\`\`bash
  echo "bridge present"
  # Expected: "bridge present"
  \`\`\`
- [ ] **Greeting**: a person judges the greeting
  \`\`\`bash
  echo "Hello release team"
  # Should greet the release team
  \`\`\`

### **Phase 2: Sign-off**

- [ ] **Notes approved**: a person approves the notes

### **Phase 3: Ship**

<!-- signoff: inputs RELEASE_VERSION -->

- [ ] **Version stamped**: the version reaches the snippet
  \`\`\`bash
  echo "stamping $RELEASE_VERSION"
  # Expected: stamping 4.2
  \`\`\`
`;

const s = useSession('runs', 'trust');

before(() => {
  writeFileSync(join(s.workspace, LIST), TEXT);
});

function records(): RunRecord[] {
  const dir = join(s.workspace, '.signoff', 'runs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunRecord)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/**
 * Clicks a code lens until `done` holds: a lens clicked while the editor swaps in a newer set of lenses (run records
 * keep arriving, and each one refreshes them) is dropped by VS Code ("Actual command not found"), so click again.
 */
async function clickLensUntil(lens: RegExp, what: string, done: () => Promise<boolean>): Promise<void> {
  await until(what, async () => {
    await clickCodeLens(s.page, lens, T.short).catch(() => undefined);
    return until(what, async () => done(), 3_000).then(() => true, () => false);
  }, T.normal);
}

const statusBar = () => s.page.locator('.statusbar').innerText().catch(() => '');
const quickPick = () => s.page.locator('.quick-input-widget');

scenario(s, '1. a failed check unticks its task in the same edit as the ticks (one undo step); literal match first; failures named first; quotes once', async () => {
  await quickOpen(s.page, LIST);
  await focusEditor(s.page);
  await gotoLine(s.page, lineOf(TEXT, '**Changelog present**'));
  await runCommand(s.page, 'Signoff: Run Phase Checks');
  await clickPromptButton(s.page, /^\s*Run all\b/i, T.normal);
  await clickPromptButton(s.page, /^\s*Keep committed\b/i, T.normal).catch(() => undefined);
  await until('the phase verdict in the terminal', async () => /Phase 1 \(Checks\): NO-GO\b/.test(await terminalText(s.page)), T.long);
  await until('the boxes to show the run', async () => {
    const t = await editorText(s.page);
    // (the editor renders only the lines in view: the Greeting task, pending and unchanged, is below them)
    return t.includes('- [ ] **Changelog present**') && t.includes('- [x] **In src**') && t.includes('- [x] **Bridge**');
  }, T.normal);
  const out = await terminalAllText(s.page);
  assert.match(out, /expected "bridge present": met/, 'a quoted expectation is shown quoted once');
  assert.doesNotMatch(out, /""bridge present""/);
  assert.match(out, /expected "in src": met \(word for word\)/, 'two plain words, but exactly the output: met');
  const note = await until('the verdict notification', async () => (await notifications(s.page)).find((n) => /NO-GO:/.test(n)), T.normal);
  assert.match(note, /Phase 1: NO-GO: Changelog present failed \(exit 1\); 1 expectation to review/, `failures first; it said: ${note}`);
  assert.doesNotMatch(note, /Confirm|Reject/, 'the notification only points to the review');
  await screenshot(s.page, 'run-unticks-failed');
  const [record] = records();
  assert.deepEqual(record.unticked?.map((t) => t.label), ['Changelog present'], 'the record says which tick the run removed');

  // One undo step takes the whole result back: the untick and both ticks.
  await focusEditor(s.page);
  await s.page.keyboard.press('Control+Z');
  await until('one undo to restore every box', async () => {
    const t = await editorText(s.page);
    return t.includes('- [x] **Changelog present**') && t.includes('- [ ] **In src**') && t.includes('- [ ] **Bridge**');
  }, T.short);
  await screenshot(s.page, 'run-result-undone');
  await s.page.keyboard.press('Control+Shift+Z');
  await until('redo to bring the result back', async () => (await editorText(s.page)).includes('- [ ] **Changelog present**'), T.short);
}, 180_000);

scenario(s, '2. the pending review stays: status bar "1 to review", a code lens, and the review quick pick; Confirm ticks the task', async () => {
  await until('the status bar item "1 to review"', async () => /1 to review/.test(await statusBar()), T.normal);
  await until('lenses to rerun and to review on phase 1', async () => {
    const l = await codeLenses(s.page);
    return l.some((x) => /NO-GO/.test(x) && /Rerun failed checks/.test(x) && /\b1 to review$/.test(x));
  }, T.normal);
  await screenshot(s.page, 'review-status-bar-and-lens');
  await s.page.locator('.statusbar-item').filter({ hasText: /1 to review/ }).first().click();
  await quickPick().waitFor({ state: 'visible', timeout: T.normal });
  const row = quickPick().locator('.monaco-list-row').filter({ hasText: 'Should greet the release team' }).first();
  await row.waitFor({ state: 'visible', timeout: T.normal });
  assert.match(await row.innerText(), /Hello release team/, 'the pick shows the end of the output');
  await screenshot(s.page, 'review-quick-pick');
  await row.click();
  const confirm = quickPick().locator('.monaco-list-row').filter({ hasText: 'Confirm' }).first();
  await confirm.waitFor({ state: 'visible', timeout: T.normal });
  await confirm.click();
  await until('the confirmed task ticked', async () => {
    await gotoLine(s.page, lineOf(TEXT, '**Greeting**'));
    return (await editorText(s.page)).includes('- [x] **Greeting**');
  }, T.normal);
  await until('the status bar item gone', async () => !/to review/.test(await statusBar()), T.normal);
  const e = records()[0].tasks.find((t) => t.label === 'Greeting')!.snippets[0].expected[0];
  assert.equal(e.review?.decision, 'confirmed');
  await screenshot(s.page, 'review-confirmed');
}, 150_000);

scenario(s, '3. Rerun Failed Checks runs only what failed; the new record links the previous one', async () => {
  writeFileSync(join(s.workspace, 'CHANGELOG.md'), '# Changes\n');
  await quickOpen(s.page, LIST);
  await focusEditor(s.page);
  await gotoLine(s.page, 1);
  await clickLensUntil(/Rerun failed checks/, 'the rerun to record', async () => records().length === 2);
  await until('the rerun verdict in the terminal', async () => /Phase 1 \(Checks\): GO\b/.test(await terminalText(s.page)), T.long);
  assert.match(await terminalAllText(s.page), /Rerunning what failed or waits: 1 snippet/);
  await until('the fixed task ticked again', async () => (await editorText(s.page)).includes('- [x] **Changelog present**'), T.normal);
  const all = records();
  const last = all[all.length - 1];
  assert.equal(all.length, 2);
  assert.equal(last.previous?.length, 1, JSON.stringify(last.previous));
  assert.deepEqual(last.tasks.filter((t) => !t.carriedFrom).map((t) => t.label), ['Changelog present'], 'only the failed task ran');
  await gotoLine(s.page, 1);
  await until('a GO lens on phase 1', async () => (await codeLenses(s.page)).some((l) => /4\/4 done · ▶ Run phase checks · GO$/.test(l)), T.normal);
  await screenshot(s.page, 'rerun-failed-go');
}, 150_000);

scenario(s, '4. a phase with nothing to run offers Check all', async () => {
  await quickOpen(s.page, LIST);
  await focusEditor(s.page);
  await gotoLine(s.page, lineOf(TEXT, '**Notes approved**'));
  await until('Check all on the manual phase', async () => (await codeLenses(s.page)).some((l) => /^0\/1 done · Check all$/.test(l)), T.normal);
  await clickLensUntil(/0\/1 done · Check all/, 'the manual task ticked by the lens', async () => (await editorText(s.page)).includes('- [x] **Notes approved**'));
  await screenshot(s.page, 'manual-phase-check-all');
});

scenario(s, '5. a run input is asked for in an input box, reaches the snippet, and is remembered for the next run', async () => {
  await quickOpen(s.page, LIST);
  await focusEditor(s.page);
  await gotoLine(s.page, lineOf(TEXT, '**Version stamped**'));
  await runCommand(s.page, 'Signoff: Run Phase Checks');
  await clickPromptButton(s.page, /^\s*Run all\b/i, T.normal);
  const box = quickPick().locator('.quick-input-box input');
  await box.waitFor({ state: 'visible', timeout: T.normal });
  assert.match(await quickPick().innerText(), /run input RELEASE_VERSION/);
  await box.fill('4.2');
  await screenshot(s.page, 'run-input-box');
  await s.page.keyboard.press('Enter');
  await until('phase 3 GO in the terminal', async () => /Phase 3 \(Ship\): GO\b/.test(await terminalText(s.page)), T.long);
  assert.match(await terminalText(s.page), /^stamping 4\.2$/m);
  assert.deepEqual(records().at(-1)!.inputs, { RELEASE_VERSION: '4.2' });

  // Again: remembered for this workspace, no input box.
  await focusEditor(s.page);
  await gotoLine(s.page, lineOf(TEXT, '**Version stamped**'));
  const before = records().length;
  await runCommand(s.page, 'Signoff: Run Phase Checks');
  await until('a second record of phase 3', async () => records().length === before + 1, T.long);
  assert.equal(await quickPick().isVisible(), false, 'no input box the second time');
  assert.deepEqual(records().at(-1)!.inputs, { RELEASE_VERSION: '4.2' });
  await screenshot(s.page, 'run-input-remembered');
}, 150_000);
