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
}

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
  lastRun?: { verdict: 'GO' | 'NO-GO'; at: string; record: string };
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
}

/** Commands the server's code lenses invoke; the client implements them. Arguments: [uri, phaseNumber] / [uri, snippetStartLine]. */
export const COMMAND_RUN_PHASE = 'signoff.runPhaseChecks';
export const COMMAND_RUN_ALL_PHASES = 'signoff.runAllPhases';
export const COMMAND_RUN_SNIPPET = 'signoff.runSnippetInTerminal';

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
  phaseResults: { phase: number; verdict: 'GO' | 'NO-GO'; passed: number; failed: number; manual: number; skipped: number }[];
}

export interface RunTaskResult {
  phase: number;
  /** 1-based line of the task when it ran (lines move; match by label/text first). */
  line: number;
  label?: string;
  text: string;
  status: 'passed' | 'failed' | 'skipped';
  snippets: RunSnippetResult[];
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
  /** `pattern`: the regular expression from config `run.expectedPatterns` used instead of the literal text; `error`: why it could not be checked. */
  expected: { text: string; met: boolean; pattern?: string; error?: string }[];
  /** Not run: an earlier snippet of the task failed, or the run stopped or was cancelled before it. */
  notRun?: boolean;
  /** Killed because the run was cancelled. */
  cancelled?: boolean;
}
