/**
 * The status bar item: the active certificate's status, or the active checklist's progress; hidden for any other
 * file. Refreshed when the active editor changes and, debounced, when its document changes.
 */
import * as vscode from 'vscode';
import type { ServerHandle } from './server-handle';
import { describe } from './status-text';

const DEBOUNCE_MS = 400;

export function registerStatusBar(server: ServerHandle): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('signoff.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Signoff';
  item.command = 'workbench.actions.view.problems';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const refresh = async () => {
    const editor = vscode.window.activeTextEditor;
    const mine = ++generation;
    if (!editor || editor.document.languageId !== 'markdown') {
      item.hide();
      return;
    }
    const info = await server.documentInfo(editor.document);
    if (mine !== generation) return; // a newer refresh is under way
    const shown = describe(info);
    if (!shown) {
      item.hide();
      return;
    }
    item.text = shown.text;
    item.tooltip = shown.tooltip;
    item.backgroundColor = shown.warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), DEBOUNCE_MS);
  };

  const subs: vscode.Disposable[] = [
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    // Any Markdown change, not only the active document's: a new editor's first edit can arrive before VS Code
    // reports it active, and the refresh always reads the active editor anyway.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'markdown' && e.contentChanges.length) later();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.languageId === 'markdown') later();
    }),
    // Run records and config changes alter what the server reports without an edit of this document.
    vscode.workspace.onDidSaveTextDocument(later),
    // A certificate's seal state comes from the last check: new diagnostics may change it.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) later();
    }),
    server.onDidChangeState(later),
  ];
  // A new run record changes a checklist's GO/NO-GO without any edit of the checklist.
  const runs = vscode.workspace.createFileSystemWatcher('**/.signoff/runs/*.json', false, true, true);
  subs.push(runs, runs.onDidCreate(later));
  void refresh();
  return vscode.Disposable.from(...subs, { dispose: () => timer && clearTimeout(timer) });
}
