import type { Fix } from '../types';
import { dominantEol } from '../text/line-index';
import { certificateRule } from './types';
import { cleanValue, headerFields } from './shared/header';
import { lookAlike, requiredSections } from './shared/sections';

export default certificateRule(
  {
    id: 'cert-section-missing',
    description: 'Every required H2 section (REVIEW SCOPE, FINDINGS, DECISION/OUTCOME, EVIDENCE, SIGNATURE by default) is present.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: true,
    tags: ['structure', 'sections'],
  },
  ({ model, doc, config, report }) => {
    const required = requiredSections(model, config.requiredSections);
    const eol = dominantEol(doc.text);
    const text = doc.text;
    for (let i = 0; i < required.length; i++) {
      const req = required[i];
      if (req.section) continue;
      // Insert before the next required section that is present, else after the previous one, else at the end.
      const next = required.slice(i + 1).find((r) => r.section)?.section;
      const prev = [...required.slice(0, i)].reverse().find((r) => r.section)?.section;
      const at = next ? next.span.start : prev ? prev.span.end : text.length;
      const body = skeletonBody(req.key, model, eol);
      let newText = `## ${req.name}${eol}${eol}${body}`;
      if (at === text.length) {
        // At the end: make sure a blank line separates the new heading from what precedes it.
        const tail = text.endsWith(eol + eol) || text.length === 0 ? '' : text.endsWith(eol) ? eol : eol + eol;
        newText = tail + newText.replace(new RegExp(`(?:${eol})+$`), eol);
      }
      const fixes: Fix[] = [];
      const alike = lookAlike(model, req, required);
      if (alike) {
        const h = alike.heading;
        const hashes = /^#+\s*/.exec(text.slice(h.span.start, h.span.end))?.[0] ?? '## ';
        fixes.push({ title: `Rename "## ${h.text}" to "## ${req.name}"`, edits: [{ start: h.span.start, end: h.span.end, newText: `${hashes}${req.name}` }], safe: false });
      }
      fixes.push({ title: `Insert an empty "## ${req.name}" section`, edits: [{ start: at, end: at, newText }], safe: false });
      const span = next ? next.heading.span : prev ? prev.heading.span : model.h1s[0]?.span ?? { start: 0, end: 0 };
      const where = next ? ` (expected before "## ${next.heading.text}", line ${next.heading.line})` : prev ? ` (expected after "## ${prev.heading.text}")` : '';
      report({
        message: alike
          ? `Required section "## ${req.name}" is missing; "## ${alike.heading.text}" (line ${alike.heading.line}) looks like it but has another title.`
          : `Required section "## ${req.name}" is missing${where}.`,
        span: alike ? alike.heading.span : span,
        fixes,
      });
    }
  },
);

/** What a new section starts with: the DECISION fields and the SIGNATURE lines, filled from the header. */
function skeletonBody(key: string, model: Parameters<typeof headerFields>[0], eol: string): string {
  if (key === 'DECISION/OUTCOME') return `**Status**: ${eol}**Rationale**: ${eol}${eol}`;
  if (key === 'SIGNATURE') {
    const agent = headerFields(model, 'Agent')[0];
    const date = headerFields(model, 'Date')[0];
    return `Agent: ${agent ? cleanValue(agent.value) : ''}${eol}Timestamp: ${date ? cleanValue(date.value) : ''}${eol}${eol}`;
  }
  return '';
}
