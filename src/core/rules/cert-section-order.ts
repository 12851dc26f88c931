import { certificateRule } from './types';
import { requiredSections } from './shared/sections';

export default certificateRule(
  {
    id: 'cert-section-order',
    description: 'The required H2 sections appear in the configured order (other H2s may sit between them).',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['structure', 'sections'],
  },
  ({ model, config, report }) => {
    const required = requiredSections(model, config.requiredSections);
    const present = required
      .map((r, index) => ({ ...r, index }))
      .filter((r) => r.section)
      .sort((a, b) => a.section!.span.start - b.section!.span.start);
    const order = required.map((r) => r.name).join(', ');
    for (let i = 1; i < present.length; i++) {
      const cur = present[i];
      // The earliest section above this one that should come after it.
      const later = present.slice(0, i).find((p) => p.index > cur.index);
      if (!later) continue;
      report({
        message: `"## ${cur.section!.heading.text}" should come before "## ${later.section!.heading.text}" (line ${later.section!.heading.line}); the order is ${order}.`,
        span: cur.section!.heading.span,
      });
    }
  },
);
