import { checklistRule } from './types';

export default checklistRule(
  {
    id: 'checklist-snippet-lang',
    description: 'A code fence in a task names its language (```bash, ```python), so it can be checked and run.',
    defaultSeverity: 'warning',
    kinds: ['checklist'],
    fixable: false,
    tags: ['snippets'],
  },
  ({ model, doc, report }) => {
    for (const task of model.tasks) {
      for (const snippet of task.snippets) {
        if (snippet.lang) continue;
        // Point at the opening fence line only, not the whole block.
        const span = { start: snippet.span.start, end: Math.min(snippet.span.end, doc.lines.lineEnd(snippet.line)) };
        report({ message: `The code block of task "${task.label ?? task.text}" has no language: write \`\`\`bash (or the language it is in) so it can be checked and run.`, span });
      }
    }
  },
);
