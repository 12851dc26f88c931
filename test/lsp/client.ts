/**
 * A real LSP client for tests: spawns the bundled server (or the CLI's `lsp --stdio`) and talks JSON-RPC over its
 * stdio with vscode-jsonrpc. It answers the server's requests (configuration, registrations, progress) like an
 * editor would, and records diagnostics, log messages and progress.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

const REPO = join(__dirname, '..', '..');
export const SERVER = join(REPO, 'dist', 'server.js');
export const CLI = join(REPO, 'dist', 'cli.js');

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds the bundles when dist/server.js is missing or older than the sources (npm test builds first anyway). */
export function ensureBuilt(): void {
  const sources = Math.max(...['server', 'core', 'node', 'protocol', 'cli'].map((d) => newest(join(REPO, 'src', d))));
  if (existsSync(SERVER) && existsSync(CLI) && statSync(SERVER).mtimeMs >= sources && statSync(CLI).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

/** A temp workspace folder with the given files (paths relative, `/` separators). */
export function makeWorkspace(files: Record<string, string>): { root: string; uri: (rel: string) => string; write: (rel: string, text: string) => void; remove: (rel: string) => void; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'signoff-lsp-'));
  const write = (rel: string, text: string) => {
    const abs = join(root, ...rel.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return {
    root,
    uri: (rel) => URI.file(join(root, ...rel.split('/'))).toString(),
    write,
    remove: (rel) => rmSync(join(root, ...rel.split('/')), { force: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface TestClient {
  conn: MessageConnection;
  child: ChildProcess;
  init: InitializeResult;
  /** Latest diagnostics per URI. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Every publication per URI, in order. */
  history: Map<string, Diagnostic[][]>;
  logs: string[];
  progress: unknown[];
  registrations: { method: string; registerOptions?: unknown }[];
  /** What `workspace/configuration` answers for section `signoff` (per scope URI, else `default`). */
  settings: { default: unknown; byScope: Map<string, unknown> };
  configurationRequests: { scopeUri?: string; section?: string }[];
  open(uri: string, text: string, version?: number): void;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
  /** Resolves with the first diagnostics for `uri` that satisfy `accept` (including ones already received). */
  waitForDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  request<R>(method: string, params: unknown): Promise<R>;
  notify(method: string, params: unknown): void;
  stop(): Promise<void>;
  exited(): boolean;
}

export async function startClient(opts: { rootUri: string | null; folders?: string[]; command?: 'server' | 'cli'; settings?: unknown; capabilities?: Record<string, unknown>; initializationOptions?: unknown }): Promise<TestClient> {
  const args = opts.command === 'cli' ? [CLI, 'lsp', '--stdio'] : [SERVER, '--stdio'];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let exited = false;
  child.on('exit', () => { exited = true; });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  const history = new Map<string, Diagnostic[][]>();
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const logs: string[] = [];
  const progress: unknown[] = [];
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  const settings = { default: opts.settings ?? {}, byScope: new Map<string, unknown>() };
  const configurationRequests: { scopeUri?: string; section?: string }[] = [];

  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p.diagnostics);
    history.set(p.uri, [...(history.get(p.uri) ?? []), p.diagnostics]);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
  conn.onNotification('$/progress', (p: unknown) => { progress.push(p); });
  conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
    configurationRequests.push(...p.items);
    return p.items.map((i) => (i.scopeUri && settings.byScope.has(i.scopeUri) ? settings.byScope.get(i.scopeUri) : settings.default));
  });
  conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...p.registrations);
    return null;
  });
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.listen();

  const folders = opts.folders ?? (opts.rootUri ? [opts.rootUri] : []);
  const init = await conn.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: opts.rootUri,
    initializationOptions: opts.initializationOptions,
    workspaceFolders: folders.length ? folders.map((uri, i) => ({ uri, name: `f${i}` })) : null,
    capabilities: opts.capabilities ?? {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceFolders: true,
        workspaceEdit: { documentChanges: true },
        codeLens: { refreshSupport: true },
      },
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
    },
  });
  conn.sendNotification('initialized', {});

  return {
    conn,
    child,
    init,
    diagnostics,
    history,
    logs,
    progress,
    registrations,
    settings,
    configurationRequests,
    open: (uri, text, version = 1) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } }),
    change: (uri, version, changes) => conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes }),
    close: (uri) => conn.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    waitForDiagnostics: (uri, accept, timeoutMs = 10_000) => {
      const have = diagnostics.get(uri);
      if (have && accept(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const w = { uri, accept, resolve: (d: Diagnostic[]) => { clearTimeout(timer); resolve(d); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`timed out waiting for diagnostics on ${uri}; last: ${JSON.stringify(diagnostics.get(uri))}\nlogs: ${logs.join('\n')}\nstderr: ${stderr}`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    request: (method, params) => conn.sendRequest(method, params),
    notify: (method, params) => conn.sendNotification(method, params),
    exited: () => exited,
    stop: async () => {
      if (!exited) {
        try {
          await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
          conn.sendNotification('exit');
        } catch { /* already gone */ }
        await new Promise<void>((resolve) => {
          if (exited) return resolve();
          const t = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 3000);
          child.on('exit', () => { clearTimeout(t); resolve(); });
        });
      }
      conn.dispose();
    },
  };
}

/** Applies LSP text edits to a text (what an editor does with a WorkspaceEdit). */
export function applyLspEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') { starts.push(i + 2); i++; } else if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length));
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
