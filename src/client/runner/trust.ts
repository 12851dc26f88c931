/**
 * Nothing runs without trust. In Restricted Mode the commands refuse and say why; in a trusted workspace one modal
 * confirmation per run lists every snippet not confirmed before, exactly, with "Run all" and "Choose…" (a pick per
 * command). Confirmed snippets are remembered (per workspace) by the sha-256 of their language and code, so an edited
 * snippet is asked about again; snippets left out run neither now nor without asking next time.
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

/** What the person chose: every snippet to run, or some of them (the others are declined for this run). */
export interface Confirmation {
  /** Approval keys (snippetApprovalKey) of snippets declined in this run. */
  declined: Set<string>;
}

/**
 * One modal for every snippet of the run not confirmed before in this workspace: "Run all" runs them, "Choose…"
 * offers a pick per command (the picked ones are remembered, the others declined for this run). Undefined when the
 * person cancels (nothing runs then).
 */
export async function confirmSnippets(state: vscode.Memento, snippets: readonly SnippetToConfirm[]): Promise<Confirmation | undefined> {
  const approved = new Set(state.get<string[]>(APPROVED_KEY, []));
  const pending = snippets.filter((s, i) => {
    const key = snippetApprovalKey(s.lang, s.code);
    return !approved.has(key) && snippets.findIndex((o) => snippetApprovalKey(o.lang, o.code) === key) === i;
  });
  if (!pending.length) return { declined: new Set() };
  const runAll = 'Run all';
  const choose = 'Choose…';
  const n = pending.length;
  const detail = pending.map((s, i) => `${i + 1}. ${s.where} (${s.lang || 'shell'}):\n${indent(s.code.replace(/\r\n?/g, '\n').replace(/\n+$/, ''))}`).join('\n\n');
  const pick = await vscode.window.showWarningMessage(
    n === 1 ? `Run this ${pending[0].lang || 'shell'} snippet from ${pending[0].where}?` : `Run these ${n} snippets? None of them was confirmed before in this workspace.`,
    { modal: true, detail },
    runAll,
    ...(n > 1 ? [choose] : []),
  );
  let chosen: SnippetToConfirm[];
  if (pick === runAll) chosen = pending;
  else if (pick === choose) {
    const items = pending.map((s) => ({ label: s.where, detail: s.code.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim()).join(' ⏎ ').slice(0, 200), picked: true, s }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Signoff: which snippets may run?', placeHolder: 'Unpicked snippets are not run this time (their tasks wait for a person)' });
    if (!picked) return undefined;
    chosen = picked.map((p) => p.s);
  } else return undefined;
  for (const s of chosen) approved.add(snippetApprovalKey(s.lang, s.code));
  await state.update(APPROVED_KEY, [...approved].slice(-MAX_APPROVED));
  const declined = new Set(pending.filter((s) => !chosen.includes(s)).map((s) => snippetApprovalKey(s.lang, s.code)));
  return { declined };
}

function indent(code: string): string {
  return code.split('\n').map((l) => `    ${l}`).join('\n');
}
