import { certificateRule } from './types';

export default certificateRule(
  {
    id: 'cert-id-unique',
    description: 'Another certificate of the workspace declares the same Certificate ID (both are reported, each naming the other).',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['workspace'],
    usesWorkspace: true,
  },
  async ({ doc, model, workspace, host, report }) => {
    const field = model.header.find((f) => /^certificate id$/i.test(f.key));
    const id = field?.value.replace(/[*`]/g, '').trim();
    if (!field || !id) return;
    const others = workspace.pathsWithId(id).filter((p) => p !== doc.path);
    // Markdown files that were not checked this time (a check of a few files) may declare it too.
    for (const p of (await workspace.idsOutsideIndex(host)).get(id) ?? []) if (p !== doc.path) others.push(p);
    others.sort();
    if (!others.length) return;
    const shown = others.slice(0, 5);
    report({
      message: `Certificate ID ${id} is also declared by ${shown.join(', ')}${others.length > shown.length ? ` and ${others.length - shown.length} more` : ''}.`,
      span: field.valueSpan,
      related: others.map((p) => ({ path: p, line: workspace.get(p)?.certificateId?.line, message: `${id} is declared here too` })),
      data: { id, others },
    });
  },
);
