/**
 * Which checkboxes a checklist command changes, and to what. Pure functions of the protocol's types (no `vscode`,
 * no core), shared by the VS Code client's commands (one `editor.edit` call, one undo step) and the server's
 * executeCommand and code actions for other editors (one `workspace/applyEdit`).
 */
import type { DocumentInfo, LspRange, PhaseInfo, TaskInfo } from './index';

/** A selection in 0-based lines; `empty` is a bare cursor at `active`. */
export interface LineSelection {
  start: { line: number; character: number };
  end: { line: number; character: number };
  active: { line: number; character: number };
  empty: boolean;
}

export interface CheckboxEdit {
  range: LspRange;
  text: '[x]' | '[ ]';
}

/** Every task of the document, in phases and outside them, in document order. */
export function allTasks(info: DocumentInfo): TaskInfo[] {
  const tasks = [...(info.looseTasks ?? []), ...(info.phases ?? []).flatMap((p) => p.tasks)];
  return tasks.sort((a, b) => a.line - b.line);
}

/** The innermost task whose item spans `line` (nested items share their parent's lines). */
export function taskAtLine(tasks: readonly TaskInfo[], line: number): TaskInfo | undefined {
  let best: TaskInfo | undefined;
  for (const t of tasks) if (t.line <= line && line <= t.endLine && (!best || t.line > best.line)) best = t;
  return best;
}

/**
 * The tasks the selections designate: for a cursor, the task it sits in; for a range, every task whose first line
 * is inside it (a range ending at column 0 of a later line does not include that line, as in line-wise selections).
 * A range that starts no task (e.g. inside a snippet) designates the task it sits in.
 */
export function tasksInSelections(tasks: readonly TaskInfo[], selections: readonly LineSelection[]): TaskInfo[] {
  const picked = new Set<TaskInfo>();
  for (const s of selections) {
    if (s.empty) {
      const t = taskAtLine(tasks, s.active.line);
      if (t) picked.add(t);
      continue;
    }
    const last = s.end.character === 0 && s.end.line > s.start.line ? s.end.line - 1 : s.end.line;
    const inside = tasks.filter((t) => t.line >= s.start.line && t.line <= last);
    if (inside.length) inside.forEach((t) => picked.add(t));
    else {
      const t = taskAtLine(tasks, s.start.line);
      if (t) picked.add(t);
    }
  }
  return [...picked].sort((a, b) => a.line - b.line);
}

/** Toggle: a mix (or all unchecked) becomes checked; only when every task is checked do they all become unchecked. */
export function toggleEdits(tasks: readonly TaskInfo[]): CheckboxEdit[] {
  const target = !tasks.every((t) => t.checked);
  return setEdits(tasks, target);
}

/** Edits that bring every task to `checked`; tasks already there are left alone (an `[X]` stays as written). */
export function setEdits(tasks: readonly TaskInfo[], checked: boolean): CheckboxEdit[] {
  return tasks.filter((t) => t.checked !== checked).map((t) => ({ range: t.checkboxRange, text: checked ? '[x]' : '[ ]' }));
}

/** The phase whose heading..end spans `line`. */
export function phaseAtLine(info: DocumentInfo, line: number): PhaseInfo | undefined {
  return (info.phases ?? []).find((p) => p.headingRange.start.line <= line && line <= p.endLine);
}

/** True when `text` (the document's text at a checkbox range) is still a checkbox: guards against a stale answer. */
export function isCheckbox(text: string): boolean {
  return /^\[[ xX]\]$/.test(text);
}
