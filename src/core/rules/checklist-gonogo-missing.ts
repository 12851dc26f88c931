import { checklistRule } from './types';

export default checklistRule(
  {
    id: 'checklist-gonogo-missing',
    description: 'Every phase ends with a Go/No-Go block stating both its GO and its NO-GO criteria.',
    defaultSeverity: 'warning',
    kinds: ['checklist'],
    fixable: false,
    tags: ['structure'],
  },
  ({ model, doc, report }) => {
    for (const phase of model.phases) {
      const block = phase.goNoGo;
      if (!block) {
        report({ message: `Phase ${phase.number} has no Go/No-Go block (a "Phase ${phase.number} Go/No-Go Decision" line followed by its GO and NO-GO criteria).`, span: phase.heading.span });
        continue;
      }
      const missing = [block.go ? undefined : 'GO', block.noGo ? undefined : 'NO-GO'].filter((x): x is string => !!x);
      if (missing.length) {
        const header = { start: block.span.start, end: Math.max(block.span.start, doc.lines.lineEnd(block.line)) };
        report({ message: `The Go/No-Go block of Phase ${phase.number} has no ${missing.join(' or ')} line (\`- ✅ **GO**: ...\`, \`- ❌ **NO-GO**: ...\`).`, span: header });
      }
    }
  },
);
