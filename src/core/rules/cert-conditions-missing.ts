import { certificateRule } from './types';

export default certificateRule(
  {
    id: 'cert-conditions-missing',
    description: 'A CONDITIONALLY_APPROVED certificate lists its conditions.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['decision'],
  },
  ({ model, doc, report }) => {
    const status = model.status;
    if (!status || status.value !== 'CONDITIONALLY_APPROVED') return;
    if (model.conditions.some((c) => !c.none && (c.items.length > 0 || c.hasContent))) return;
    const said = model.conditions.find((c) => c.none);
    report({
      message: said
        ? `Status is CONDITIONALLY_APPROVED but **${said.label}** (line ${doc.lines.positionAt(said.span.start).line}) says there are none; list the conditions or change the Status.`
        : 'Status is CONDITIONALLY_APPROVED but no conditions are listed (expected `**Conditions**:` followed by a list).',
      span: status.valueFullSpan,
    });
  },
);
