import { certificateRule } from './types';
import { bindingNote, formatRange, resolvedRefs } from '../evidence/rule-support';
import { resolutionData } from '../evidence/resolution';

export default certificateRule(
  {
    id: 'evidence-line-range',
    description: 'A cited line is past the end of the file (end = line count + 1 is a warning), or a range starts after it ends.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['evidence'],
    usesWorkspace: true,
  },
  async (ctx) => {
    for (const { ref, location, facts } of await resolvedRefs(ctx)) {
      if (location.status !== 'found' || !ref.ranges.length || !facts) continue;
      const where = `${location.path}${bindingNote(ref)}`;
      if (facts.status === 'too-large' || facts.status === 'binary') {
        const why = facts.status === 'binary' ? 'is binary' : `is ${facts.size} bytes, over evidence.maxFileSize`;
        ctx.report({ message: `Lines not checked: ${where} ${why}; it was not read.`, span: ref.span, severity: 'info' });
        continue;
      }
      if (facts.status === 'special') {
        ctx.report({ message: `Lines not checked: ${where} is not a regular file (${facts.kind}); it was not opened.`, span: ref.span, severity: 'warning' });
        continue;
      }
      if (facts.status !== 'ok') continue;
      const count = facts.lineCount;
      for (const r of ref.ranges) {
        const data = { path: location.path, start: r.start, end: r.end, lineCount: count, ...resolutionData(ref.path, location) };
        if (r.start > r.end) {
          ctx.report({ message: `Range ${r.start}-${r.end} of ${where} starts after it ends.`, span: r.span, data });
        } else if (r.start < 1) {
          ctx.report({ message: `Line ${r.start} of ${where} does not exist: lines start at 1.`, span: r.span, data });
        } else if (r.end === count + 1) {
          ctx.report({ message: `${cap(formatRange(r))} of ${where} ends one past its last line (${count} lines): an inclusive range off by one?`, span: r.span, severity: 'warning', data });
        } else if (r.end > count) {
          ctx.report({ message: `${cap(formatRange(r))} of ${where} is past its end: the file has ${count} lines.`, span: r.span, data });
        }
      }
    }
  },
);

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
