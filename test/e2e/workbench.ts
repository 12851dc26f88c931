/**
 * Working the VS Code workbench as a person would (keyboard shortcuts, the command palette, clicks), and reading
 * back what the page shows. Every wait is on a selector or a text, bounded by the harness timeouts.
 */
import type { Locator, Page } from 'playwright-core';
import { T, sleep, until, visible } from './harness';

const STATUS_SELECTION = '[id="status.editor.selection"]';

/** Loads the workbench and answers the workspace trust dialog; resolves when the trust state shows. */
export async function openWorkbench(page: Page, url: string, trust: 'trust' | 'restrict'): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: T.long });
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: 'Do you trust the authors' });
  await dialog.waitFor({ state: 'visible', timeout: T.long });
  const answer = trust === 'trust' ? 'Yes, I trust the authors' : "No, I don't trust the authors";
  await dialog.getByRole('button', { name: answer, exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: T.short });
  const restricted = page.locator('.statusbar').getByText('Restricted Mode');
  if (trust === 'trust') await restricted.waitFor({ state: 'hidden', timeout: T.short });
  else await restricted.waitFor({ state: 'visible', timeout: T.short });
  await closeAllEditors(page);
}

/** The workbench swallows keys while it is still restoring; focusing the editor area first makes shortcuts land. */
async function focusWorkbench(page: Page): Promise<void> {
  const editor = page.locator('.editor-group-container.active .monaco-editor textarea').first();
  if (await visible(editor)) await editor.focus();
}

export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await until('no open editor tabs', async () => (await page.locator('.tabs-container .tab').count()) === 0, T.short);
}

/** F1, type the command's title, run the row whose label is exactly that title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await focusWorkbench(page);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    try { await input.waitFor({ state: 'visible', timeout: T.short }); break; } catch (e) {
      if (attempt >= 2) throw e; // the first F1 after load is sometimes eaten while the workbench restores
    }
  }
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }),
  }).first();
  try {
    await row.waitFor({ state: 'visible', timeout: T.normal });
  } catch (e) {
    const shown = await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts().catch(() => []);
    await page.keyboard.press('Escape');
    throw new Error(`command "${title}" is not in the palette (showing: ${JSON.stringify(shown.slice(0, 8))})`, { cause: e });
  }
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: T.short });
}

/** The labels the command palette offers for `query` (then closes it). */
export async function paletteCommands(page: Page, query: string): Promise<string[]> {
  await focusWorkbench(page);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    try { await input.waitFor({ state: 'visible', timeout: T.short }); break; } catch (e) { if (attempt >= 2) throw e; }
  }
  await input.fill(`>${query}`);
  const rows = page.locator('.quick-input-widget .monaco-list-row .label-name');
  // The palette filters synchronously once its command list is loaded; wait for a row or the "no matching" message.
  await until('the palette to list results', async () => (await rows.count()) > 0 ||
    (await page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '')).length > 0, T.short);
  const labels = (await rows.allInnerTexts()).map((t) => t.trim());
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden', timeout: T.short });
  return labels;
}

/** Clicks the code lens (in the active editor) whose text matches; returns its text. */
export async function clickCodeLens(page: Page, text: RegExp, timeout = T.normal): Promise<string> {
  const lens = page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a').filter({ hasText: text }).first();
  await lens.waitFor({ state: 'visible', timeout });
  const label = (await lens.innerText()).replace(/\u00a0/g, ' ');
  await lens.click();
  return label;
}

/** Ctrl+P, type the path, open the matching file; resolves when its tab is active and its text rendered. */
export async function quickOpen(page: Page, relPath: string): Promise<void> {
  await focusWorkbench(page);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const name = relPath.split('/').pop()!;
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+P');
    try { await input.waitFor({ state: 'visible', timeout: T.short }); break; } catch (e) { if (attempt >= 2) throw e; }
  }
  await input.fill(relPath);
  // Quick open searches the file index (ripgrep) asynchronously: wait for the row naming the file.
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(name)}$`) }),
  }).first();
  await row.waitFor({ state: 'visible', timeout: T.normal });
  // Click the row itself: Enter would pick the selected row, which can still be a stale (history) result.
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: T.short });
  await activeTab(page, name);
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/** Waits until the active editor tab is the named file. */
export async function activeTab(page: Page, name: string, timeout = T.normal): Promise<void> {
  await page.locator('.tabs-container .tab.active').filter({ hasText: name }).first().waitFor({ state: 'visible', timeout });
}

/** Ctrl+G to a 1-based line (column 1), as a person would; resolves when the status bar shows it. */
export async function gotoLine(page: Page, line: number, column?: number): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: T.short });
  // Ctrl+G opens quick open with a ':' prefix; filling replaces it, so it is typed again.
  await input.fill(column ? `:${line}:${column}` : `:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: T.short });
  await until(`the cursor on line ${line}`, async () => (await cursorLine(page)) === line, T.short);
}

export async function focusEditor(page: Page): Promise<void> {
  const ta = page.locator('.editor-group-container.active .monaco-editor textarea').first();
  await ta.focus();
}

/** Line number of the cursor as the status bar shows it ("Ln 12, Col 9"). */
export async function cursorLine(page: Page): Promise<number | undefined> {
  const text = await statusSelection(page);
  const m = /Ln (\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export async function statusSelection(page: Page): Promise<string> {
  return (await page.locator(STATUS_SELECTION).innerText({ timeout: T.short }).catch(() => '')).trim();
}

/** The 1-based number of the first line of `fileText` holding `needle`. */
export function lineOf(fileText: string, needle: string): number {
  const i = fileText.split(/\r?\n/).findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" is not in the file`);
  return i + 1;
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its locator. */
export async function openProblems(page: Page): Promise<Locator> {
  await focusWorkbench(page);
  const panel = page.locator('.markers-panel');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+Shift+M');
    try { await panel.waitFor({ state: 'visible', timeout: T.short }); break; } catch (e) { if (attempt >= 2) throw e; }
  }
  return panel;
}

/** Visible notification toasts' text. */
export async function notifications(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast').allInnerTexts().catch(() => []);
}

/** Text of the visible rows of the active terminal (xterm's DOM renderer). */
export async function terminalText(page: Page): Promise<string> {
  const rows = page.locator('.terminal-wrapper.active .xterm-rows, .terminal .xterm-rows');
  const texts = await rows.allInnerTexts().catch(() => []);
  return texts.join('\n').replace(/\u00a0/g, ' ');
}

/**
 * The whole scrollback of the active terminal, not just the rows in view: scrolls it to the top, then a page at a
 * time to the bottom (through the palette, so no key reaches the terminal's process), collecting the rows.
 */
export async function terminalAllText(page: Page): Promise<string> {
  await runCommand(page, 'Terminal: Scroll to Top');
  const seen: string[] = [];
  let previous = '';
  for (let i = 0; i < 20; i++) {
    const rows = (await terminalText(page)).split('\n');
    // Pages overlap: append only the rows after the longest overlap with what was collected so far.
    let overlap = Math.min(rows.length, seen.length);
    while (overlap > 0 && seen.slice(seen.length - overlap).join('\n') !== rows.slice(0, overlap).join('\n')) overlap--;
    seen.push(...rows.slice(overlap));
    const now = rows.join('\n');
    if (now === previous) break;
    previous = now;
    await runCommand(page, 'Terminal: Scroll Down (Page)');
  }
  return seen.join('\n');
}

/** Names of the terminal tabs in the panel's tabs list (needs `terminal.integrated.tabs.hideCondition: never`). */
export async function terminalTabs(page: Page): Promise<string[]> {
  const texts = await page.locator('.terminal-tabs-entry').allInnerTexts().catch(() => []);
  return texts.map((t) => t.replace(/\u00a0/g, ' ').trim());
}

/** The code lens texts currently rendered in the active editor. */
export async function codeLenses(page: Page): Promise<string[]> {
  const texts = await page.locator('.editor-group-container.active .monaco-editor .codelens-decoration').allInnerTexts().catch(() => []);
  return texts.map((t) => t.replace(/\u00a0/g, ' ').trim());
}

/**
 * Page coordinates of the middle of `needle` (its character at `offset`) inside the rendered editor line holding it:
 * monaco splits a line into token spans, so the text is located through a DOM Range over its text nodes.
 */
export async function pointInEditorText(page: Page, needle: string, offset: number): Promise<{ x: number; y: number }> {
  // A string, not a function: tsx's transform may add helpers to a function body that the page does not have.
  const p = await page.evaluate(`(() => {
    const needle = ${JSON.stringify(needle)};
    const lines = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')];
    for (const line of lines) {
      const text = (line.textContent || '').replace(/\u00a0/g, ' ');
      const at = text.indexOf(needle);
      if (at < 0) continue;
      let want = at + ${offset};
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = (n.textContent || '').length;
        if (want < len) {
          const range = document.createRange();
          range.setStart(n, want);
          range.setEnd(n, want + 1);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        want -= len;
      }
    }
    return null;
  })()`) as { x: number; y: number } | null;
  if (!p) throw new Error(`"${needle}" is not in the visible editor lines`);
  return p;
}

/** Whether a rendered document link (monaco's `.detected-link`) in the active editor contains `text`. */
export async function hasLink(page: Page, text: string): Promise<boolean> {
  return page.evaluate(`[...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .detected-link')]
    .some((e) => (e.textContent || '').includes(${JSON.stringify(text)}))`) as Promise<boolean>;
}

/**
 * Waits for a modal dialog or a notification toast with a button whose label matches, clicks that button and
 * returns the prompt's text (so the caller can check what was asked).
 */
export async function clickPromptButton(page: Page, label: RegExp, timeout = T.normal): Promise<string> {
  const button = page.locator('.monaco-button').filter({ hasText: label });
  const prompt = page.locator('.monaco-dialog-box, .notifications-toasts .notification-toast').filter({ has: button }).first();
  await prompt.waitFor({ state: 'visible', timeout });
  const text = (await prompt.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
  await prompt.locator('.monaco-button').filter({ hasText: label }).first().click();
  await sleep(100); // let the dialog close animation finish before the next one is looked for
  return text;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
