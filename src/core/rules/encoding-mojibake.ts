import { findMojibake } from '../fixes/mojibake';
import type { Fix } from '../types';
import type { Rule } from './types';

/** Shows invisible or control characters of a damaged run by code point, so the message says what is there. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u00a0\uf8ff]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

const rule: Rule = {
  meta: {
    id: 'encoding-mojibake',
    description: 'Text damaged by a Mac OS Roman or Windows-1252 round trip (UTF-8 read in the wrong encoding and saved again).',
    defaultSeverity: 'warning',
    kinds: ['certificate', 'checklist'],
    fixable: true,
    tags: ['encoding'],
  },
  check({ doc, report }) {
    const runs = findMojibake(doc.text);
    const sure = runs.filter((r) => !r.ambiguous);
    const open = runs.length - sure.length;
    // A file that is not valid UTF-8 holds U+FFFD where its bad bytes were: writing a repair would replace those
    // bytes for good, so its repairs are offered one at a time, never applied by --fix or fix-all.
    const safe = doc.decoded?.invalidUtf8At === undefined;
    const all: Fix | undefined =
      sure.length > 1
        ? {
            title: `Repair all ${sure.length} damaged runs in this file${open ? ` (${open} more need a choice)` : ''}`,
            edits: sure.map((r) => ({ start: r.start, end: r.end, newText: r.repaired })),
            safe,
          }
        : undefined;
    for (const run of runs) {
      const span = { start: run.start, end: run.end };
      const data = { damaged: run.damaged, repaired: run.repaired, encoding: run.encoding, candidates: run.candidates };
      if (run.ambiguous) {
        // The lost byte is not implied: say so (fix-all leaves it, and this warning stays until a person chooses).
        const shown = run.candidates!.slice(0, 6);
        report({
          message: `"${visible(run.damaged)}" is damaged by a ${run.encoding} round trip that lost a byte ${run.encoding} does not define; it was one of ${shown.map((c) => `"${visible(c)}"`).join(', ')}${run.candidates!.length > shown.length ? ', …' : ''}: choose the repair.`,
          span,
          fixes: shown.map((c) => ({ title: `Repair to "${visible(c)}"`, edits: [{ start: run.start, end: run.end, newText: c }], safe: false })),
          data,
        });
        continue;
      }
      const fixes: Fix[] = [{ title: `Repair to "${visible(run.repaired)}"`, edits: [{ start: run.start, end: run.end, newText: run.repaired }], safe }];
      if (all) fixes.push(all);
      const lost = run.candidates ? `, which lost a byte ${run.encoding} does not define` : '';
      report({
        message: `"${visible(run.damaged)}" is "${visible(run.repaired)}" damaged by a ${run.encoding} round trip (UTF-8 read as ${run.encoding}, then saved${lost}).`,
        span,
        fixes,
        data,
      });
    }
  },
};

export default rule;
