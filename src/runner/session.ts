/**
 * One run of a checklist, from choosing what runs to the record: shared by `signoff run` and the editor's runner,
 * which differ only in how they ask (a terminal prompt, an input box) and how they change the document (bytes on
 * disk, one workspace edit). A session knows:
 *
 * - what runs: the selected phases, or with `rerunFailed` only the tasks that failed, waited or were skipped in the
 *   phase's latest record (a task that passed there, with unchanged snippets, is carried over into the new record,
 *   which links the one it reran); manual tasks stay, so their unticked state still keeps a phase PENDING;
 * - the run inputs each phase needs and which are missing;
 * - the result: the record (who ran it, inputs by name, masked when secret-like), the tasks to tick (passed) and to
 *   untick (ticked before the run, failed now), and the overall verdict.
 */
import type { RunPerson, RunRecord, RunTaskRef, RunTaskResult } from '../protocol/index';
import { commandHash, isManualTask, isRunnable, overallVerdict, recordedInputs, recountPhase, type StoredRecord } from '../core/runs/index';
import { buildRecord } from './record';
import type { RunOutcome } from './run';
import { matchResult } from './tick';
import type { RunnerPhase, RunnerSnippet, RunnerTask } from './types';

export interface SessionSpec {
  /** Workspace-relative path of the checklist, `/` separators. */
  checklist: string;
  /** The phases chosen, with all their tasks as the document has them now. */
  phases: readonly RunnerPhase[];
  /** Run inputs each phase needs (core/runs/inputs.ts inputsByPhase). */
  inputsByPhase?: ReadonlyMap<number, readonly string[]>;
  /** Rerun only what did not pass in these records (the latest record of each phase). */
  rerunOf?: ReadonlyMap<number, StoredRecord>;
}

export interface RunnableSnippet {
  phase: RunnerPhase;
  task: RunnerTask;
  snippet: RunnerSnippet;
}

export interface SessionResult {
  record: RunRecord;
  /** Passing tasks (this run's, not carried over) to tick. */
  tick: RunTaskResult[];
  /** Tasks ticked when the run started whose check failed: the run unticks them. */
  untick: RunTaskResult[];
  verdict: RunRecord['phaseResults'][number]['verdict'];
}

export class RunSession {
  /** What runs: the chosen phases, narrowed to what failed or waited when rerunning. */
  readonly phases: RunnerPhase[];
  readonly runnable: RunnableSnippet[];
  /** Every input the phases that run need, in declaration order. */
  readonly inputNames: string[];
  /** Results carried over from the reran records, per phase. */
  private readonly carried = new Map<number, RunTaskResult[]>();
  private readonly previous: string[] = [];

  constructor(private readonly spec: SessionSpec) {
    this.phases = spec.phases.map((p) => this.narrow(p)).filter((p): p is RunnerPhase => !!p);
    this.runnable = this.phases.flatMap((phase) => phase.tasks.flatMap((task) => task.snippets.filter(isRunnable).map((snippet) => ({ phase, task, snippet }))));
    const names = this.phases.flatMap((p) => spec.inputsByPhase?.get(p.number) ?? []);
    this.inputNames = [...new Set(names)];
  }

  /** Inputs the run needs that `values` lacks (an empty string is a value). */
  missingInputs(values: Readonly<Record<string, string | undefined>>): string[] {
    return this.inputNames.filter((n) => values[n] === undefined);
  }

  /** The runner's `inputs` option for these values. */
  inputsOption(values: Readonly<Record<string, string | undefined>>) {
    const set = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && this.inputNames.includes(e[0])));
    return { byPhase: new Map(this.phases.map((p) => [p.number, this.spec.inputsByPhase?.get(p.number) ?? []])), values: set };
  }

  /** The rerun found nothing to run again: every task of the chosen phases passed in their latest records. */
  get nothingToRerun(): boolean {
    return !!this.spec.rerunOf && !this.runnable.length;
  }

  finish(outcome: RunOutcome, meta: { commit: string | null; runner: RunRecord['runner']; by?: RunPerson; inputs?: Readonly<Record<string, string | undefined>> }): SessionResult {
    const fresh = outcome.tasks;
    const tasks = [...fresh];
    for (const [, list] of this.carried) tasks.push(...list);
    tasks.sort((a, b) => a.phase - b.phase || a.line - b.line);
    const phaseResults = this.carried.size ? outcome.phaseResults.map((p) => recountPhase(p, tasks)) : outcome.phaseResults;
    const record = buildRecord(this.spec.checklist, this.phases.map((p) => p.number), meta.commit, meta.runner, { ...outcome, tasks, phaseResults });
    if (meta.by) record.by = meta.by;
    if (this.previous.length) record.previous = [...this.previous];
    if (this.inputNames.length) record.inputs = recordedInputs(this.inputNames, meta.inputs ?? {});
    const manual = this.phases.flatMap((p) => p.tasks.filter(isManualTask).map((t) => ({ ...ref(t), checked: !!t.checked })));
    if (manual.length) record.manualTasks = manual;
    const wasChecked = (r: RunTaskResult) => !!this.phases.find((p) => p.number === r.phase)?.tasks.find((t) => t.line === r.line && t.text === r.text)?.checked;
    return {
      record,
      tick: fresh.filter((t) => t.status === 'passed'),
      untick: fresh.filter((t) => t.status === 'failed' && wasChecked(t)),
      verdict: overallVerdict(phaseResults),
    };
  }

  private narrow(p: RunnerPhase): RunnerPhase | undefined {
    const prev = this.spec.rerunOf?.get(p.number);
    if (!this.spec.rerunOf) return p;
    if (!prev) return p; // never run: all of it
    const carried: RunTaskResult[] = [];
    const tasks = p.tasks.filter((t) => {
      if (isManualTask(t)) return true;
      const r = matchResult({ ...ref(t), status: 'passed', snippets: [] }, prev.record.tasks.filter((x) => x.phase === p.number), 1);
      const hashes = t.snippets.filter(isRunnable).map((s) => commandHash(s.code));
      const same = r && r.snippets.length === hashes.length && r.snippets.every((s, i) => s.commandSha256 === hashes[i]);
      if (r?.status === 'passed' && same) {
        carried.push({ ...r, line: t.line, carriedFrom: r.carriedFrom ?? prev.path });
        return false;
      }
      return true;
    });
    this.carried.set(p.number, carried);
    if (!this.previous.includes(prev.path)) this.previous.push(prev.path);
    return { ...p, tasks };
  }
}

export function ref(t: Pick<RunnerTask, 'phase' | 'line' | 'label' | 'text'>): RunTaskRef {
  return { phase: t.phase, line: t.line, ...(t.label !== undefined ? { label: t.label } : {}), text: t.text };
}
