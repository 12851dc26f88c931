/** Turns the server's DocumentInfo (what the editor has) into runner phases. */
import type { PhaseInfo, TaskInfo } from '../protocol/index';
import type { RunnerPhase, RunnerTask } from './types';

export function taskFromInfo(t: TaskInfo, phase: number): RunnerTask {
  return {
    phase,
    line: t.line + 1,
    label: t.label,
    text: t.text,
    checked: t.checked,
    snippets: t.snippets.map((s) => ({ lang: s.lang, code: s.code, expected: s.expected, ...(s.options ? { options: s.options } : {}) })),
  };
}

export function phaseFromInfo(p: PhaseInfo): RunnerPhase {
  return { number: p.number, name: p.name, tasks: p.tasks.map((t) => taskFromInfo(t, p.number)) };
}
