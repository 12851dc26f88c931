import { checklistRule } from './types';

export default checklistRule(
  {
    id: 'checklist-phase-numbering',
    description: 'Phases are numbered 1..n, consecutively, each number once.',
    defaultSeverity: 'error',
    kinds: ['checklist'],
    fixable: false,
    tags: ['structure'],
  },
  ({ model, report }) => {
    // Each phase is compared with the one before it, so one gap or one duplicate is one finding, not a cascade.
    const seen = new Map<number, number>();
    let previous: number | undefined;
    for (const phase of model.phases) {
      const n = phase.number;
      const span = phase.heading.span;
      const first = seen.get(n);
      if (first !== undefined) {
        report({ message: `Phase ${n} is numbered again (first Phase ${n} is on line ${first}).`, span });
      } else if (previous === undefined && n !== 1) {
        report({ message: `The first phase is Phase ${n}; phases are numbered from 1.`, span });
      } else if (previous !== undefined && n !== previous + 1) {
        report({ message: `Phase ${n} follows Phase ${previous}; expected Phase ${previous + 1}.`, span });
      }
      if (first === undefined) seen.set(n, phase.heading.line);
      previous = n;
    }
  },
);
