import { certificateRule } from './types';
import { requiredSections } from './shared/sections';

export default certificateRule(
  {
    id: 'cert-section-empty',
    description: 'Every required H2 section has some content.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['structure', 'sections'],
  },
  ({ model, config, report }) => {
    for (const req of requiredSections(model, config.requiredSections)) {
      const s = req.section;
      if (!s || s.hasContent) continue;
      report({ message: `Required section "## ${s.heading.text}" is empty.`, span: s.heading.span });
    }
  },
);
