/**
 * Scenarios 1-5 in one trusted VS Code session, in order (each builds on the editor state the previous left):
 * diagnostics in the Problems panel, an evidence link, Alt+C, a quick fix, Run Phase Checks.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, T, editorLines, editorText, screenshot, sleep, until } from './harness';
import { CERT, CHECKLIST, cliRuleIds, scenario, useSession } from './session';
import {
  activeTab, clickPromptButton, hasLink, codeLenses, focusEditor, gotoLine, lineOf, notifications, openProblems,
  pointInEditorText, quickOpen, runCommand, statusSelection, terminalAllText, terminalTabs, terminalText,
} from './workbench';
import { problemsText, waitForRuleIds } from './problems';
import { CERT_RULES } from './rules';


const s = useSession('trusted', 'trust');

scenario(s, '1. trusted workspace: Problems shows the certificate rule ids', async () => {
  await quickOpen(s.page, CERT);
  const expected = [...new Set([...CERT_RULES, ...cliRuleIds(s.workspace, CERT)])].sort();
  const panel = await openProblems(s.page);
  // The first diagnostics wait for the server's start and workspace scan: generous, as the cores may be busy.
  await waitForRuleIds(s.page, panel, expected, 90_000, `**/${CERT.split('/').pop()}`);
  await screenshot(s.page, 'problems-panel');
  const text = await problemsText(panel);
  assert.match(text, /ledger_review_20250304_101500\.md/, 'the problems are grouped under the certificate');
}, 150_000);

scenario(s, '1b. hovering evidence shows the cited lines, or that the file is missing', async () => {
  await quickOpen(s.page, CERT);
  await until('the evidence reference to be a link', () => hasLink(s.page, 'ledger.py'), T.long);
  const hover = s.page.locator('.monaco-hover:not(.hidden)').first();
  const hoverOn = async (needle: string, want: RegExp): Promise<string> => {
    let text = '';
    await until(`a hover on ${needle} matching ${want}`, async () => {
      // Move away first, so the hover is asked for again rather than kept.
      await s.page.mouse.move(5, 5);
      const p = await pointInEditorText(s.page, needle, 4);
      await s.page.mouse.move(p.x, p.y);
      text = await hover.innerText({ timeout: 2_000 }).catch(() => '');
      return want.test(text);
    }, T.normal);
    return text;
  };
  const found = await hoverOn('src/payments/ledger.py:12', /if amount <= 0:/);
  assert.match(found, /In range \(the file has \d+ lines\)/, `the hover says the line is in range; it said: ${found}`);
  await screenshot(s.page, 'evidence-hover');
  const missing = await hoverOn('src/payments/refunds.py:10-20', /Not found/);
  assert.match(missing, /no file src\/payments\/refunds\.py in the workspace/, `it said: ${missing}`);
  await s.page.mouse.move(5, 5);
  await s.page.keyboard.press('Escape');
});

scenario(s, '2. Ctrl+click on an evidence reference opens the cited file at the cited line', async () => {
  await quickOpen(s.page, CERT);
  const needle = 'src/payments/ledger.py:12';
  // Document links arrive from the server after the document is parsed; monaco marks them `.detected-link`.
  await until('the evidence reference to be a link', () => hasLink(s.page, 'ledger.py'), T.long);
  const p = await pointInEditorText(s.page, needle, 8);
  await s.page.mouse.move(p.x, p.y);
  await s.page.keyboard.down('Control');
  try {
    await sleep(150); // monaco shows the link under the pointer only after the modifier is seen held
    await s.page.mouse.click(p.x, p.y);
  } finally {
    await s.page.keyboard.up('Control');
  }
  await activeTab(s.page, 'ledger.py');
  // The cited line is selected whole: from 12:1 to 13:1, its characters and its line break.
  const line12 = s.read('src/payments/ledger.py').split('\n')[11];
  const whole = `Ln 13, Col 1 (${line12.length + 1} selected)`;
  await until(`the status bar to say "${whole}"`, async () => (await statusSelection(s.page)) === whole, T.short);
  const text = await editorText(s.page);
  assert.match(text, /if amount <= 0:/, 'the cited line is in view');
  await screenshot(s.page, 'evidence-link-opened');
  console.log(`evidence link: tab ledger.py, status bar "${await statusSelection(s.page)}"`);
});

scenario(s, '3. Alt+C on a checklist task ticks it', async () => {
  await quickOpen(s.page, CHECKLIST);
  const line = lineOf(s.read(CHECKLIST), '**Release notes written**');
  await gotoLine(s.page, line);
  await s.page.keyboard.press('Alt+C');
  await until('the task to show [x]', async () => (await editorText(s.page)).includes('- [x] **Release notes written**'), T.short);
  const lines = await editorLines(s.page);
  assert.equal(lines.get(line + 1), '- [ ] **Changelog present**: a file that this workspace does not have', 'only the task under the cursor is ticked');
  assert.equal(lines.get(line), '- [x] **Release notes written**: a person confirms the notes', 'only the checkbox changed');
  await screenshot(s.page, 'alt-c-ticked');
  // One undo step puts the buffer back exactly; Alt+C again ticks it for the scenarios that follow.
  await s.page.keyboard.press('Control+Z');
  await until('Ctrl+Z to untick the task', async () => (await editorText(s.page)).includes('- [ ] **Release notes written**'), T.short);
  const undone = await editorLines(s.page);
  assert.equal(undone.get(line), '- [ ] **Release notes written**: a person confirms the notes', 'one undo step restores the line');
  assert.equal(undone.get(line + 1), lines.get(line + 1), 'undo touches nothing else');
  await gotoLine(s.page, line);
  await s.page.keyboard.press('Alt+C');
  await until('the task ticked again', async () => (await editorText(s.page)).includes('- [x] **Release notes written**'), T.short);
});

scenario(s, '4. a quick fix on a decorated status rewrites it', async () => {
  await quickOpen(s.page, CERT);
  const cert = s.read(CERT);
  const line = lineOf(cert, '**Status**: ✅ APPROVED');
  const col = cert.split('\n')[line - 1].indexOf('APPROVED') + 1;
  await gotoLine(s.page, line, col);
  await s.page.keyboard.press('Control+.');
  const widget = s.page.locator('.action-widget');
  await widget.waitFor({ state: 'visible', timeout: T.normal });
  const items = widget.locator('.monaco-list-row.action');
  await until('quick fixes in the light bulb menu', async () => (await items.count()) > 0, T.normal);
  const titles = (await items.allInnerTexts()).map((t) => t.trim());
  const want = titles.findIndex((t) => /APPROVED/.test(t));
  if (want < 0) throw new Error(`no quick fix mentioning APPROVED; offered: ${JSON.stringify(titles)}`);
  await screenshot(s.page, 'quick-fix-menu');
  // Pick it with the keyboard, as the menu is meant to be used: move the focus down to it, then Enter.
  await until(`the fix "${titles[want]}" focused`, async () => {
    const focused = (await widget.locator('.monaco-list-row.action.focused').innerText().catch(() => '')).trim();
    if (focused === titles[want]) return true;
    await s.page.keyboard.press('ArrowDown');
    return false;
  }, T.short);
  await s.page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: T.short });
  await until('the status to read APPROVED', async () => {
    const t = await editorText(s.page);
    return t.includes('**Status**: APPROVED') && !t.includes('✅ APPROVED');
  }, T.short);
  const text = await editorText(s.page);
  assert.ok(text.includes('**Rationale**: Posting validates its input.'), 'the lines around the fix are untouched');
  console.log(`quick fixes offered: ${JSON.stringify(titles)}`);
});

scenario(s, '5. Run Phase Checks: trust prompts, terminal output, ticked tasks, GO / NO-GO lens', async () => {
  await quickOpen(s.page, CHECKLIST);
  const src = s.read(CHECKLIST);
  await focusEditor(s.page);

  // Phase 1 passes: both snippets run after one confirmation that lists them both.
  await gotoLine(s.page, lineOf(src, '**Say ok**'));
  await runCommand(s.page, 'Signoff: Run Phase Checks');
  const prompt = await clickPromptButton(s.page, /^\s*Run all\b/i, T.normal);
  for (const cmd of ['echo ok', 'test -f README.md']) {
    assert.ok(prompt.includes(cmd), `the one confirmation shows the exact snippet "${cmd}"; it said: ${prompt}`);
  }
  // The first run says where records go; keep them committed here.
  await clickPromptButton(s.page, /^\s*Keep committed\b/i, T.normal);
  await until('the terminal to show the phase verdict', async () => /Phase 1 \(Workspace Checks\): GO\b/.test(await terminalText(s.page)), T.long);
  const out = await terminalAllText(s.page);
  // Whole lines: the echoed commands (`$ echo ok`) and task headings contain the same words.
  assert.match(out, /^\$ echo ok$/m, 'the terminal shows the command');
  assert.match(out, /^ok$/m, 'the terminal shows the output of echo ok');
  assert.match(out, /^readme found$/m, 'the terminal shows the output of the second snippet');
  await until('both phase 1 tasks ticked', async () => {
    const t = await editorText(s.page);
    return t.includes('- [x] **Say ok**') && t.includes('- [x] **Readme present**');
  }, T.normal);
  await until('a GO code lens on phase 1', async () =>
    (await codeLenses(s.page)).some((l) => l.includes('2/2 done') && /\bGO\b/.test(l) && !/NO-GO/.test(l)), T.normal);
  await screenshot(s.page, 'run-phase-go');

  // Phase 2 fails: its snippet exits 1, its task stays open, the lens says NO-GO.
  await focusEditor(s.page);
  await gotoLine(s.page, lineOf(src, '**Changelog present**'));
  await runCommand(s.page, 'Signoff: Run Phase Checks');
  const text = await clickPromptButton(s.page, /^\s*Run all\b/i, T.normal);
  assert.ok(text.includes('test -f CHANGELOG.md'), `the confirmation shows the snippet; it said: ${text}`);
  await until('a NO-GO code lens on phase 2', async () => (await codeLenses(s.page)).some((l) => l.includes('/2 done') && /NO-GO/.test(l)), T.long);
  const after = await editorText(s.page);
  assert.ok(after.includes('- [ ] **Changelog present**'), 'a failing task is not ticked');
  await screenshot(s.page, 'run-phase-no-go');
  // The failed check is a diagnostic of the checklist, from the run record.
  const panel = await openProblems(s.page);
  await waitForRuleIds(s.page, panel, ['checklist-check-failed'], T.normal, `**/${CHECKLIST.split('/').pop()}`);

  const runs = join(s.workspace, '.signoff', 'runs');
  await until('run records in .signoff/runs', async () => existsSync(runs) && readdirSync(runs).filter((f) => f.endsWith('.json')).length >= 2, T.short);
  const records = readdirSync(runs).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(runs, f), 'utf8'));
  assert.ok(records.some((r) => r.includes('echo ok')), 'a run record names the commands it ran');
  console.log(`notifications after the runs: ${JSON.stringify(await notifications(s.page))}`);
  console.log(`code lenses: ${JSON.stringify(await codeLenses(s.page))}`);
}, 180_000);

scenario(s, '6. a prose expectation waits for a person; confirmed in the review quick pick the notification points to, the phase turns GO; one terminal tab after three runs', async () => {
  await quickOpen(s.page, CHECKLIST);
  const src = s.read(CHECKLIST);
  await focusEditor(s.page);
  await gotoLine(s.page, lineOf(src, '**Greeting printed**'));
  await runCommand(s.page, 'Signoff: Run Phase Checks');
  const prompt = await clickPromptButton(s.page, /^\s*Run all\b/i, T.normal);
  assert.ok(prompt.includes('echo "Hello, release team: v1.2 is out"'), `the confirmation shows the snippet; it said: ${prompt}`);
  // The run cannot decide: the terminal shows the expectation beside the output, the lens says PENDING.
  await until('the terminal to show the PENDING verdict', async () => /Phase 3 \(Announcement\): PENDING\b/.test(await terminalText(s.page)), T.long);
  const out = await terminalAllText(s.page);
  assert.match(out, /^Hello, release team: v1\.2 is out$/m, 'the output');
  assert.match(out, /needs a person: Should greet the release team and name the version/, 'the expectation beside it');
  await until('a PENDING code lens on phase 3', async () => (await codeLenses(s.page)).some((l) => l.includes('0/1 done') && /PENDING/.test(l)), T.normal);
  await screenshot(s.page, 'run-phase-pending');

  // The notification points to the review; the person confirms in the quick pick: the record says who and when,
  // the phase turns GO, the task is ticked.
  const asked = await clickPromptButton(s.page, /^\s*Review…/, T.normal);
  assert.match(asked, /1 expectation to review/, `the notification says what waits; it said: ${asked}`);
  const pick = s.page.locator('.quick-input-widget');
  const row = pick.locator('.monaco-list-row').filter({ hasText: 'Should greet the release team and name the version' }).first();
  await row.waitFor({ state: 'visible', timeout: T.normal });
  assert.match(await row.innerText(), /Hello, release team/, 'the pick shows the end of the output');
  await row.click();
  await pick.locator('.monaco-list-row').filter({ hasText: 'Confirm' }).first().click();
  await until('a GO code lens on phase 3', async () =>
    (await codeLenses(s.page)).some((l) => l.includes('1/1 done') && /\bGO\b/.test(l) && !/NO-GO|PENDING/.test(l)), T.long);
  assert.ok((await editorText(s.page)).includes('- [x] **Greeting printed**'), 'the confirmed task is ticked');
  const runs = join(s.workspace, '.signoff', 'runs');
  const reviewed = readdirSync(runs).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(runs, f), 'utf8')))
    .find((r) => r.phases.includes(3));
  const e = reviewed?.tasks[0].snippets[0].expected[0];
  assert.equal(e?.review?.decision, 'confirmed', JSON.stringify(reviewed));
  assert.ok(e?.review?.by && e?.review?.at, 'recorded with who and when');
  assert.equal(reviewed.phaseResults[0].verdict, 'GO');
  await screenshot(s.page, 'run-phase-confirmed-go');

  // Three runs of this checklist (phases 1, 2, 3), one terminal tab.
  const tabs = await terminalTabs(s.page);
  assert.equal(tabs.filter((t) => t.includes('release-checklist.md')).length, 1, `terminal tabs: ${JSON.stringify(tabs)}`);
  assert.equal(tabs.length, 1, `terminal tabs: ${JSON.stringify(tabs)}`);
}, 180_000);
scenario(s, '7. Seal Certificate seals the open certificate; the status bar says Sealed; the hover explains the hash', async () => {
  // Last: sealing applies the certificate's safe fixes first, which the quick-fix scenario must still find.
  await quickOpen(s.page, CERT);
  await focusEditor(s.page);
  await runCommand(s.page, 'Signoff: Seal Certificate');
  await until('the sealed notification', async () => (await notifications(s.page)).some((n) => /Sealed: sha256:[0-9a-f]{12}/.test(n)), T.long);
  await s.page.keyboard.press('Control+S');
  await until('the seal on disk', async () => s.read(CERT).includes('<!-- signoff-seal v1'), T.normal);
  const onDisk = s.read(CERT);
  assert.match(onDisk, /^Certificate Hash: sha256:[0-9a-f]{64}\s*$/m);
  const statusBar = s.page.locator('.statusbar');
  await until('the status bar saying Sealed', async () => /Sealed/.test(await statusBar.innerText().catch(() => '')), T.long);
  await screenshot(s.page, 'sealed-status');
  const verify = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'verify', CERT], { cwd: s.workspace, encoding: 'utf8', timeout: 60_000 });
  assert.equal(verify.status, 0, `signoff verify agrees the seal holds: ${verify.stdout}`);

  await gotoLine(s.page, lineOf(onDisk, 'Certificate Hash:'));
  const hover = s.page.locator('.monaco-hover:not(.hidden)').first();
  let text = '';
  await until('a hover on Certificate Hash explaining the seal', async () => {
    await s.page.mouse.move(5, 5);
    const p = await pointInEditorText(s.page, 'Certificate Hash', 4);
    await s.page.mouse.move(p.x, p.y);
    text = await hover.innerText({ timeout: 2_000 }).catch(() => '');
    return /SHA-256 of this certificate/.test(text);
  }, T.normal);
  assert.match(text, /Text: as sealed/, `the hover says the text is as sealed; it said: ${text}`);
  await screenshot(s.page, 'sealed-hover');
  await s.page.mouse.move(5, 5);
}, 150_000);
