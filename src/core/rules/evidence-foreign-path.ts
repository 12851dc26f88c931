import { certificateRule } from './types';
import { hasOwnPath, resolvedRefs } from '../evidence/rule-support';

export default certificateRule(
  {
    id: 'evidence-foreign-path',
    description: 'A cited path is an absolute path from another machine (`/home/<user>/<repo>/...`); the fix writes it workspace-relative.',
    defaultSeverity: 'info',
    kinds: ['certificate'],
    fixable: true,
    tags: ['evidence'],
    usesWorkspace: true,
  },
  async (ctx) => {
    for (const { ref, location } of await resolvedRefs(ctx)) {
      // Only a foreign path that maps to a file here is worth rewriting; a missing one is evidence-file-missing's
      // single finding, an ambiguous one evidence-ambiguous's (never a fix towards a path that does not exist).
      if (location.status !== 'found' || !location.foreign || !hasOwnPath(ref)) continue;
      const target = location.path;
      ctx.report({
        message: `${ref.path} is a path on another machine; in this workspace it is ${target}.`,
        span: ref.pathSpan,
        fixes: ref.pathExact ? [{ title: `Write ${target}`, edits: [{ start: ref.pathSpan.start, end: ref.pathSpan.end, newText: target }], safe: true }] : undefined,
      });
    }
  },
);
