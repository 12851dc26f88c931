import { certificateRule } from './types';
import { resolvedRefs } from '../evidence/rule-support';
import { resolutionData } from '../evidence/resolution';

/** A claim within this fraction of the real count is right (counts differ by a trailing newline, a header...). */
const TOLERANCE = 0.05;

export default certificateRule(
  {
    id: 'evidence-line-count',
    description: 'A "N lines" claim about a cited file is more than 5% off its real line count.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['evidence'],
    usesWorkspace: true,
  },
  async (ctx) => {
    for (const { ref, location, facts } of await resolvedRefs(ctx)) {
      if (ref.claimedLines === undefined || location.status !== 'found' || !facts) continue;
      if (facts.status === 'too-large' || facts.status === 'binary') {
        ctx.report({ message: `Line count not checked: ${location.path} ${facts.status === 'binary' ? 'is binary' : 'is over evidence.maxFileSize'}; it was not read.`, span: ref.span, severity: 'info' });
        continue;
      }
      if (facts.status === 'special') {
        ctx.report({ message: `Line count not checked: ${location.path} is not a regular file (${facts.kind}); it was not opened.`, span: ref.span, severity: 'warning' });
        continue;
      }
      if (facts.status !== 'ok') continue;
      const real = facts.lineCount;
      const off = Math.abs(ref.claimedLines - real);
      if (off <= TOLERANCE * Math.max(real, 1)) continue;
      const pct = real ? Math.round((off / real) * 100) : 100;
      ctx.report({
        message: `${ref.path} is said to have ${ref.claimedLines} lines; it has ${real} (${pct}% off).`,
        span: ref.span,
        data: { claimed: ref.claimedLines, actual: real, ...resolutionData(ref.path, location) },
      });
    }
  },
);
