/**
 * What the runner takes and reports. Plain data, so the CLI (which has the core's checklist model) and the
 * editor (which has the server's DocumentInfo) can both feed it; see fromTaskInfo in ./input.ts.
 */
import type { ExpectationReview, RunPhaseResult, RunSnippetResult, RunTaskResult, SnippetOptionsInfo } from '../protocol/index';

export interface RunnerSnippet {
  /** Fence language, lower-cased (`bash`, `sh`, `python`). */
  lang: string;
  code: string;
  /** `# Expected:` texts, in order. */
  expected: string[];
  /** Options from the fence info string (`{exit=1}`, `{cwd=src}`, `{timeout=30}`, `{env=.env}`, `{stderr}`, `{skip}`, `{manual}`). */
  options?: SnippetOptionsInfo;
}

export interface RunnerTask {
  phase: number;
  /** 1-based line of the task's list item. */
  line: number;
  label?: string;
  text: string;
  /** Ticked in the document when the run started (an unticked manual task keeps its phase PENDING). */
  checked?: boolean;
  snippets: RunnerSnippet[];
}

export interface RunnerPhase {
  number: number;
  name: string;
  tasks: RunnerTask[];
}

export interface RunCallbacks {
  onPhaseStart?(phase: RunnerPhase): void;
  onTaskStart?(task: RunnerTask): void;
  /** Before a snippet starts: the command shown to the user and the program that runs it. */
  onSnippetStart?(task: RunnerTask, snippet: RunnerSnippet, program: string): void;
  /** Output of the running snippet (stdout and stderr merged, in arrival order), decoded as UTF-8. */
  onOutput?(chunk: string): void;
  onSnippetEnd?(task: RunnerTask, result: RunSnippetResult): void;
  onTaskEnd?(task: RunnerTask, result: RunTaskResult): void;
  onPhaseEnd?(phase: RunnerPhase, result: PhaseResult): void;
}

export type PhaseResult = RunPhaseResult;

/** Asked after a snippet with prose expectations ran: the person's decision, or undefined to leave it for later. */
export type ReviewPrompt = (task: RunnerTask, result: RunSnippetResult, expectation: RunSnippetResult['expected'][number]) => Promise<Omit<ExpectationReview, 'at'> | undefined>;

export interface RunOptions {
  /** Working directory of every snippet: the workspace folder. */
  cwd: string;
  /** Per-snippet timeout in milliseconds (default 300 s). */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when a snippet times out or is cancelled (default 2 s). */
  killGraceMs?: number;
  /** Stop at the first failing task: the rest of the run is skipped. */
  stopOnFailure?: boolean;
  /** `# Expected:` texts mapped to regular expressions (config `run.expectedPatterns`). */
  expectedPatterns?: Record<string, string>;
  /** Bytes of output kept from the start and from the end of each snippet's output (default 64 KiB each). */
  excerptBytes?: number;
  /** Cancels the run: the running snippet's process group is killed, the rest is skipped. */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  callbacks?: RunCallbacks;
  /** Snippets the person chose not to run in this run's confirmation: recorded as declined, their task pending. */
  declined?: (task: RunnerTask, snippet: RunnerSnippet) => boolean;
  /**
   * Run inputs: the names each phase needs and the values supplied. Set ones reach the snippets as environment
   * variables; a snippet of a phase whose input is unset fails without running.
   */
  inputs?: { byPhase: ReadonlyMap<number, readonly string[]>; values: Readonly<Record<string, string>> };
  /**
   * Tasks (by 1-based line) whose `Requires review:` does not hold now, with why (the checklist-review-gate
   * finding): they fail without running, manual tasks included.
   */
  reviewGates?: ReadonlyMap<number, string>;
  /** Review prose expectations right after their snippet ran (the CLI on a terminal); else they stay pending. */
  review?: ReviewPrompt;
}
