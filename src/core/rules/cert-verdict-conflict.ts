import type { Status, VerdictWordModel } from '../model/certificate';
import { certificateRule } from './types';

export default certificateRule(
  {
    id: 'cert-verdict-conflict',
    description: 'Other verdict lines (Decision, Recommendation, Verdict, APPROVAL STATUS ...) agree with Status, and Status names one verdict.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['decision'],
  },
  ({ model, doc, report }) => {
    const status = model.status;
    if (!status) return;
    // Two different verdicts inside Status itself (`REJECTED - REQUIRES_REMEDIATION`), whatever they mean.
    const names = statusVerdictNames(status);
    if (names.length > 1) {
      report({ message: `Status "${status.raw}" names ${names.length} verdicts (${names.join(', ')}); keep one.`, span: status.valueFullSpan });
      return;
    }
    // An unknown Status (REQUIRES_CLARIFICATION) still compares by its own word.
    const keys = new Set([...status.words.map((w) => w.key), ...status.otherWords.map((w) => w.word)]);
    if (!keys.size) return; // a Status with no verdict word is cert-status-value's finding; nothing to compare with
    const statusName = status.words[0]?.word ?? status.otherWords[0].word;
    const others = [
      ...model.verdictLines.filter((v) => v.own).map((v) => ({ field: v.field, words: v.words })),
      // A second Status line in the decision section is a verdict line too.
      ...model.statusLines.filter((s) => s !== status && s.inDecisionSection).map((s) => ({ field: s.field, words: s.words })),
    ];
    for (const line of others) {
      if (!line.words.length) continue;
      if (line.words.some((w: VerdictWordModel) => keys.has(w.key))) continue;
      const said = [...new Set(line.words.map((w) => w.word))].join(', ');
      report({
        message: `**${line.field.key}** says ${said} but Status (line ${status.field.line}) is ${statusName}.`,
        span: line.words[0].span,
        related: [{ path: doc.path, span: status.valueFullSpan, message: `Status: ${status.raw}` }],
      });
    }
  },
);

/** The distinct verdicts a Status value names: vocabulary words by their canonical value, others as written. */
export function statusVerdictNames(status: Status): string[] {
  const names = new Set<string>();
  for (const w of status.words) names.add(w.canonical ?? w.word.toUpperCase().replace(/[\s-]+/g, '_'));
  for (const w of status.otherWords) names.add(w.word);
  return [...names];
}
