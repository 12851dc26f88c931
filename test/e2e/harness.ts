/**
 * The end-to-end harness: a real VS Code (the server build shipped in the `code-server` npm package) serving a
 * throw-away workspace on loopback, driven in Debian's Chromium by playwright-core. Everything here is bounded in
 * time: a hung VS Code fails the test (with a screenshot and the server log), it never hangs CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const REPO = resolve(__dirname, '..', '..');
export const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const CODE_SERVER_BIN = join(
  process.env.SIGNOFF_E2E_CACHE ?? join(homedir(), '.cache', 'signoff-e2e'),
  `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server',
);
export const CHROMIUM = process.env.SIGNOFF_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Set by run.mjs: the .vsix under test and a folder for this run's temp files and logs. */
export const VSIX = process.env.SIGNOFF_E2E_VSIX ?? '';
export const RUN_DIR = process.env.SIGNOFF_E2E_RUN_DIR ?? mkdtempSync(join(tmpdir(), 'signoff-e2e-'));

/** Upper bound of any single wait on the page; long enough for a cold language server on 2 busy cores. */
export const T = { short: 10_000, normal: 30_000, long: 60_000 };

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

function git(cwd: string, ...args: string[]): void {
  // Author and committer dates before the certificate's Date: the cited code has not drifted since it was signed.
  const env = { ...process.env, GIT_AUTHOR_DATE: '2025-03-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-03-01T00:00:00Z' };
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr || r.error}`);
}

/** Copies test/e2e/workspace-template to a fresh folder and makes it a git repository with one commit. */
export function makeWorkspace(name: string): string {
  const dir = join(RUN_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(REPO, 'test', 'e2e', 'workspace-template'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, '-c', 'user.name=Signoff E2E', '-c', 'user.email=e2e@signoff.invalid', 'add', '-A');
  git(dir, '-c', 'user.name=Signoff E2E', '-c', 'user.email=e2e@signoff.invalid', '-c', 'commit.gpgsign=false',
    'commit', '-q', '-m', 'e2e workspace');
  return dir;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'always',
  'security.workspace.trust.emptyWindow': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'files.autoSave': 'off',
  'workbench.editor.enablePreview': false,
  'editor.codeLens': true,
  'window.commandCenter': false,
  'terminal.integrated.enablePersistentSessions': false,
  'terminal.integrated.gpuAcceleration': 'off',
  // Show the terminal tabs list even with one terminal, so scenarios can count the tabs.
  'terminal.integrated.tabs.hideCondition': 'never',
};

/** A fresh user-data-dir (settings written) and extensions-dir with the .vsix installed. */
export function makeProfile(name: string): { userDataDir: string; extensionsDir: string } {
  const userDataDir = join(RUN_DIR, `${name}-user`);
  const extensionsDir = join(RUN_DIR, `${name}-ext`);
  rmSync(userDataDir, { recursive: true, force: true });
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  if (!VSIX) throw new Error('SIGNOFF_E2E_VSIX is not set: run the suite through `npm run test:e2e`');
  const r = spawnSync(CODE_SERVER_BIN, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', VSIX, '--force'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`installing ${VSIX} failed (${r.status ?? r.error}):\n${r.stdout}\n${r.stderr}`);
  return { userDataDir, extensionsDir };
}

export interface Server {
  url: string;
  port: number;
  logFile: string;
  log(): string;
  stop(): Promise<void>;
}

/** Starts code-server on a free loopback port in its own process group; resolves once it serves HTTP. */
export async function startCodeServer(name: string, folder: string, profile: { userDataDir: string; extensionsDir: string }): Promise<Server> {
  const port = await freePort();
  const logFile = join(RUN_DIR, `${name}-code-server.log`);
  const configFile = join(RUN_DIR, `${name}-config.yaml`);
  writeFileSync(configFile, ''); // keeps code-server away from ~/.config/code-server/config.yaml
  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(CODE_SERVER_BIN, [
    '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    folder,
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '' } });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited: string | undefined;
  child.on('exit', (code, sig) => { exited = `code-server exited (${code ?? sig})`; });
  const stop = async (): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const t = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
    await Promise.race([gone, new Promise((r) => setTimeout(r, 8_000))]);
    clearTimeout(t);
    // Extension host and language server children share the group; make sure none outlives the test.
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  };
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  const server: Server = { url, port, logFile, log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''), stop };
  const deadline = Date.now() + T.long;
  for (;;) {
    if (exited) { await stop(); throw new Error(`${exited} before serving; log:\n${server.log()}`); }
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server did not serve within ${T.long} ms; log:\n${server.log()}`); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return server;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set SIGNOFF_E2E_CHROMIUM)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true, timeout: T.normal });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(T.normal);
  page.setDefaultNavigationTimeout(T.long);
  return page;
}

let shotCounter = 0;
let shotPrefix = 'e2e';
/** Names this process's screenshots (one scenario file = one process = one prefix). */
export function setScreenshotPrefix(prefix: string): void { shotPrefix = prefix; }
/** Saves a 1280x800 PNG into test/e2e/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${shotPrefix}-${String(++shotCounter).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, timeout: T.short }).catch((e: unknown) => console.error(`screenshot ${name} failed: ${String(e)}`));
  return file;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value or the time is up (then throws with `what`). */
export async function until<V>(what: string, probe: () => Promise<V | undefined | false | null>, timeout = T.normal): Promise<V> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) { last = e; }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(200);
  }
}

export const isMac = false;

/** The text of the rendered editor lines (monaco renders only what is in view; non-breaking spaces normalised). */
export async function editorText(page: Page): Promise<string> {
  const lines = await editorLines(page);
  return [...lines.keys()].sort((a, b) => a - b).map((n) => lines.get(n)).join('\n');
}

/**
 * The rendered lines of the active editor by 1-based line number. Monaco positions line divs absolutely and the
 * line numbers live in a separate margin, so the two are paired by their `top`.
 */
export async function editorLines(page: Page): Promise<Map<number, string>> {
  // A string, not a function: tsx's transform may add helpers to a function body that the page does not have.
  const pairs = await page.evaluate(`(() => {
    const ed = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!ed) return [];
    const byTop = new Map();
    for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
      const row = n.closest('.margin-view-overlays > div');
      if (row) byTop.set(row.style.top, Number((n.textContent || '').trim()));
    }
    const out = [];
    for (const l of ed.querySelectorAll('.view-lines .view-line')) {
      const num = byTop.get(l.style.top);
      if (num) out.push([num, (l.textContent || '').replace(/\u00a0/g, ' ')]);
    }
    return out;
  })()`) as [number, string][];
  return new Map(pairs);
}

export function visible(l: Locator): Promise<boolean> {
  return l.isVisible().catch(() => false);
}
