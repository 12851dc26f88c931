import { checklistRule } from './types';

export default checklistRule(
  {
    id: 'checklist-title',
    description: 'A checklist has an H1 title.',
    defaultSeverity: 'error',
    kinds: ['checklist'],
    fixable: false,
    tags: ['structure'],
  },
  ({ model, report }) => {
    if (model.h1s.length === 0) report({ message: 'Checklist has no H1 title (expected `# <Title> Checklist`).', span: { start: 0, end: 0 } });
  },
);
