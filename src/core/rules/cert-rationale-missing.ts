import { certificateRule } from './types';

export default certificateRule(
  {
    id: 'cert-rationale-missing',
    description: 'The DECISION/OUTCOME section explains the verdict in a Rationale.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['decision'],
  },
  ({ model, report }) => {
    if (model.rationaleInDecision) return;
    const decision = model.sections.find((s) => s.key === 'DECISION/OUTCOME') ?? model.sections.find((s) => /DECISION|OUTCOME|VERDICT/.test(s.key));
    if (!decision) return; // cert-section-missing reports the missing section
    const elsewhere = model.rationale ? ` (a Rationale is on line ${model.rationale.line}, outside it)` : '';
    report({ message: `"## ${decision.heading.text}" has no \`**Rationale**:\` explaining the verdict${elsewhere}.`, span: decision.heading.span });
  },
);
