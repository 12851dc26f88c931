import { certificateRule } from './types';
import { hasOwnPath, resolvedRefs } from '../evidence/rule-support';
import { folderName, resolutionData } from '../evidence/resolution';

const MAX_CANDIDATES = 10;

export default certificateRule(
  {
    id: 'evidence-ambiguous',
    description: 'A cited file name (or path suffix) matches several files of the workspace; each candidate is offered as a fix.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: true,
    tags: ['evidence'],
    usesWorkspace: true,
  },
  async (ctx) => {
    for (const { ref, location } of await resolvedRefs(ctx)) {
      if (location.status !== 'ambiguous' || !hasOwnPath(ref)) continue;
      const shown = location.candidates.slice(0, MAX_CANDIDATES);
      const more = location.candidates.length - shown.length;
      ctx.report({
        // Said where it was looked for: the nearest folder of the document holding a match (evidence.md).
        message: `${ref.path} matches ${location.candidates.length} files${location.scope ? ` under ${folderName(location.scope)}` : ''}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`,
        span: ref.pathSpan,
        fixes: ref.pathExact
          ? shown.map((c) => ({ title: `Cite ${c}`, edits: [{ start: ref.pathSpan.start, end: ref.pathSpan.end, newText: c }], safe: false }))
          : undefined,
        data: { candidates: location.candidates, ...resolutionData(ref.path, location) },
      });
    }
  },
);
