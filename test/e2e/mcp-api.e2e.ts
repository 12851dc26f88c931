/**
 * The MCP server registration where VS Code has no finalised MCP API: code-server 4.100.3 is VS Code 1.100.3, the
 * oldest version engines.vscode allows, whose `vscode.lm.registerMcpServerDefinitionProvider` is still a proposed
 * API that throws for this extension. Activation carries on: the extension's log says the server is not registered
 * (and nothing failed), and the Problems panel fills.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_DIR, T, screenshot, until } from './harness';
import { CERT, cliRuleIds, scenario, useSession } from './session';
import { openProblems } from './workbench';
import { waitForRuleIds } from './problems';

const NAME = 'mcp-api';
const s = useSession(NAME, 'trust');

/** The extension's "Signoff" log channel as written to disk under the profile's logs folder. */
function signoffLog(): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { return; }
    for (const n of names) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n === 'Signoff.log') found.push(p);
    }
  };
  walk(join(RUN_DIR, `${NAME}-user`, 'logs'));
  return found.map((p) => readFileSync(p, 'utf8')).join('\n');
}

scenario(s, 'no finalised MCP API (VS Code 1.100): activation goes on, nothing is registered, diagnostics arrive', async () => {
  const expected = cliRuleIds(s.workspace, CERT);
  assert.ok(expected.length > 0, 'the CLI reports something to wait for');
  const panel = await openProblems(s.page);
  await waitForRuleIds(s.page, panel, expected, 90_000);
  await screenshot(s.page, 'mcp-api-problems');
  let log = '';
  await until('the Signoff log on disk', async () => /MCP server/.test((log = signoffLog())), T.normal);
  assert.match(log, /activated in/);
  assert.match(log, /VS Code 1\.100\.\d+ has no MCP server API \(1\.101\+\): the MCP server is not registered/);
  assert.doesNotMatch(log, /could not be registered|failed to activate|\[error\]/);
}, 150_000);
