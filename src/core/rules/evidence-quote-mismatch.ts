import { certificateRule } from './types';
import { bindingNote, evidenceService, formatRange, formatRanges, rangeEdits, resolvedRefs } from '../evidence/rule-support';
import { checkQuote } from '../evidence/quote';

const MAX_FIXES = 3;

export default certificateRule(
  {
    id: 'evidence-quote-mismatch',
    description: 'Code quoted right after a line reference is not at the cited lines (the fix moves the reference where it is).',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: true,
    tags: ['evidence'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const service = evidenceService(ctx);
    for (const { ref, location, facts } of await resolvedRefs(ctx)) {
      if (!ref.quote || !ref.ranges.length || location.status !== 'found' || facts?.status !== 'ok') continue;
      const text = await service.resolver.readText(location.path);
      if (text === undefined) continue;
      const check = checkQuote(ref.quote, text, ref.ranges);
      if (check.skipped || check.atCited) continue;
      const cited = `${formatRanges(ref.ranges)} of ${location.path}${bindingNote(ref)}`;
      const where = check.elsewhere.length
        ? `; it is at ${check.elsewhere.slice(0, MAX_FIXES).map(formatRange).join(', ')}${check.elsewhere.length > MAX_FIXES ? ' and elsewhere' : ''}`
        : '; it does not appear in the file';
      const movable = ref.ranges.length === 1;
      ctx.report({
        message: `The quoted code is not at ${cited}${where}.`,
        span: ref.quote.kind === 'inline' ? ref.quote.span : ref.span,
        fixes: movable
          ? check.elsewhere.slice(0, MAX_FIXES).map((r) => ({ title: `Cite ${formatRange(r)}, where the quoted code is`, edits: rangeEdits(ref.ranges[0], r.start, r.end), safe: false }))
          : undefined,
        data: { path: location.path, elsewhere: check.elsewhere },
      });
    }
  },
);
