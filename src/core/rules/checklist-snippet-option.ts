/**
 * checklist-snippet-option: an unknown key or a bad value in a task fence's `{...}` options (`{exti=1}`,
 * `{timeout=soon}`, `{cwd=../x}`). The runner ignores what it does not know, so a typo would silently change
 * what a run means; this says so at the fence.
 */
import { SNIPPET_OPTION_KEYS } from '../parse/fence-options';
import { checklistRule } from './types';

export default checklistRule(
  {
    id: 'checklist-snippet-option',
    description: `A task fence's options are known and well formed: {${SNIPPET_OPTION_KEYS.join(', ')}}.`,
    defaultSeverity: 'warning',
    kinds: ['checklist'],
    fixable: false,
    tags: ['snippets'],
  },
  ({ model, report }) => {
    for (const task of model.tasks) {
      for (const snippet of task.snippets) {
        for (const p of snippet.optionProblems ?? []) {
          report({ message: `Snippet of task "${task.label ?? task.text}": ${p.message}.`, span: p.span });
        }
      }
    }
  },
);
