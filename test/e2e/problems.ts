/**
 * Reading the Problems panel. Its tree renders only the rows in view, so the panel's filter box narrows it to the
 * file under test first (a glob on the resource path, as a person would type it).
 */
import type { Locator, Page } from 'playwright-core';
import { T, until } from './harness';

export async function problemsText(panel: Locator): Promise<string> {
  return (await panel.innerText({ timeout: T.short }).catch(() => '')).replace(/\u00a0/g, ' ');
}

/** Types `filter` into the Problems panel's filter box ('' clears it). */
export async function filterProblems(page: Page, filter: string): Promise<void> {
  const input = page.locator('.panel .viewpane-filter input, .markers-panel-action-filter input').first();
  await input.waitFor({ state: 'visible', timeout: T.short });
  await input.fill(filter);
}

/** Waits until the panel shows every rule id (the diagnostics' codes); the error names the missing ones. */
export async function waitForRuleIds(page: Page, panel: Locator, ids: readonly string[], timeout = T.normal, fileGlob?: string): Promise<string> {
  if (fileGlob) await filterProblems(page, fileGlob);
  let text = '';
  try {
    await until('rule ids in the Problems panel', async () => {
      text = await problemsText(panel);
      return ids.every((id) => text.includes(id));
    }, timeout);
  } catch {
    const missing = ids.filter((id) => !text.includes(id));
    throw new Error(`the Problems panel lacks ${JSON.stringify(missing)} after ${timeout} ms; it shows:\n${text.slice(0, 2000)}`);
  }
  return text;
}
