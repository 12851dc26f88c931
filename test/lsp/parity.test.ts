/**
 * One engine, one answer: for each document D of a fixture workspace (test/fixtures/parity), a fresh language
 * server over stdio with D opened first publishes, for every document, exactly what `signoff check --format json`
 * reports (rule, line, column, severity, message); and again after a cited file is created, deleted and renamed,
 * and after a second certificate takes an existing Certificate ID. While the server starts, a document may show
 * fewer findings than the CLI (its document-only ones) but never one the CLI does not report: no verdict is made
 * against a partial workspace.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { runCli } from '../helpers/cli';
import { ensureBuilt, startClient, type TestClient } from './client';

const FIXTURE = join(__dirname, '..', 'fixtures', 'parity');
const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

interface CliFile { path: string; findings: { ruleId: string; severity: string; message: string; line: number; column: number }[] }

function markdownFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...markdownFiles(root, abs));
    else if (name.endsWith('.md')) out.push(relative(root, abs).split(sep).join('/'));
  }
  return out.sort();
}

/** What the CLI says, per workspace path: one sorted line per finding. */
function cliAnswer(root: string): Map<string, string[]> {
  const r = runCli(['check', '--root', root, '--format', 'json']);
  assert.ok(r.code === 0 || r.code === 1, `check failed: ${r.stderr}`);
  const out = new Map<string, string[]>();
  for (const f of (JSON.parse(r.stdout) as { files: CliFile[] }).files) {
    out.set(f.path, f.findings.map((x) => `${x.line}:${x.column} ${x.severity} ${x.ruleId}: ${x.message}`).sort());
  }
  return out;
}

function lspLines(diagnostics: Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${String(d.code)}: ${d.message}`).sort();
}

class Workspace {
  readonly root = mkdtempSync(join(tmpdir(), 'signoff-parity-'));
  constructor() { cpSync(FIXTURE, this.root, { recursive: true }); }
  uri(rel: string): string { return URI.file(join(this.root, ...rel.split('/'))).toString(); }
  abs(rel: string): string { return join(this.root, ...rel.split('/')); }
  write(rel: string, text: string): void { mkdirSync(dirname(this.abs(rel)), { recursive: true }); writeFileSync(this.abs(rel), text); }
  dispose(): void { rmSync(this.root, { recursive: true, force: true }); }
}

/**
 * Waits until the server's latest diagnostics of every Markdown file equal the CLI's findings. `strict`: every
 * publication seen meanwhile must be a subset of the CLI's answer for its document.
 */
async function converges(c: TestClient, ws: Workspace, expected: Map<string, string[]>, strict: boolean, what: string): Promise<void> {
  const paths = markdownFiles(ws.root);
  const deadline = Date.now() + 10_000;
  let diff = '';
  for (;;) {
    diff = '';
    for (const p of paths) {
      const want = expected.get(p) ?? [];
      const got = lspLines(c.diagnostics.get(ws.uri(p)));
      if (JSON.stringify(want) !== JSON.stringify(got)) diff += `\n${p}:\n  cli: ${JSON.stringify(want, null, 1)}\n  lsp: ${JSON.stringify(got, null, 1)}`;
    }
    if (!diff) break;
    if (Date.now() > deadline) assert.fail(`${what}: the server's diagnostics differ from signoff check's:${diff}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const [uri, lists] of strict ? c.history : []) {
    const p = relative(ws.root, URI.parse(uri).fsPath).split(sep).join('/');
    const want = new Set(expected.get(p) ?? []);
    for (const list of lists) {
      const extra = lspLines(list).filter((x) => !want.has(x));
      assert.deepEqual(extra, [], `${what}: ${p} was shown a finding signoff check does not report (checked against a partial workspace?)`);
    }
  }
}

const documents = markdownFiles(FIXTURE).filter((p) => !p.startsWith('docs/'));

describe('editor and CI agree', () => {
  before(() => ensureBuilt());

  for (const first of documents) {
    describe(`${first} opened first`, () => {
      let ws: Workspace;
      let c: TestClient;

      before(async () => {
        ws = new Workspace();
        c = await startClient({ rootUri: ws.uri('') });
        // Opened right after `initialized`, before the server has listed or indexed anything.
        c.open(ws.uri(first), readFileSync(ws.abs(first), 'utf8'));
      });
      after(async () => {
        await c?.stop();
        ws?.dispose();
      });

      const events = (changes: { rel: string; type: 1 | 2 | 3 }[]) =>
        c.notify('workspace/didChangeWatchedFiles', { changes: changes.map((x) => ({ uri: ws.uri(x.rel), type: x.type })) });

      test('at startup', async () => {
        await converges(c, ws, cliAnswer(ws.root), true, 'startup');
      });

      test('after a cited file is created', async () => {
        ws.write('lib/util.py', 'SETTING = 1\n');
        events([{ rel: 'lib/util.py', type: 1 }]);
        await converges(c, ws, cliAnswer(ws.root), false, 'created lib/util.py');
      });

      test('after a cited file is deleted', async () => {
        rmSync(ws.abs('src/app.py'));
        events([{ rel: 'src/app.py', type: 3 }]);
        await converges(c, ws, cliAnswer(ws.root), false, 'deleted src/app.py');
      });

      test('after a cited file is renamed', async () => {
        renameSync(ws.abs('src/a/helpers.py'), ws.abs('src/a/helper_one.py'));
        events([{ rel: 'src/a/helpers.py', type: 3 }, { rel: 'src/a/helper_one.py', type: 1 }]);
        await converges(c, ws, cliAnswer(ws.root), false, 'renamed src/a/helpers.py');
      });

      test('after a second certificate takes an existing Certificate ID', async () => {
        ws.write('certs/beta_copy.md', readFileSync(ws.abs('certs/beta.md'), 'utf8').replace('# BETA SERVICE', '# BETA COPY SERVICE'));
        events([{ rel: 'certs/beta_copy.md', type: 1 }]);
        await converges(c, ws, cliAnswer(ws.root), false, 'certs/beta_copy.md takes BETA-20250401-010203');
      });
    });
  }
});
