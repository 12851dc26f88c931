/**
 * Where run records go: the first run in a workspace says so and offers to keep `.signoff/runs/` out of git (a line
 * in `.gitignore`) or to keep the records committed as an audit trail. Setting `signoff.run.records`: `ask` (the
 * default: ask once per workspace), `gitignore` (add the line whenever it is missing), `commit` (never ask).
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { RUNS_FOLDER } from '../../protocol/index';

export const SETTING_RECORDS = 'run.records';
const ASKED_KEY = 'signoff.runRecordsAsked';
const LINE = `${RUNS_FOLDER}/`;

/** Whether this workspace was asked already (workspace state, not a setting). */
const wasAsked = (state: vscode.Memento) => state.get<boolean>(ASKED_KEY) === true;
const markAsked = (state: vscode.Memento) => state.update(ASKED_KEY, true);

export async function offerRecordsPlace(state: vscode.Memento, folder: vscode.WorkspaceFolder): Promise<void> {
  const mode = vscode.workspace.getConfiguration('signoff', folder.uri).get<string>(SETTING_RECORDS, 'ask');
  const root = folder.uri.fsPath;
  if (mode === 'commit') return;
  if (mode === 'gitignore') { await ensureIgnored(root); return; }
  if (wasAsked(state)) return;
  await markAsked(state);
  if (await isIgnored(root)) return;
  const ignore = 'Add to .gitignore';
  const keep = 'Keep committed';
  const pick = await vscode.window.showInformationMessage(
    `Signoff: run records go to ${LINE} in ${folder.name}. Keep them out of git, or commit them as an audit trail? (setting signoff.run.records)`,
    ignore,
    keep,
  );
  if (pick === ignore) await ensureIgnored(root);
}

async function isIgnored(root: string): Promise<boolean> {
  const text = await fsp.readFile(path.join(root, '.gitignore'), 'utf8').catch(() => '');
  return text.split(/\r?\n/).some((l) => [LINE, `/${LINE}`, RUNS_FOLDER, `/${RUNS_FOLDER}`, '.signoff/', '.signoff', '/.signoff/'].includes(l.trim()));
}

/** Appends the line to `.gitignore` (created when missing), in the file's own line endings. */
export async function ensureIgnored(root: string): Promise<void> {
  if (await isIgnored(root)) return;
  const file = path.join(root, '.gitignore');
  const text = await fsp.readFile(file, 'utf8').catch(() => '');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  await fsp.writeFile(file, `${text}${text && !text.endsWith('\n') ? eol : ''}${LINE}${eol}`);
}
