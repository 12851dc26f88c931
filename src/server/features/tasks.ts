/**
 * Checklist edits for every LSP client: the server's own commands (toggle task, check/uncheck all in phase) and
 * "Check task"/"Uncheck task" as a code action on task lines (Helix has no code lenses). The edits change only the
 * `[ ]`/`[x]` characters, computed from the document's current text (documentInfo), as the VS Code commands do.
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { phaseAtLine, setEdits, taskAtLine, tasksInSelections, toggleEdits, allTasks, type CheckboxEdit } from '../../protocol/checkboxes';
import { SERVER_COMMAND_CHECK_PHASE, SERVER_COMMAND_TOGGLE_TASK, SERVER_COMMAND_UNCHECK_PHASE, type DocumentInfo } from '../../protocol/index';

export const TOGGLE_TASK_KIND = `${CodeActionKind.RefactorRewrite}.signoff.toggleTask`;

/**
 * The edits a server command makes (none when the line holds no task or phase: nothing to do there), or a sentence
 * saying why the request itself is wrong (the caller answers it with an InvalidParams error).
 */
export function commandEdits(info: DocumentInfo, command: string, target: unknown): CheckboxEdit[] | string {
  if (info.kind !== 'checklist') return 'not a checklist';
  const line = typeof target === 'number' ? target : undefined;
  if (command === SERVER_COMMAND_TOGGLE_TASK) {
    if (line === undefined) return 'toggleTask takes [uri, line]';
    const task = taskAtLine(allTasks(info), line);
    return task ? toggleEdits([task]) : [];
  }
  const checked = command === SERVER_COMMAND_CHECK_PHASE;
  if (!checked && command !== SERVER_COMMAND_UNCHECK_PHASE) return `unknown command ${command}`;
  const number = (target as { phase?: unknown } | undefined)?.phase;
  const phase = typeof number === 'number' ? info.phases?.find((p) => p.number === number) : line !== undefined ? phaseAtLine(info, line) : undefined;
  if (!phase) return typeof number === 'number' ? `no Phase ${number}` : line !== undefined ? [] : 'checkPhase and uncheckPhase take [uri, line] or [uri, { phase }]';
  return setEdits(phase.tasks, checked);
}

export function workspaceEdit(uri: string, version: number, edits: readonly CheckboxEdit[], documentChanges: boolean): WorkspaceEdit {
  const textEdits: TextEdit[] = edits.map((e) => ({ range: e.range, newText: e.text }));
  return documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits: textEdits }] } : { changes: { [uri]: textEdits } };
}

/** "Check task" / "Uncheck task" on the tasks the range designates (a cursor: the task it is in). */
export function taskActions(info: DocumentInfo, range: Range, only: string[] | undefined, edit: (edits: CheckboxEdit[]) => WorkspaceEdit): CodeAction[] {
  if (info.kind !== 'checklist') return [];
  if (only && !only.some((o) => TOGGLE_TASK_KIND === o || TOGGLE_TASK_KIND.startsWith(o + '.'))) return [];
  const empty = range.start.line === range.end.line && range.start.character === range.end.character;
  const tasks = tasksInSelections(allTasks(info), [{ start: range.start, end: range.end, active: range.start, empty }]);
  if (!tasks.length) return [];
  const edits = toggleEdits(tasks);
  const checking = edits.some((e) => e.text === '[x]');
  const what = tasks.length === 1 ? 'task' : `${tasks.length} tasks`;
  return [{ title: `${checking ? 'Check' : 'Uncheck'} ${what}`, kind: TOGGLE_TASK_KIND, edit: edit(edits) }];
}
