import type { Rule } from './types';

/**
 * A `**Supersedes**` field names a Certificate ID no certificate declares (or the certificate's own): the ledger cannot tell which review it
 * replaces, so the old one stays current. Certificates that were not checked this time (a check of a few files) are
 * found by the index's text scan, as cert-reference-missing does.
 */
const rule: Rule = {
  meta: {
    id: 'cert-supersedes-unknown',
    description: 'A **Supersedes** field names a Certificate ID that no certificate of the workspace declares.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['workspace', 'ledger'],
    usesWorkspace: true,
    scope: 'workspace',
  },
  async checkWorkspace({ summary, workspace, host, report }) {
    const facts = summary.ledger;
    if (facts?.kind !== 'certificate') return;
    for (const s of facts.supersedes) {
      const self = s.id === summary.certificateId?.value;
      if (!self && workspace.pathsWithId(s.id).length) continue;
      if (!self && (await workspace.idsOutsideIndex(host)).has(s.id)) continue;
      report({
        message: self
          ? `Supersedes names this certificate's own ID ${s.id}: name the Certificate ID of the review it replaces.`
          : `Supersedes ${s.id}, which no certificate in the workspace declares: the review it replaces stays current.`,
        at: s,
        data: { id: s.id },
      });
    }
  },
};

export default rule;
