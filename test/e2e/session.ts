/**
 * One VS Code session for a scenario file: a fresh workspace (git repository), a fresh profile with the .vsix
 * installed, code-server on a free loopback port, Chromium on the workbench with the trust dialog answered.
 * `scenario()` wraps node:test's `test()` so that a failure leaves a screenshot and the server log's tail.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { REPO, launchBrowser, makeProfile, makeWorkspace, newPage, screenshot, setScreenshotPrefix, startCodeServer, type Server } from './harness';
import { openWorkbench } from './workbench';

export const CERT = 'docs/reviews/agents/code-reviewer/ledger_review_20250304_101500.md';
export const CHECKLIST = 'docs/checklists/release-checklist.md';

export interface Session {
  page: Page;
  server: Server;
  workspace: string;
  /** The file's text in the workspace on disk. */
  read(rel: string): string;
}

/**
 * Registers before/after hooks that bring a session up (trusted or not) and always tear it down. The returned
 * object is filled in by `before`; scenarios use it only inside their bodies.
 */
export function useSession(name: string, trust: 'trust' | 'restrict'): Session {
  const s = {} as Session;
  let browser: Browser | undefined;
  setScreenshotPrefix(name);
  before(async () => {
    s.workspace = makeWorkspace(`${name}-ws`);
    s.read = (rel) => readFileSync(join(s.workspace, rel), 'utf8');
    const profile = makeProfile(name);
    s.server = await startCodeServer(name, s.workspace, profile);
    try {
      browser = await launchBrowser();
      s.page = await newPage(browser);
      await openWorkbench(s.page, s.server.url, trust);
      await screenshot(s.page, 'workbench');
    } catch (e) {
      if (s.page) await screenshot(s.page, 'FAILED-startup');
      console.error(logTail(s.server));
      throw e;
    }
  }, { timeout: 180_000 });
  after(async () => {
    await browser?.close().catch(() => undefined);
    await s.server?.stop();
  }, { timeout: 30_000 });
  return s;
}

/** A node:test test with a time bound; on failure: a screenshot named after it and the code-server log's tail. */
export function scenario(s: Session, title: string, fn: () => Promise<void>, timeout = 120_000): void {
  test(title, { timeout }, async () => {
    if (!s.page) throw new Error('the VS Code session did not start (see the before hook failure)');
    try {
      await fn();
    } catch (e) {
      const shot = await screenshot(s.page, `FAILED-${title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`);
      console.error(`screenshot: ${shot}\n${logTail(s.server)}`);
      throw e;
    }
  });
}

function logTail(server: Server | undefined): string {
  if (!server) return '';
  const lines = server.log().split('\n');
  return `--- code-server log (${server.logFile}), last 40 lines ---\n${lines.slice(-40).join('\n')}`;
}

/** Rule ids the real CLI reports for one workspace file: the editor must show the same. */
export function cliRuleIds(workspace: string, rel: string): string[] {
  const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', '--root', workspace, '--format', 'json', rel],
    { cwd: workspace, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`signoff check failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
  return [...new Set(out.files.filter((f) => f.path === rel).flatMap((f) => f.findings.map((x) => x.ruleId)))].sort();
}
