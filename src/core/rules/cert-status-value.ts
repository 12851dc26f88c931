import type { Fix } from '../types';
import { certificateRule } from './types';
import { statusVerdictNames } from './cert-verdict-conflict';

/** Verdict words outside the vocabulary whose meaning is plain enough to offer a (reviewed, not automatic) rewrite. */
const READS_AS: Record<string, string> = { GO: 'APPROVED', 'NO-GO': 'REJECTED', NO_GO: 'REJECTED', NOGO: 'REJECTED' };

export default certificateRule(
  {
    id: 'cert-status-value',
    description: 'The Status value is one word of the status vocabulary, written bare (no emoji, emphasis or trailing notes).',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: true,
    tags: ['decision'],
  },
  ({ model, config, report }) => {
    const status = model.status;
    if (!status) return;
    const vocabulary = config.statuses.values;
    const allowed = vocabulary.join(', ');
    const raw = status.raw.trim();
    const span = status.valueFullSpan;
    const replace = (title: string, newText: string, safe: boolean): Fix => ({ title, edits: [{ start: span.start, end: span.end, newText }], safe });
    if (!raw) {
      report({ message: `Status is empty (expected one of ${allowed}).`, span: status.field.span });
      return;
    }
    // Two verdicts in one value: cert-verdict-conflict reports it; rewriting would silently pick one.
    if (statusVerdictNames(status).length > 1) return;
    const word = status.words[0];
    if (word?.negated) {
      const fixes = vocabulary.includes('REJECTED') ? [replace('Replace with REJECTED', 'REJECTED', false)] : [];
      report({ message: `Status "${raw}" negates ${word.word.replace(/^(?:NOT|NON|NEVER)[\s_-]+/i, '')}; write the verdict itself (${allowed}).`, span, fixes });
      return;
    }
    if (word?.canonical && vocabulary.includes(word.canonical)) {
      const bare = raw === word.canonical && status.field.value.trim() === word.canonical;
      if (bare) return;
      // The canonical word written as is (or a declared synonym): rewriting to the bare value keeps the meaning.
      const safe = !word.qualified;
      const what = word.qualified
        ? `qualifies APPROVED with conditions, which is ${word.canonical}`
        : word.word === word.canonical
          ? `decorates ${word.canonical}`
          : `spells ${word.canonical} as "${word.word}"`;
      report({
        message: `Status "${status.field.value.trim()}" ${what}; write the bare value \`${word.canonical}\`.`,
        span,
        severity: 'warning',
        fixes: [replace(`Write the bare value ${word.canonical}`, word.canonical, safe)],
      });
      return;
    }
    const unknown = word?.word ?? status.otherWords[0]?.word ?? raw;
    const target = READS_AS[unknown.toUpperCase().replace(/ /g, '-')];
    const fixes = target && vocabulary.includes(target) ? [replace(`Replace with ${target}`, target, false)] : [];
    const addable = /^[A-Z][A-Z0-9_-]*$/.test(unknown) ? `, or add "${unknown}" to statuses.values in .signoff.json` : '';
    report({
      message: `Status "${raw}" is not in the status vocabulary (${allowed})${target ? `; "${unknown}" reads as ${target}` : ''}. Use one of them${addable}.`,
      span,
      fixes,
    });
  },
);
