/** `signoff.toggleTask` (Alt+C): the task at each cursor, or every task starting in each selection. */
import * as vscode from 'vscode';
import { allTasks, tasksInSelections, toggleEdits } from '../../protocol/checkboxes';
import type { ServerHandle } from '../server-handle';
import { editCheckboxes, markdownEditor, notAChecklist } from './checkbox-edit';

export const TOGGLE_TASK = 'signoff.toggleTask';

export function registerToggleTask(server: ServerHandle): vscode.Disposable {
  return vscode.commands.registerCommand(TOGGLE_TASK, async () => {
    const editor = markdownEditor();
    if (!editor) return;
    await editCheckboxes(server, editor, (info) => {
      if (notAChecklist(info)) return undefined;
      const tasks = tasksInSelections(allTasks(info), editor.selections.map((s) => ({ start: s.start, end: s.end, active: s.active, empty: s.isEmpty })));
      if (!tasks.length) {
        vscode.window.setStatusBarMessage('Signoff: no task at the cursor', 3000);
        return [];
      }
      return toggleEdits(tasks);
    });
  });
}
