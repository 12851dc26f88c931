/**
 * Scenario 6: a workspace whose authors are not trusted (Restricted Mode). Validation still works; running
 * checklist snippets is refused with a reason, and nothing runs or changes.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { T, editorText, screenshot, until } from './harness';
import { CERT, CHECKLIST, cliRuleIds, scenario, useSession } from './session';
import { gotoLine, lineOf, notifications, openProblems, quickOpen, runCommand, terminalText } from './workbench';
import { waitForRuleIds } from './problems';
import { CERT_RULES } from './rules';

const s = useSession('restricted', 'restrict');

scenario(s, '6. Restricted Mode: diagnostics appear, Run Phase Checks refuses', async () => {
  await quickOpen(s.page, CERT);
  const expected = [...new Set([...CERT_RULES, ...cliRuleIds(s.workspace, CERT)])].sort();
  const panel = await openProblems(s.page);
  await waitForRuleIds(s.page, panel, expected, 90_000, `**/${CERT.split('/').pop()}`);
  await screenshot(s.page, 'restricted-problems');

  await quickOpen(s.page, CHECKLIST);
  await gotoLine(s.page, lineOf(s.read(CHECKLIST), '**Say ok**'));
  // The command is offered in Restricted Mode so that it can say why it will not run.
  await runCommand(s.page, 'Signoff: Run Phase Checks');
  const refusal = await until('a notification saying the workspace is not trusted', async () =>
    (await notifications(s.page)).find((n) => /not trusted|Restricted Mode/i.test(n)), T.normal);
  await screenshot(s.page, 'restricted-run-refused');
  console.log(`refusal: ${JSON.stringify(refusal)}`);
  // Nothing ran: no record, no ticked task, no snippet output in a terminal.
  assert.ok(!existsSync(join(s.workspace, '.signoff', 'runs')), 'no run record is written in Restricted Mode');
  const text = await editorText(s.page);
  assert.ok(text.includes('- [ ] **Say ok**') && text.includes('- [ ] **Readme present**'), 'no task is ticked');
  assert.ok(!(await terminalText(s.page)).includes('readme found'), 'no snippet ran in a terminal');
}, 150_000);
