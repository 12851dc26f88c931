import { certificateRule } from './types';
import { describeEmbedded, embeddedMismatch, fileNameDate, formatCanonical, headerInstant } from './shared/dates';
import { cleanValue, headerFields } from './shared/header';

export default certificateRule(
  {
    id: 'cert-filename-date',
    description: 'The `_YYYYMMDD_HHMMSS` stamp in the file name agrees with the header Date.',
    defaultSeverity: 'info',
    kinds: ['certificate'],
    fixable: false,
    tags: ['header', 'dates', 'path'],
  },
  ({ model, doc, report }) => {
    const stamp = fileNameDate(doc.path);
    if (!stamp) return;
    const dateField = headerFields(model, 'Date')[0];
    if (!dateField) return;
    const time = headerInstant(cleanValue(dateField.value));
    if (time === undefined) return;
    const diff = embeddedMismatch(stamp, time);
    if (!diff.length) return;
    const name = doc.path.slice(doc.path.lastIndexOf('/') + 1);
    report({
      message: `The file name ${name} says ${describeEmbedded(stamp)} but Date is ${formatCanonical(time)} (the ${diff.join(', ')} differ${diff.length === 1 ? 's' : ''}).`,
      span: dateField.valueSpan,
    });
  },
);
