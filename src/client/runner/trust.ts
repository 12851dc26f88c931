/**
 * Nothing runs without trust. In Restricted Mode the commands refuse and say why; in a trusted workspace each
 * snippet is shown once, exactly, in a modal confirmation, and remembered (per workspace) by the sha-256 of its
 * language and code, so an edited snippet is asked about again.
 */
import * as vscode from 'vscode';
import { commandHash, sha256 } from '../../runner/index';

const APPROVED_KEY = 'signoff.approvedSnippets';
/** Hashes kept; the oldest are forgotten first (a snippet forgotten is only asked about again). */
const MAX_APPROVED = 2000;

export function snippetApprovalKey(lang: string, code: string): string {
  return sha256(`${lang.toLowerCase()}\n${commandHash(code)}`);
}

/** False (after saying why) when the workspace is in Restricted Mode. */
export async function requireTrust(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const pick = await vscode.window.showWarningMessage(
    `Signoff: ${what} is disabled in Restricted Mode: checklist snippets are commands, and this workspace is not trusted. Trust the workspace to run them.`,
    manage,
  );
  if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

export interface SnippetToConfirm {
  lang: string;
  code: string;
  /** Where it comes from, e.g. `release.md, Phase 1, "Say ok"`. */
  where: string;
}

/**
 * Asks, one modal at a time, for every snippet not confirmed before in this workspace. True when all are
 * confirmed; false at the first one declined (nothing runs then).
 */
export async function confirmSnippets(state: vscode.Memento, snippets: readonly SnippetToConfirm[]): Promise<boolean> {
  const approved = new Set(state.get<string[]>(APPROVED_KEY, []));
  const pending = snippets.filter((s, i) => {
    const key = snippetApprovalKey(s.lang, s.code);
    return !approved.has(key) && snippets.findIndex((o) => snippetApprovalKey(o.lang, o.code) === key) === i;
  });
  for (let i = 0; i < pending.length; i++) {
    const s = pending[i];
    const run = 'Run';
    const count = pending.length > 1 ? ` (${i + 1} of ${pending.length} not confirmed before)` : '';
    const pick = await vscode.window.showWarningMessage(
      `Run this ${s.lang || 'shell'} snippet from ${s.where}?${count}`,
      { modal: true, detail: s.code.replace(/\r\n?/g, '\n') },
      run,
    );
    if (pick !== run) return false;
    approved.add(snippetApprovalKey(s.lang, s.code));
    await state.update(APPROVED_KEY, [...approved].slice(-MAX_APPROVED));
  }
  return true;
}
