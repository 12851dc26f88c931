/** `signoff.checkAllInPhase` / `signoff.uncheckAllInPhase`: the phase at the cursor, else one picked from a list. */
import * as vscode from 'vscode';
import type { DocumentInfo, PhaseInfo } from '../../protocol/index';
import { phaseAtLine, setEdits } from '../../protocol/checkboxes';
import type { ServerHandle } from '../server-handle';
import { editCheckboxes, markdownEditor, notAChecklist } from './checkbox-edit';

export const CHECK_ALL_IN_PHASE = 'signoff.checkAllInPhase';
export const UNCHECK_ALL_IN_PHASE = 'signoff.uncheckAllInPhase';

export function registerPhaseCommands(server: ServerHandle): vscode.Disposable[] {
  const make = (checked: boolean) => async (uri?: unknown, phaseNumber?: unknown) => {
    const editor = markdownEditor();
    if (!editor) return;
    await editCheckboxes(server, editor, async (info) => {
      if (notAChecklist(info)) return undefined;
      // Code lenses and menus may pass [uri, phase]; otherwise use the cursor, then ask.
      const given = typeof phaseNumber === 'number' && String(uri) === editor.document.uri.toString()
        ? info.phases?.find((p) => p.number === phaseNumber) : undefined;
      const phase = given ?? phaseAtLine(info, editor.selection.active.line) ?? (await pickPhase(info, checked));
      return phase ? setEdits(phase.tasks, checked) : undefined;
    });
  };
  return [
    vscode.commands.registerCommand(CHECK_ALL_IN_PHASE, make(true)),
    vscode.commands.registerCommand(UNCHECK_ALL_IN_PHASE, make(false)),
  ];
}

async function pickPhase(info: DocumentInfo, checked: boolean): Promise<PhaseInfo | undefined> {
  const phases = info.phases ?? [];
  if (!phases.length) {
    void vscode.window.showInformationMessage('Signoff: this checklist has no phases.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    phases.map((p) => ({ label: `Phase ${p.number}: ${p.name}`, description: `${p.done}/${p.total} done`, phase: p })),
    { title: checked ? 'Check all tasks in phase' : 'Uncheck all tasks in phase', placeHolder: 'Phase' },
  );
  return picked?.phase;
}
