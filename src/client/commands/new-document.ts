/**
 * `signoff.newCertificate` / `signoff.newChecklist`: an untitled Markdown document from a template with Date,
 * Certificate ID and Agent filled in, inserted as a snippet so Tab walks through what is left to write.
 */
import * as vscode from 'vscode';
import { userInfo } from 'node:os';
import { certificateTemplate, checklistTemplate, cleanAgent } from '../../protocol/templates';

export const NEW_CERTIFICATE = 'signoff.newCertificate';
export const NEW_CHECKLIST = 'signoff.newChecklist';

export function registerNewDocumentCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(NEW_CERTIFICATE, () => newDocument(certificateTemplate)),
    vscode.commands.registerCommand(NEW_CHECKLIST, () => newDocument(checklistTemplate)),
  ];
}

async function newDocument(template: (agent: string, now: Date) => string): Promise<void> {
  const agent = await agentName();
  if (agent === undefined) return;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(template(agent, new Date())), new vscode.Position(0, 0));
}

/** `signoff.defaultAgent`, else ask (pre-filled with the OS user name); undefined when the user cancels. */
async function agentName(): Promise<string | undefined> {
  const configured = cleanAgent(vscode.workspace.getConfiguration('signoff').get<string>('defaultAgent', ''));
  if (configured) return configured;
  let fallback = '';
  try { fallback = userInfo().username; } catch { /* no user entry (containers): leave it empty */ }
  const answer = await vscode.window.showInputBox({
    title: 'Agent',
    prompt: 'Who signs this document (set signoff.defaultAgent to skip this question)',
    value: fallback,
    validateInput: (v) => (cleanAgent(v) ? undefined : 'The agent name cannot be empty'),
  });
  return answer === undefined ? undefined : cleanAgent(answer);
}
