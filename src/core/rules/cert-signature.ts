import { stripEmphasis } from '../parse/mdast-utils';
import { certificateRule } from './types';
import { formatCanonical, headerInstant, parseLoose } from './shared/dates';
import { cleanValue, headerFields, normKey } from './shared/header';

export default certificateRule(
  {
    id: 'cert-signature',
    description: 'The SIGNATURE section has an Agent and a Timestamp, and they agree with the header (the same instant in another form agrees).',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['signature'],
  },
  ({ model, report }) => {
    const sig = model.signature;
    if (!sig) return; // cert-section-missing reports the missing section
    const field = (name: string) => sig.fields.find((f) => normKey(f.key) === name);
    const agent = field('agent');
    const stamp = field('timestamp') ?? field('date');
    const at = sig.section.heading.span;
    if (!agent) report({ message: 'SIGNATURE has no `Agent: <name>` line.', span: at });
    if (!stamp) report({ message: 'SIGNATURE has no `Timestamp: <date>` line.', span: at });
    const headerAgent = headerFields(model, 'Agent')[0];
    if (agent && headerAgent) {
      const a = cleanValue(agent.value);
      const h = cleanValue(headerAgent.value);
      if (a && h && a.toLowerCase() !== h.toLowerCase()) {
        report({ message: `SIGNATURE Agent "${a}" differs from the header Agent "${h}" (line ${headerAgent.line}).`, span: agent.valueSpan });
      }
    }
    const headerDate = headerFields(model, 'Date')[0];
    if (stamp && headerDate) {
      const s = stripEmphasis(stamp.value).trim();
      const t = parseLoose(s)?.time;
      const h = headerInstant(cleanValue(headerDate.value));
      if (h === undefined) return; // cert-date-format reports the header Date
      if (t === undefined) {
        report({ message: `SIGNATURE Timestamp "${s}" is not a recognisable date-time (the header Date is ${formatCanonical(h)}).`, span: stamp.valueSpan });
      } else if (t !== h) {
        report({ message: `SIGNATURE Timestamp ${formatCanonical(t)} differs from the header Date ${formatCanonical(h)} (line ${headerDate.line}).`, span: stamp.valueSpan });
      }
    }
  },
);
