import { certificateRule } from './types';

/** Wording that makes a condition a requirement rather than advice. */
const BINDING = /\b(?:must|required|requires|mandatory|shall)\b/i;
/** `None required`, `no action required`, `not required`: requirement words that say nothing is required. */
const NOT_BINDING = /\b(?:none|no|not|nothing)\b[^.;]{0,30}\b(?:required|mandatory)\b|^\s*(?:none|n\/a)\b/i;
const binds = (text: string) => BINDING.test(text) && !NOT_BINDING.test(text);

export default certificateRule(
  {
    id: 'cert-approved-with-conditions',
    description: 'An APPROVED certificate does not carry conditions worded as requirements (must / required / mandatory): that is a conditional approval.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['decision'],
  },
  ({ model, doc, report }) => {
    const status = model.status;
    if (!status || status.value !== 'APPROVED' || status.words.length !== 1) return;
    for (const c of model.conditions) {
      if (c.none) continue;
      // `### Mandatory Implementation Conditions` makes every item under it a requirement, whatever its wording.
      const labelBinds = binds(c.label);
      const binding = labelBinds ? c.items : c.items.filter((i) => binds(i.text));
      if (!binding.length) continue;
      const word = BINDING.exec(labelBinds ? c.label : binding[0].text)![0];
      const first = binding[0].text.split('\n')[0];
      report({
        message: `Status is APPROVED but **${c.label}** has ${binding.length} requirement${binding.length === 1 ? '' : 's'} ("${word}": ${first.length > 80 ? first.slice(0, 77) + '...' : first}); that is CONDITIONALLY_APPROVED.`,
        span: c.span.start === binding[0].span.start ? binding[0].span : { start: c.span.start, end: c.span.start + c.label.length + 4 },
        related: [{ path: doc.path, span: status.valueFullSpan, message: `Status: ${status.raw}` }],
      });
      return;
    }
  },
);
