import { describeCertificate } from '../ledger/describe';
import { gateComponent } from '../ledger/gates';
import type { Rule } from './types';

/**
 * A checklist task that says `Requires review: <Certificate ID or component>` fails while that component's current
 * review is not APPROVED or its evidence no longer holds: deploying on a rejected, conditional or stale review is
 * the thing the checklist exists to stop. A target named by an ID of a certificate that was not checked this time
 * (a check of a few files) is left alone.
 */
const rule: Rule = {
  meta: {
    id: 'checklist-review-gate',
    description: 'A task requires a review (`Requires review: <ID or component>`) whose current verdict is not APPROVED or whose evidence is stale.',
    defaultSeverity: 'error',
    kinds: ['checklist'],
    fixable: false,
    tags: ['workspace', 'ledger', 'checklist'],
    usesWorkspace: true,
    scope: 'workspace',
  },
  async checkWorkspace({ summary, workspace, config, host, report }) {
    const facts = summary.ledger;
    if (facts?.kind !== 'checklist' || !facts.gates.length) return;
    const ledger = workspace.ledger(config);
    for (const gate of facts.gates) {
      const component = gateComponent(ledger, config, gate.target);
      if (!component) {
        if ((await workspace.idsOutsideIndex(host)).has(gate.target)) continue;
        report({ message: `Requires review of "${gate.target}", but no certificate of the workspace has that Certificate ID or reviews that component.`, at: gate, data: { target: gate.target, taskLine: gate.taskLine } });
        continue;
      }
      const current = component.current;
      const verdict = current.facts.verdict;
      const evidence = current.facts.evidence;
      const problems: string[] = [];
      if (verdict !== 'APPROVED') problems.push(verdict ? `is ${verdict}` : 'has no verdict');
      if (evidence?.stale.length) {
        const first = evidence.stale[0];
        problems.push(`is stale (${evidence.staleRefs || evidence.stale.length} of ${evidence.total} references no longer hold; line ${first.line}: ${first.message})`);
      }
      if (!problems.length) continue;
      report({
        message: `Requires review of ${component.name}: its current review ${describeCertificate(current)} ${problems.join(' and ')}.`,
        at: gate,
        related: [{ path: current.path, line: current.facts.line, message: `current review of ${component.name}` }],
        data: { target: gate.target, taskLine: gate.taskLine, component: component.name, certificate: current.path, verdict: verdict ?? null },
      });
    }
  },
};

export default rule;
