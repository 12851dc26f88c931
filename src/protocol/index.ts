/**
 * The contract between the VS Code client and the language server (and the runner, which both sides use).
 * Plain types and method names only: this folder imports neither side, nor the core, nor any library, so the
 * client bundle stays small. Ranges are LSP ranges (0-based lines, UTF-16 characters).
 */
export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** `signoff/documentInfo`: what the client needs to show status, progress and to drive checklists. */
export const DOCUMENT_INFO_REQUEST = 'signoff/documentInfo';

export interface DocumentInfoParams {
  uri: string;
}

export interface SnippetInfo {
  /** Fence language, lower-cased (`bash`, `sh`, `python`); empty when none. */
  lang: string;
  code: string;
  /** The whole fence. */
  range: LspRange;
  /** `# Expected:` texts in the snippet, in order. */
  expected: string[];
  /** Options of the fence's `{...}` group (`{exit=1}`, `{cwd=src}`…). */
  options?: SnippetOptionsInfo;
}

/** Snippet options from the fence info string; see src/core/parse/fence-options.ts. */
export interface SnippetOptionsInfo {
  /** Exit code that counts as success (default 0). */
  exit?: number;
  /** Working directory, relative to the workspace folder. */
  cwd?: string;
  /** Timeout in seconds for this snippet. */
  timeout?: number;
  /** An env file (`KEY=value` lines), relative to the workspace folder. */
  env?: string;
  /** Match expectations on stderr as well as stdout. */
  stderr?: boolean;
  /** Not run, not counted: the snippet is an illustration. */
  skip?: boolean;
  /** Not run: a person runs it and ticks the task. */
  manual?: boolean;
}

export type PhaseVerdictValue = 'GO' | 'NO-GO' | 'PENDING';

export interface TaskInfo {
  checked: boolean;
  /** Exactly the three characters `[ ]` / `[x]`. */
  checkboxRange: LspRange;
  label?: string;
  text: string;
  /** 0-based line of the task's list item. */
  line: number;
  /** 0-based last line of the task's list item (for "is the cursor in this task"). */
  endLine: number;
  phase?: number;
  snippets: SnippetInfo[];
}

export interface PhaseInfo {
  number: number;
  name: string;
  /** The phase heading. */
  headingRange: LspRange;
  /** 0-based last line of the phase. */
  endLine: number;
  done: number;
  total: number;
  tasks: TaskInfo[];
  /** Verdict of the latest recorded run of this phase, if any. */
  lastRun?: { verdict: PhaseVerdictValue; at: string; record: string; stale?: boolean; toReview?: number; failed?: number };
  /** Run inputs the phase's snippets need (`<!-- signoff: inputs NAME, ... -->` before or in the phase). */
  inputs?: string[];
}

export interface DocumentInfo {
  uri: string;
  kind: 'certificate' | 'checklist' | null;
  /** Certificates: the status as written and its canonical value (undefined when unknown). */
  status?: { raw: string; value?: string };
  certificateId?: string;
  /** Checklists. */
  title?: string;
  progress?: { done: number; total: number };
  phases?: PhaseInfo[];
  /** Tasks outside any phase. */
  looseTasks?: TaskInfo[];
  /** Certificates with a seal: what the last check says of it (absent when unsealed). */
  seal?: SealInfo;
  /** Certificates the review ledger says no longer hold: the one that holds instead (absent when current). */
  superseded?: { by: string; byId?: string; explicit: boolean };
  /**
   * Checklists: tasks (1-based line) whose `Requires review:` does not hold now, with the checklist-review-gate
   * finding's words: a run fails them without running, as `signoff run` does (absent when none).
   */
  reviewGates?: { line: number; message: string }[];
}

/** The state of a certificate's seal for the status bar (from the seal rules' findings). */
export interface SealInfo {
  /** `pending`: the document's current version was not checked yet. */
  state: 'sealed' | 'modified' | 'pending';
  /** Cited line ranges whose sealed fingerprint no longer matches. */
  staleReferences: number;
  signature: 'none' | 'valid' | 'failed' | 'unverified';
}

/**
 * `signoff/seal` (client -> server request): seal the open certificate as `signoff seal` would, from its current
 * (possibly unsaved) text. The server answers with one edit for the client to apply, or why it did not seal. The
 * client only asks in a trusted workspace (signing runs ssh-keygen); the server refuses otherwise too.
 */
export const SEAL_REQUEST = 'signoff/seal';

export interface SealParams {
  uri: string;
  /** Document version the edit is computed for; the client applies it only to that version. */
  version: number;
  /** SSH private key to sign with (`signoff.seal.key`), absolute. */
  key?: string;
}

export type SealResult =
  | { ok: true; edit: { range: LspRange; newText: string } | null; summary: string }
  | { ok: false; error: string };

/** Commands the server's code lenses invoke; the client implements them. Arguments: [uri, phaseNumber] / [uri, snippetStartLine]. */
export const COMMAND_RUN_PHASE = 'signoff.runPhaseChecks';
export const COMMAND_RUN_ALL_PHASES = 'signoff.runAllPhases';
export const COMMAND_RUN_SNIPPET = 'signoff.runSnippetInTerminal';
/** Reruns the tasks of a phase that failed or wait in its latest record. Arguments: [uri, phaseNumber]. */
export const COMMAND_RERUN_FAILED = 'signoff.rerunFailedChecks';
/** The VS Code client's Check All / Uncheck All in Phase (one undoable edit). Arguments: [uri, phaseNumber]. */
export const COMMAND_CHECK_ALL_IN_PHASE = 'signoff.checkAllInPhase';
export const COMMAND_UNCHECK_ALL_IN_PHASE = 'signoff.uncheckAllInPhase';
/** The quick pick of prose expectations waiting for a person. Arguments: none, or [uri]. */
export const COMMAND_REVIEW_PENDING = 'signoff.reviewPendingExpectations';

/**
 * Commands the server executes itself (`workspace/executeCommand`, applied through `workspace/applyEdit`), for every
 * LSP client. Arguments: `[uri, line]` with a 0-based line in the task or phase; the phase commands also take
 * `[uri, { phase: n }]`. Distinct from the VS Code client's own command ids, which it registers itself.
 */
export const SERVER_COMMAND_TOGGLE_TASK = 'signoff.lsp.toggleTask';
export const SERVER_COMMAND_CHECK_PHASE = 'signoff.lsp.checkAllInPhase';
export const SERVER_COMMAND_UNCHECK_PHASE = 'signoff.lsp.uncheckAllInPhase';
export const SERVER_COMMANDS = [SERVER_COMMAND_TOGGLE_TASK, SERVER_COMMAND_CHECK_PHASE, SERVER_COMMAND_UNCHECK_PHASE] as const;

/**
 * `initializationOptions.clientCommands: true`: the client implements the code lenses' commands (run phase checks,
 * run snippet in terminal), as the VS Code client does. Without it, lenses offer only what the server can do.
 */
export interface InitializationOptions {
  workspaceTrusted?: boolean;
  clientCommands?: boolean;
}

/**
 * `signoff/runRecorded` (client -> server notification): the editor's runner wrote a run record. The server re-checks
 * the checklist at once instead of waiting for a file watcher event, which can be missed (a file written into a
 * folder created a moment earlier) or never come (`files.watcherExclude` covering dot folders). Records written by
 * `signoff run` still arrive as file events.
 */
export const RUN_RECORDED_NOTIFICATION = 'signoff/runRecorded';

export interface RunRecordedParams {
  /** The checklist that ran (the server reads its records from the folder, as for a file event). */
  checklistUri: string;
}

/** Folder (workspace-relative) where run records are written, one JSON file per run. */
export const RUNS_FOLDER = '.signoff/runs';

/** A run record, `.signoff/runs/<checklist-name>-<timestamp>.json`, written by the CLI and the editor alike. */
export interface RunRecord {
  version: 1;
  /** Workspace-relative path of the checklist, `/` separators. */
  checklist: string;
  phases: number[];
  /** `git rev-parse HEAD` at run time, or null outside git. */
  commit: string | null;
  startedAt: string;
  endedAt: string;
  /** Where the run came from. */
  runner: 'cli' | 'vscode';
  tasks: RunTaskResult[];
  phaseResults: RunPhaseResult[];
  /** The run was stopped by this signal (Ctrl-C): its results are partial. */
  interrupted?: 'SIGINT' | 'SIGTERM';
  /** Who ran it: git user.name / user.email of the workspace, or `signoff run --by`. */
  by?: RunPerson;
  /** A rerun of what failed or waited (`signoff run --failed`): the workspace-relative records it reran. */
  previous?: string[];
  /** Ticks the run removed from the document: tasks ticked before the run whose check failed or was rejected. */
  unticked?: RunTaskRef[];
  /** Manual tasks of the phases run (no snippet to run), ticked or not when the run started, and by whom. */
  manualTasks?: (RunTaskRef & { checked: boolean })[];
  /** Run inputs by name (`<!-- signoff: inputs NAME, ... -->`); values of secret-like names are masked. */
  inputs?: Record<string, string>;
  /** `signoff run --sign KEY`: an SSHSIG (namespace `signoff-run`) over the record without this field. */
  signature?: { namespace: 'signoff-run'; signature: string };
}

/** A person, as git knows them. */
export interface RunPerson {
  name: string;
  email?: string;
}

/** A task named in a record (where it was when the run ended). */
export interface RunTaskRef {
  phase: number;
  /** 1-based line. */
  line: number;
  label?: string;
  text: string;
}

/**
 * GO: every automated check passed and nothing waits for a person. NO-GO: any failure (or tasks skipped after one).
 * PENDING: no failure, but prose expectations wait for review, or manual tasks are unticked.
 */
export interface RunPhaseResult {
  phase: number;
  verdict: PhaseVerdictValue;
  passed: number;
  failed: number;
  manual: number;
  skipped: number;
  /** Tasks whose automated checks passed but whose prose expectations (or unconfirmed snippets) wait for a person. */
  pending?: number;
  /** Manual tasks (no snippet to run) not ticked when the run started. */
  manualOpen?: number;
}

/** A person's decision on a prose expectation, recorded in the run record. */
export interface ExpectationReview {
  decision: 'confirmed' | 'rejected';
  by: string;
  /** git user.email of the person who decided, when known. */
  email?: string;
  at: string;
}

export interface RunExpectationResult {
  text: string;
  /** For prose: false until a person confirms it (see review); never a failure on its own. */
  met: boolean;
  /** How the line was classified (src/runner/expectations.ts); absent in records of older versions (literal). */
  class?: 'literal' | 'pattern' | 'numeric' | 'prose';
  pattern?: string;
  error?: string;
  /** What the output showed for it (numeric), masked. */
  actual?: string;
  /** Expected vs actual as a unified diff, when the output has several lines (masked). */
  diff?: string;
  review?: ExpectationReview;
  /** Met because the output contains the expectation's text word for word (whitespace runs as one space), whatever its class. */
  literalMatch?: boolean;
}

export interface RunTaskResult {
  phase: number;
  /** 1-based line of the task when it ran (lines move; match by label/text first). */
  line: number;
  label?: string;
  text: string;
  /** pending: no check failed, but a person must review a prose expectation (or confirm a snippet). */
  status: 'passed' | 'failed' | 'skipped' | 'pending';
  snippets: RunSnippetResult[];
  /** The task has a `{manual}` snippet: it waits for a person even when its other snippets pass. */
  manualSnippet?: boolean;
  /** Not run again (`--failed`): it passed in this earlier record and its snippets are unchanged. */
  carriedFrom?: string;
  /** The task says `Requires review: ...` and that review does not hold now (checklist-review-gate): failed, not run. */
  reviewGate?: string;
}

export interface RunSnippetResult {
  lang: string;
  command: string;
  /** sha-256 (hex) of the command text (line endings normalised to \n), so a later edit of the snippet invalidates the result. */
  commandSha256: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The per-snippet time limit the run used. */
  timeoutMs?: number;
  durationMs: number;
  /** The captured output, capped (head and tail). */
  outputExcerpt: string;
  /** sha-256 (hex) of the full captured output. */
  outputSha256: string;
  /** Size of the full output in bytes (the excerpt keeps only its head and tail). */
  outputBytes?: number;
  /** Each expectation line's class and result; `pattern` is the regular expression used; `error` why it could not be checked. */
  expected: RunExpectationResult[];
  /** Exit code that counts as success (`{exit=N}`; 0 when absent). */
  expectedExit?: number;
  /** The snippet did not parse (`bash -n`, Python compile) and was not run. */
  syntaxError?: string;
  /** Not run because what it needs is missing: an unset run input, an `{env=…}` file or `{cwd=…}` folder. */
  setupError?: string;
  /** The person declined to run this snippet in the run's confirmation. */
  declined?: boolean;
  /** Not run: an earlier snippet of the task failed, or the run stopped or was cancelled before it. */
  notRun?: boolean;
  /** Killed because the run was cancelled. */
  cancelled?: boolean;
}

export * from './ledger';
