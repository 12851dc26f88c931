import type { Rule } from './types';

const rule: Rule = {
  meta: {
    id: 'cert-id-unique',
    description: 'Another certificate of the workspace declares the same Certificate ID (both are reported, each naming the other).',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['workspace'],
    usesWorkspace: true,
    scope: 'workspace',
  },
  async checkWorkspace({ summary, workspace, host, report }) {
    const id = summary.certificateId;
    if (!id) return;
    const others = workspace.pathsWithId(id.value).filter((p) => p !== summary.path);
    // Markdown files that were not checked this time (a check of a few files) may declare it too.
    for (const p of (await workspace.idsOutsideIndex(host)).get(id.value) ?? []) if (p !== summary.path) others.push(p);
    others.sort();
    if (!others.length) return;
    const shown = others.slice(0, 5);
    report({
      message: `Certificate ID ${id.value} is also declared by ${shown.join(', ')}${others.length > shown.length ? ` and ${others.length - shown.length} more` : ''}.`,
      at: id,
      related: others.map((p) => ({ path: p, line: workspace.get(p)?.certificateId?.line, message: `${id.value} is declared here too` })),
      data: { id: id.value, others },
    });
  },
};

export default rule;
