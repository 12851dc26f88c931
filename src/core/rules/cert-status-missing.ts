import { certificateRule } from './types';

export default certificateRule(
  {
    id: 'cert-status-missing',
    description: 'The DECISION/OUTCOME section states the verdict in a `**Status**:` line.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['decision'],
  },
  ({ model, report }) => {
    if (model.statusLines.some((s) => s.inDecisionSection)) return;
    const decision = model.sections.find((s) => s.key === 'DECISION/OUTCOME') ?? model.sections.find((s) => /DECISION|OUTCOME|VERDICT/.test(s.key));
    const elsewhere = model.statusLines[0];
    const span = decision?.heading.span ?? model.h1s[0]?.span ?? { start: 0, end: 0 };
    if (!decision) {
      report({ message: 'No `**Status**:` line: the certificate has no DECISION/OUTCOME section to state its verdict in.', span: elsewhere?.field.span ?? span });
    } else if (elsewhere) {
      report({ message: `"## ${decision.heading.text}" has no \`**Status**:\` line; the only Status line is on line ${elsewhere.field.line}, outside it.`, span });
    } else {
      report({ message: `"## ${decision.heading.text}" has no \`**Status**: <VALUE>\` line stating the verdict.`, span });
    }
  },
);
