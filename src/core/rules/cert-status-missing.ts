import { certificateRule } from './types';
import type { CertificateModel } from '../model/certificate';

export default certificateRule(
  {
    id: 'cert-status-missing',
    description: 'The DECISION/OUTCOME section states the verdict in a `**Status**:` line.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['decision'],
  },
  ({ model, report }) => {
    if (model.statusLines.some((s) => s.inDecisionSection)) return;
    const decision = model.sections.find((s) => s.key === 'DECISION/OUTCOME') ?? model.sections.find((s) => /DECISION|OUTCOME|VERDICT/.test(s.key));
    const elsewhere = model.statusLines[0];
    const span = decision?.heading.span ?? model.h1s[0]?.span ?? { start: 0, end: 0 };
    if (elsewhere) {
      // A Status line exists, in the wrong place: say where it is and what is wrong with that, never "no Status line".
      const where = sectionTitle(model, elsewhere.field.span.start);
      const at = `The \`**Status**:\` line on line ${elsewhere.field.line} sits ${where ? `under "## ${where}"` : 'outside any section'}`;
      report({
        message: decision
          ? `${at}, not in "## ${decision.heading.text}", which has none: move it there.`
          : `${at}; the certificate has no DECISION/OUTCOME section for the verdict: add one and move the Status line into it.`,
        span: decision ? span : elsewhere.field.span,
        data: { statusLine: elsewhere.field.line },
      });
    } else if (!decision) {
      report({ message: 'No `**Status**:` line: the certificate has no DECISION/OUTCOME section to state its verdict in.', span });
    } else {
      report({ message: `"## ${decision.heading.text}" has no \`**Status**: <VALUE>\` line stating the verdict.`, span });
    }
  },
);

/** The H2 section an offset lies in (its heading text), if any. */
function sectionTitle(model: CertificateModel, offset: number): string | undefined {
  return model.sections.find((s) => s.span.start <= offset && offset < s.span.end)?.heading.text;
}
