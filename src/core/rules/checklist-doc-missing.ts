import { checklistRule } from './types';
import { DOCUMENT_EXTENSIONS, extensionOf, matchPath } from '../evidence/paths';
import { evidenceService } from '../evidence/rule-support';

export default checklistRule(
  {
    id: 'checklist-doc-missing',
    description: 'A task cites a document path (e.g. `docs/migration/guide.md` in a code span) that does not exist.',
    defaultSeverity: 'warning',
    kinds: ['checklist'],
    fixable: false,
    tags: ['workspace'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const service = evidenceService(ctx);
    for (const task of ctx.model.tasks) {
      for (const code of task.inlineCode) {
        const value = code.value.trim();
        if (matchPath(value) !== value || !DOCUMENT_EXTENSIONS.has(extensionOf(value))) continue;
        const location = await service.locate(value, ctx.doc.path);
        if (location.status !== 'missing') continue;
        ctx.report({ message: `Task cites ${value}, which does not exist in the workspace.`, span: code.span, data: { path: value } });
      }
    }
  },
);
