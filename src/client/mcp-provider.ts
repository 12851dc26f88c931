/**
 * Agent mode finds Signoff's MCP server (`signoff mcp`, docs/agents.md) without configuration: where the running
 * VS Code offers `vscode.lm.registerMcpServerDefinitionProvider` as a finalised API (1.101 and later), the bundled
 * CLI is published as one stdio server per workspace folder. Detected at run time and typed loosely here:
 * engines.vscode stays ^1.100.0, whose typings have none of it. VS Code 1.100 has the function too, but as a
 * proposed API under another contribution point (it throws for an extension like this one, as the end-to-end test
 * on 1.100.3 showed): there this registers nothing.
 *
 * Only in a trusted workspace: the server runs git on the folder (evidence drift), which Restricted Mode never
 * does. It is read-only (no --allow-write): writes stay with the editor's own commands.
 */
import type * as vscode from 'vscode';

export const MCP_PROVIDER_ID = 'signoff.mcp';

/** What VS Code starts for one folder: `node dist/cli.js mcp --root <folder>` with the editor's own Node. */
export interface McpServerSpec {
  label: string;
  command: string;
  args: string[];
  cwd: vscode.Uri;
  env: Record<string, string>;
  version: string;
}

type Definition = { cwd?: vscode.Uri };

/** The first VS Code with the API finalised. */
export const MCP_API_SINCE = [1, 101] as const;

/** The part of the VS Code API this needs; `lm.registerMcpServerDefinitionProvider` and the class are 1.101's. */
export interface McpApi {
  version: string;
  lm?: {
    registerMcpServerDefinitionProvider?: (id: string, provider: {
      onDidChangeMcpServerDefinitions?: vscode.Event<void>;
      provideMcpServerDefinitions: () => Definition[];
    }) => vscode.Disposable;
  };
  McpStdioServerDefinition?: new (label: string, command: string, args?: string[], env?: Record<string, string>, version?: string) => Definition;
  EventEmitter: typeof vscode.EventEmitter;
  workspace: Pick<typeof vscode.workspace, 'workspaceFolders' | 'isTrusted' | 'onDidChangeWorkspaceFolders' | 'onDidGrantWorkspaceTrust'>;
}

export function mcpServerSpecs(folders: readonly { uri: vscode.Uri; name: string }[], cliPath: string, execPath: string, version: string): McpServerSpec[] {
  return folders.filter((f) => f.uri.scheme === 'file').map((f) => ({
    label: folders.length > 1 ? `Signoff (${f.name})` : 'Signoff',
    command: execPath,
    args: [cliPath, 'mcp', '--root', f.uri.fsPath],
    cwd: f.uri,
    // The editor's executable runs the script as plain Node (VS Code's own is Electron).
    env: { ELECTRON_RUN_AS_NODE: '1' },
    version,
  }));
}

/** True for `1.101.0`, `1.102.0-insider` and later; false for 1.100 and anything unreadable. */
export function hasFinalMcpApi(version: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > MCP_API_SINCE[0] || (major === MCP_API_SINCE[0] && minor >= MCP_API_SINCE[1]);
}

/** Registers the provider when the finalised API exists; nothing (and no error) on older VS Code. */
export function registerMcpServer(api: McpApi, cliPath: string, version: string): vscode.Disposable[] {
  const register = api.lm?.registerMcpServerDefinitionProvider;
  const Definition = api.McpStdioServerDefinition;
  if (!hasFinalMcpApi(api.version) || typeof register !== 'function' || typeof Definition !== 'function') return [];
  const changed = new api.EventEmitter<void>();
  const provider = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => {
      if (!api.workspace.isTrusted) return [];
      return mcpServerSpecs(api.workspace.workspaceFolders ?? [], cliPath, process.execPath, version).map((s) => {
        const d = new Definition(s.label, s.command, s.args, s.env, s.version);
        d.cwd = s.cwd;
        return d;
      });
    },
  };
  return [
    changed,
    register.call(api.lm, MCP_PROVIDER_ID, provider),
    api.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    api.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
  ];
}
