import { certificatePlace, describeCertificate } from '../ledger/describe';
import type { Rule } from './types';

/**
 * Information on a certificate that no longer holds: which review superseded it (named in a `**Supersedes**`
 * field, or the component's later certificate by Date, then ID), and which one holds now, so a reader of an old
 * review knows where to look.
 */
const rule: Rule = {
  meta: {
    id: 'cert-superseded',
    description: 'This certificate is superseded (explicitly, or by a later certificate of its component); names its successor.',
    defaultSeverity: 'info',
    kinds: ['certificate'],
    fixable: false,
    tags: ['workspace', 'ledger'],
    usesWorkspace: true,
    scope: 'workspace',
  },
  checkWorkspace({ summary, workspace, config, report }) {
    const ledger = workspace.ledger(config);
    const cert = ledger.byPath.get(summary.path);
    const component = ledger.componentOfPath.get(summary.path);
    if (!cert?.supersededBy || !component) return;
    const by = cert.supersededBy;
    const how = cert.explicitlyBy === by ? 'which names it in Supersedes' : `a later review of ${component.name}`;
    const now = component.current === by ? '' : ` The current review of ${component.name} is ${describeCertificate(component.current)}.`;
    report({
      message: `Superseded by ${describeCertificate(by)}, ${how}.${now}`,
      at: certificatePlace(summary),
      related: [{ path: by.path, line: by.facts.line, message: 'the successor' }],
      data: { by: by.path, current: component.current.path },
    });
  },
};

export default rule;
