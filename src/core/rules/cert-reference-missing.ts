import { certificateRule } from './types';
import { evidenceOf } from '../evidence/of';
import { looksLikeCertificatePath } from '../evidence/paths';
import { resolvedRefs } from '../evidence/rule-support';

export default certificateRule(
  {
    id: 'cert-reference-missing',
    description: 'The certificate cites another certificate (by Certificate ID or file name) that the workspace does not have.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['workspace'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const { doc, model, workspace, host, report } = ctx;
    const own = model.header.find((f) => /^certificate id$/i.test(f.key))?.value.replace(/[*`]/g, '').trim();
    // By ID: tokens shaped like an ID with a date, on a line that mentions a certificate (see evidence/extract.ts).
    for (const c of evidenceOf(doc).idCitations) {
      if (c.id === own || workspace.pathsWithId(c.id).length) continue;
      if ((await workspace.idsOutsideIndex(host)).has(c.id)) continue;
      report({ message: `Cites certificate ${c.id}, which no certificate in the workspace declares.`, span: c.span, data: { id: c.id } });
    }
    // By file name or path: a cited Markdown file that looks like a certificate and is not there.
    for (const { ref, location } of await resolvedRefs(ctx)) {
      if (ref.form === 'bare-lines' || location.status !== 'missing' || !looksLikeCertificatePath(ref.path)) continue;
      report({ message: `Cites certificate ${ref.path}, which is not in the workspace.`, span: ref.pathSpan, data: { path: ref.path } });
    }
  },
);
