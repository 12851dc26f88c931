import { certificateRule } from './types';
import { hasOwnPath, resolvedRefs } from '../evidence/rule-support';

export default certificateRule(
  {
    id: 'evidence-outside-workspace',
    description: 'A cited path leaves the workspace roots (absolute, `../` past the root, or a link pointing out); it is not read.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['evidence', 'security'],
    usesWorkspace: true,
  },
  async (ctx) => {
    for (const { ref, location } of await resolvedRefs(ctx)) {
      if (location.status !== 'outside' || !hasOwnPath(ref)) continue;
      ctx.report({ message: `${ref.path} is outside the workspace (${location.reason}); it was not read.`, span: ref.pathSpan });
    }
  },
);
