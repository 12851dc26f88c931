/** Run inputs in the editor (see docs/runs.md "Run inputs"). */
import * as vscode from 'vscode';
import { SECRET_NAME } from '../../runner/index';

/**
 * Run inputs for the editor: each one the run needs comes from what this workspace remembers, else the
 * environment, else an input box (a password box for secret-like names). Values typed are remembered per workspace
 * (secret-like ones in the editor's secret storage). An input left empty with Escape stays unset: the tasks that
 * need it fail without running.
 */
export async function askInputs(context: vscode.ExtensionContext, names: readonly string[], root: string): Promise<Record<string, string>> {
  const KEY = 'signoff.runInputs';
  const remembered = context.workspaceState.get<Record<string, string>>(KEY, {});
  const values: Record<string, string> = {};
  for (const name of names) {
    const secret = SECRET_NAME.test(name);
    const secretKey = `signoff.runInput:${root}:${name}`;
    const known = secret ? await context.secrets.get(secretKey) : remembered[name];
    const value = known ?? process.env[name] ?? await vscode.window.showInputBox({
      title: `Signoff: run input ${name}`,
      prompt: `The checklist needs ${name} (passed to its snippets as the environment variable ${name}; remembered for this workspace).`,
      password: secret,
      ignoreFocusOut: true,
    });
    if (value === undefined) continue;
    values[name] = value;
    if (known !== undefined) continue;
    if (secret) await context.secrets.store(secretKey, value);
    else await context.workspaceState.update(KEY, { ...context.workspaceState.get<Record<string, string>>(KEY, {}), [name]: value });
  }
  return values;
}
