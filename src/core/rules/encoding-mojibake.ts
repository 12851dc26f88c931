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
    // A file that is not valid UTF-8 holds U+FFFD where its bad bytes were: writing a repair would replace those
    // bytes for good, so its repairs are offered one at a time, never applied by --fix or fix-all.
    const safe = doc.decoded?.invalidUtf8At === undefined;
    const all: Fix | undefined =
      runs.length > 1
        ? {
            title: `Repair all ${runs.length} damaged runs in this file`,
            edits: runs.map((r) => ({ start: r.start, end: r.end, newText: r.repaired })),
            safe,
          }
        : undefined;
    for (const run of runs) {
      const fixes: Fix[] = [{ title: `Repair to "${visible(run.repaired)}"`, edits: [{ start: run.start, end: run.end, newText: run.repaired }], safe }];
      if (all) fixes.push(all);
      report({
        message: `"${visible(run.damaged)}" is "${visible(run.repaired)}" damaged by a ${run.encoding} round trip (UTF-8 read as ${run.encoding}, then saved).`,
        span: { start: run.start, end: run.end },
        fixes,
        data: { damaged: run.damaged, repaired: run.repaired, encoding: run.encoding },
      });
    }
  },
};

export default rule;
