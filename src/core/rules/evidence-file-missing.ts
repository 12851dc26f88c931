import { certificateRule } from './types';
import { hasOwnPath, resolvedRefs } from '../evidence/rule-support';
import { looksLikeCertificatePath } from '../evidence/paths';

export default certificateRule(
  {
    id: 'evidence-file-missing',
    description: 'A cited file does not exist in the workspace (a warning when the reference cites no line).',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['evidence'],
    usesWorkspace: true,
  },
  async (ctx) => {
    for (const { ref, location } of await resolvedRefs(ctx)) {
      if (location.status !== 'missing' || !hasOwnPath(ref)) continue;
      // A cited certificate that is missing is cert-reference-missing's finding.
      if (looksLikeCertificatePath(ref.path)) continue;
      const read = location.foreign ? ` (read as ${location.foreign.rest})` : location.tried !== ref.path ? ` (read as ${location.tried})` : '';
      ctx.report({
        message: location.loop ? `Cited file ${ref.path}${read} cannot be read: its path runs into a symbolic link loop.` : `Cited file ${ref.path}${read} does not exist in the workspace.`,
        span: ref.pathSpan,
        severity: ref.ranges.length ? 'error' : 'warning',
        data: { path: ref.path, tried: location.tried },
      });
    }
  },
);
