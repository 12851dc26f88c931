import { certificateRule } from './types';
import { formatCanonical, headerInstant } from './shared/dates';
import { cleanValue, headerFields } from './shared/header';

export default certificateRule(
  {
    id: 'cert-date-future',
    description: 'The header Date is not later than now.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['header', 'dates'],
  },
  ({ model, report, now }) => {
    const field = headerFields(model, 'Date')[0];
    if (!field) return;
    const time = headerInstant(cleanValue(field.value));
    if (time === undefined || time <= now.getTime()) return;
    const days = Math.floor((time - now.getTime()) / 86_400_000);
    const ahead = days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : 'less than a day';
    report({ message: `Date ${formatCanonical(time)} is in the future: ${ahead} after now (${formatCanonical(now.getTime())}).`, span: field.valueSpan });
  },
);
