import type { Fix } from '../types';
import { certificateRule } from './types';
import { CANONICAL_FORM, formatCanonical, parseCanonical, parseLoose } from './shared/dates';
import { cleanValue, headerFields } from './shared/header';

export default certificateRule(
  {
    id: 'cert-date-format',
    description: `The header Date is written \`${CANONICAL_FORM}\`.`,
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: true,
    tags: ['header', 'dates'],
  },
  ({ model, report }) => {
    const field = headerFields(model, 'Date')[0];
    if (!field) return;
    const value = cleanValue(field.value);
    if (!value || parseCanonical(value) !== undefined) return;
    if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/.test(value)) {
      report({ message: `Date "${value}" has the form ${CANONICAL_FORM} but is not a real date-time.`, span: field.valueSpan });
      return;
    }
    const loose = parseLoose(value);
    const fixes: Fix[] = [];
    let hint = '';
    if (loose?.hasTime) {
      const canonical = formatCanonical(loose.time);
      // With a zone (Z, UTC, +02:00) the rewrite names the same instant: safe. Without one it assumes UTC.
      fixes.push({
        title: loose.zoned ? `Rewrite as ${canonical}` : `Rewrite as ${canonical} (assuming the time is UTC)`,
        edits: [{ start: field.valueSpan.start, end: field.valueSpan.end, newText: canonical }],
        safe: loose.zoned,
      });
      hint = loose.zoned ? ` (the same instant is ${canonical})` : ` (if the time is UTC: ${canonical})`;
    } else if (loose) {
      hint = ' (it has no time of day)';
    }
    report({ message: `Date "${value}" is not in the form ${CANONICAL_FORM}${hint}.`, span: field.valueSpan, fixes });
  },
);
