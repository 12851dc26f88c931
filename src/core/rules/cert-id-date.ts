import { certificateRule } from './types';
import { describeEmbedded, embeddedDate, embeddedMismatch, formatCanonical, headerInstant } from './shared/dates';
import { cleanValue, headerFields } from './shared/header';

export default certificateRule(
  {
    id: 'cert-id-date',
    description: 'The date (and time) embedded in the Certificate ID agree with the header Date.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['header', 'dates'],
  },
  ({ model, report }) => {
    const idField = headerFields(model, 'Certificate ID')[0];
    const dateField = headerFields(model, 'Date')[0];
    if (!idField || !dateField) return;
    const time = headerInstant(cleanValue(dateField.value));
    if (time === undefined) return;
    const raw = idField.value;
    const embedded = embeddedDate(raw);
    if (!embedded) return;
    const diff = embeddedMismatch(embedded, time);
    if (!diff.length) return;
    const start = idField.valueSpan.start + embedded.start;
    report({
      message: `Certificate ID says ${describeEmbedded(embedded)} but Date is ${formatCanonical(time)} (the ${diff.join(', ')} differ${diff.length === 1 ? 's' : ''}).`,
      span: { start, end: idField.valueSpan.start + embedded.end },
    });
  },
);
