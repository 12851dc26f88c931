import type { Rule } from './types';
import { looksLikeCertificatePath } from '../evidence/paths';
import { resolvedRefs } from '../evidence/rule-support';

/**
 * Two parts, one per pass. By file name or path (document pass, against the file index): a cited Markdown file
 * that looks like a certificate and is not there. By Certificate ID (workspace pass, on the summaries): a cited ID
 * that no certificate declares.
 */
const rule: Rule = {
  meta: {
    id: 'cert-reference-missing',
    description: 'The certificate cites another certificate (by Certificate ID or file name) that the workspace does not have.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['workspace'],
    usesWorkspace: true,
    scope: 'workspace',
  },
  async check(ctx) {
    if (!ctx.doc.certificate) return;
    for (const { ref, location } of await resolvedRefs(ctx)) {
      if (ref.form === 'bare-lines' || location.status !== 'missing' || !looksLikeCertificatePath(ref.path)) continue;
      ctx.report({ message: `Cites certificate ${ref.path}, which is not in the workspace.`, span: ref.pathSpan, data: { path: ref.path } });
    }
  },
  async checkWorkspace({ summary, workspace, host, report }) {
    // Tokens shaped like an ID with a date, on a line that mentions a certificate (see evidence/extract.ts).
    for (const c of summary.citedIds ?? []) {
      if (c.id === summary.certificateId?.value || workspace.pathsWithId(c.id).length) continue;
      // An ID in a Supersedes field is cert-supersedes-unknown's to report.
      if (summary.ledger?.kind === 'certificate' && summary.ledger.supersedes.some((s) => s.span.start < c.span.end && c.span.start < s.span.end)) continue;
      if ((await workspace.idsOutsideIndex(host)).has(c.id)) continue;
      report({ message: `Cites certificate ${c.id}, which no certificate in the workspace declares.`, at: c, data: { id: c.id } });
    }
  },
};

export default rule;
