import { certificatePlace, describeCertificate } from '../ledger/describe';
import type { Rule } from './types';

/**
 * Two certificates of one component share the latest Date and disagree on the verdict, and no `**Supersedes**`
 * orders them: the ledger takes the one with the greater Certificate ID, but which review holds is really open.
 */
const rule: Rule = {
  meta: {
    id: 'cert-current-conflict',
    description: 'Two current certificates of one component have the same Date and different verdicts.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['workspace', 'ledger'],
    usesWorkspace: true,
    scope: 'workspace',
  },
  checkWorkspace({ summary, workspace, config, report }) {
    const ledger = workspace.ledger(config);
    const component = ledger.componentOfPath.get(summary.path);
    if (!component?.sameDate.length) return;
    const tied = [component.current, ...component.sameDate];
    const me = tied.find((c) => c.path === summary.path);
    if (!me) return;
    const others = tied.filter((c) => c !== me && c.facts.verdict !== me.facts.verdict);
    if (!others.length) return;
    report({
      message: `${component.name} has another review of the same Date (${me.facts.date}) with a different verdict: ${others.map((o) => `${describeCertificate(o)}: ${o.facts.verdict ?? 'no verdict'}`).join('; ')}. Say which holds with **Supersedes**.`,
      at: certificatePlace(summary),
      related: others.map((o) => ({ path: o.path, line: o.facts.line, message: `${o.facts.verdict ?? 'no verdict'}, same Date` })),
      data: { others: others.map((o) => o.path) },
    });
  },
};

export default rule;
