/**
 * The editor side of the checklist runner: "Run Phase Checks", "Run All Phases", "Rerun Failed Checks", "Review
 * Pending Expectations" and "Run in Terminal". The task and snippet data comes from the language server
 * (DocumentInfo); the running and the run session (what runs, inputs, record, boxes) are src/runner, the same code as
 * `signoff run`. Nothing here runs on open, hover or save: only these commands run anything, only in a trusted
 * workspace, and only snippets the user confirmed.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import {
  COMMAND_RERUN_FAILED, COMMAND_REVIEW_PENDING, COMMAND_RUN_ALL_PHASES, COMMAND_RUN_PHASE, COMMAND_RUN_SNIPPET, RUNS_FOLDER,
  type DocumentInfo, type PhaseInfo, type RunRecord, type RunTaskRef, type RunTaskResult, type SnippetInfo, type TaskInfo,
} from '../../protocol/index';
import {
  boxEdits, gitCommit, interpreterFor, latestRunByPhase, matchResult, phaseFromInfo, recordHost, runPerson, runPhases, RunSession, signRecord,
  taskRef, verdictReason, writeRecord,
} from '../../runner/index';
import { keyPath } from '../commands/seal';
import { DisplayLimiter, commandLines, phaseHeader, runSeparator, snippetEnd, taskEnd, taskHeader, verdictLine, verdictSummary } from './format';
import { offerRecordsPlace } from './records-gitignore';
import { askInputs } from './inputs';
import { ReviewQueue, type PendingReview } from './reviews';
import { RunTerminals } from './terminal';
import { confirmSnippets, requireTrust, snippetApprovalKey } from './trust';

/** What the runner needs from the language client: the server's view of a document. */
export interface RunnerServer {
  documentInfo(document: vscode.TextDocument): Promise<DocumentInfo | undefined>;
  /** A run record was written for the document: the server re-checks it without waiting for a file event. */
  runRecorded(document: vscode.TextDocument): void;
}

type Log = Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error'>;

/** Settings read (per resource): `signoff.run.timeoutSeconds` (default 300), `signoff.run.stopOnFirstFailure` (false). */
export const SETTING_TIMEOUT = 'run.timeoutSeconds';
export const SETTING_STOP = 'run.stopOnFirstFailure';

/** A command of the runner, by id (registered at activation by ./lazy.ts, which loads this bundle on first use). */
export type RunnerCommands = Record<string, (...args: unknown[]) => unknown>;

/**
 * Starts the runner: the review status bar item and its watcher, and the commands' implementations (returned by id;
 * ./lazy.ts registers the ids at activation and calls these).
 */
export function startRunner(context: vscode.ExtensionContext, client: RunnerServer, log: Log): { commands: RunnerCommands; disposables: vscode.Disposable[] } {
  const running = new Set<string>();
  // One run terminal per checklist, reused by its runs. Deactivation (window closed, extension host restarting)
  // disposes them, which cancels a run still going: its process group is killed.
  const terminals = new RunTerminals();
  const reviews = new ReviewQueue(log, (p, record) => afterReview(client, p, record));
  const ctx: RunContext = { context, client, log, running, terminals, reviews };
  // What waits for review is shown from the start, and follows records written by `signoff run` too.
  void reviews.refresh();
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${RUNS_FOLDER}/*.json`);
  let timer: NodeJS.Timeout | undefined;
  const later = () => { clearTimeout(timer); timer = setTimeout(() => void reviews.refresh(), 300); };
  const disposables = [terminals, reviews, watcher, watcher.onDidCreate(later), watcher.onDidChange(later), watcher.onDidDelete(later)];
  const commands: RunnerCommands = {
    [COMMAND_RUN_PHASE]: (uri?: unknown, phase?: unknown) => runChecks(ctx, uri, typeof phase === 'number' ? phase : undefined, false),
    [COMMAND_RUN_ALL_PHASES]: (uri?: unknown) => runChecks(ctx, uri, undefined, true),
    [COMMAND_RERUN_FAILED]: (uri?: unknown, phase?: unknown) => runChecks(ctx, uri, typeof phase === 'number' ? phase : undefined, false, true),
    [COMMAND_REVIEW_PENDING]: (uri?: unknown) => reviews.pick(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri),
    [COMMAND_RUN_SNIPPET]: (uri?: unknown, line?: unknown) => runInTerminal(context, client, log, uri, typeof line === 'number' ? line : undefined),
  };
  return { commands, disposables };
}

/** The document a command is about: the one its arguments name (a code lens), else the active Markdown editor. */
async function targetDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (typeof uri === 'string' || uri instanceof vscode.Uri) {
    const u = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString()) ?? (await vscode.workspace.openTextDocument(u));
  }
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor.document;
  void vscode.window.showInformationMessage('Signoff: open a checklist in a Markdown editor first.');
  return undefined;
}

/** The workspace folder a checklist runs in (snippets' cwd; records go to its `.signoff/runs`). */
function folderOf(doc: vscode.TextDocument): vscode.WorkspaceFolder | undefined {
  const folder = doc.uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(doc.uri) : undefined;
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Signoff: checklist snippets run in the checklist\'s workspace folder; open the checklist from a folder on disk.');
    return undefined;
  }
  return folder;
}

async function checklistInfo(client: RunnerServer, doc: vscode.TextDocument): Promise<DocumentInfo | undefined> {
  const info = await client.documentInfo(doc);
  if (!info) {
    void vscode.window.showWarningMessage('Signoff: the language server is not available; see "Signoff: Show Output".');
    return undefined;
  }
  if (info.kind !== 'checklist') {
    void vscode.window.showInformationMessage('Signoff: this document is not a checklist.');
    return undefined;
  }
  return info;
}

async function choosePhases(info: DocumentInfo, doc: vscode.TextDocument, given: number | undefined, all: boolean): Promise<PhaseInfo[] | undefined> {
  const phases = info.phases ?? [];
  if (!phases.length) {
    void vscode.window.showInformationMessage('Signoff: this checklist has no "Phase N" headings to run.');
    return undefined;
  }
  if (all) return phases;
  if (given !== undefined) {
    const p = phases.find((x) => x.number === given);
    if (!p) void vscode.window.showWarningMessage(`Signoff: this checklist has no phase ${given}.`);
    return p ? [p] : undefined;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document === doc) {
    const line = editor.selection.active.line;
    const at = phases.find((p) => p.headingRange.start.line <= line && line <= p.endLine);
    if (at) return [at];
  }
  const picked = await vscode.window.showQuickPick(
    phases.map((p) => ({ label: `Phase ${p.number}: ${p.name}`, description: `${p.done}/${p.total} done${p.lastRun ? ` · last run ${p.lastRun.verdict}` : ''}`, phase: p })),
    { title: 'Signoff: Run Phase Checks', placeHolder: 'Which phase?' },
  );
  return picked ? [picked.phase] : undefined;
}

function settings(doc: vscode.TextDocument) {
  const cfg = vscode.workspace.getConfiguration('signoff', doc.uri);
  const timeout = Number(cfg.get<number>(SETTING_TIMEOUT, 300));
  return { timeoutMs: (Number.isFinite(timeout) && timeout > 0 ? timeout : 300) * 1000, stopOnFailure: cfg.get<boolean>(SETTING_STOP, false) === true };
}

/** `run.expectedPatterns` of the folder's `.signoff.json` (strings only; anything else is ignored). */
async function expectedPatterns(root: string): Promise<Record<string, string>> {
  try {
    const cfg = JSON.parse(await fsp.readFile(path.join(root, '.signoff.json'), 'utf8')) as { run?: { expectedPatterns?: unknown } };
    const p = cfg?.run?.expectedPatterns;
    if (!p || typeof p !== 'object') return {};
    return Object.fromEntries(Object.entries(p as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

async function runChecks(ctx: RunContext, uri: unknown, phaseNumber: number | undefined, all: boolean, rerun = false): Promise<void> {
  const { context, client, log, running, terminals } = ctx;
  const target = await runTarget(client, uri, rerun ? 'Rerun Failed Checks' : all ? 'Run All Phases' : 'Run Phase Checks');
  if (!target) return;
  const { doc, folder, info } = target;
  const chosen = await choosePhases(info, doc, phaseNumber, all);
  if (!chosen) return;
  const key = doc.uri.toString();
  if (running.has(key)) {
    void vscode.window.showInformationMessage('Signoff: checks of this checklist are already running.');
    return;
  }

  const fileName = path.basename(doc.uri.fsPath);
  const root = folder.uri.fsPath;
  const rel = path.relative(root, doc.uri.fsPath).split(path.sep).join('/');
  const session = new RunSession({
    checklist: rel,
    phases: chosen.map(phaseFromInfo),
    inputsByPhase: new Map(chosen.map((p) => [p.number, p.inputs ?? []])),
    rerunOf: rerun ? await latestRunByPhase(recordHost(root), rel) : undefined,
  });
  const phases = session.phases;
  const runnable = session.runnable.map(({ phase: p, task: t, snippet: s }) => ({ p, t, s }));
  const label = chosen.length === 1 ? `Phase ${chosen[0].number}` : 'all phases';
  if (session.nothingToRerun) {
    void vscode.window.showInformationMessage(`Signoff: nothing to rerun: every task of ${label} of ${fileName} passed in its latest run.`);
    return;
  }
  if (!runnable.length) {
    void vscode.window.showInformationMessage(`Signoff: ${label} of ${fileName} has no bash, sh or python snippets to run; its tasks are manual.`);
    return;
  }
  const confirmed = await confirmSnippets(
    context.workspaceState,
    runnable.map(({ p, t, s }) => ({ lang: s.lang, code: s.code, where: `${fileName}, Phase ${p.number}, "${t.label ?? t.text}" (line ${t.line})` })),
  );
  if (!confirmed) {
    void vscode.window.showInformationMessage('Signoff: nothing was run.');
    return;
  }
  const inputs = await askInputs(context, session.inputNames, root);

  running.add(key);
  const term = terminals.get(key, `Signoff: ${fileName}`);
  const signal = term.startRun();
  term.terminal.show(true);
  const limiter = new DisplayLimiter();
  let atLineStart = true;
  const { timeoutMs, stopOnFailure } = settings(doc);
  try {
    if (term.runs > 1) term.write(runSeparator(term.runs, new Date()));
    term.write(`${rerun ? 'Rerunning what failed or waits: ' : 'Running '}${runnable.length} snippet${runnable.length === 1 ? '' : 's'} of ${rel} (${label}) in ${root} (timeout ${timeoutMs / 1000} s per snippet${stopOnFailure ? ', stop on first failure' : ''}).\r\nClose this terminal or press Ctrl+C to cancel.\r\n`);
    for (const name of session.missingInputs(inputs)) term.write(`Run input ${name} is not set: the tasks that need it fail without running.\r\n`);
    const outcome = await runPhases(phases, {
      cwd: root,
      timeoutMs,
      stopOnFailure,
      signal,
      expectedPatterns: await expectedPatterns(root),
      inputs: session.inputsOption(inputs),
      // Tasks whose required review does not hold fail without running, as in `signoff run` (the server's findings).
      reviewGates: new Map((info.reviewGates ?? []).map((g) => [g.line, g.message])),
      declined: (_t, sn) => confirmed.declined.has(snippetApprovalKey(sn.lang, sn.code)),
      callbacks: {
        onPhaseStart: (p) => term.write(phaseHeader(p)),
        onTaskStart: (t) => term.write(taskHeader(t)),
        onSnippetStart: (_t, s, program) => { limiter.reset(); atLineStart = true; term.write(commandLines(s.code, program)); },
        onOutput: (chunk) => { if (chunk) atLineStart = chunk.endsWith('\n'); term.write(limiter.take(chunk)); },
        onSnippetEnd: (_t, r) => term.write((atLineStart ? '' : '\r\n') + snippetEnd(r)),
        onTaskEnd: (_t, r) => term.write(taskEnd(r)),
      },
    });
    if (outcome.cancelled) {
      term.write('\r\nRun cancelled: nothing was ticked or recorded.\r\n');
      void vscode.window.showInformationMessage(`Signoff: the run of ${label} was cancelled; nothing was ticked or recorded.`);
      return;
    }
    const result = session.finish(outcome, { commit: await gitCommit(root), runner: 'vscode', by: runPerson(root), inputs });
    // The document shows the run's result: passing tasks ticked, failed ones unticked, in one edit (one undo step).
    const boxes = await setBoxes(client, doc, result.tick, result.untick);
    if (boxes.unticked.length) result.record.unticked = boxes.unticked;
    const firstRecord = !(await fsp.stat(path.join(root, ...RUNS_FOLDER.split('/'))).then(() => true, () => false));
    const signKey = keyPath(vscode.workspace.getConfiguration('signoff', doc.uri).get<string>('seal.key'));
    let record = result.record;
    if (signKey) {
      try {
        record = await signRecord(record, signKey, root);
      } catch (e) {
        term.write(`The run record is not signed: ${(e as Error).message}\r\n`);
      }
    }
    const recordPath = await writeRecord(root, record);
    client.runRecorded(doc);
    term.write('\r\n');
    for (const v of record.phaseResults) term.write(verdictLine(v, chosen.find((p) => p.number === v.phase)?.name ?? ''));
    const changed = [boxes.ticked ? `Ticked ${boxes.ticked} passing task${boxes.ticked === 1 ? '' : 's'}` : '', boxes.unticked.length ? `unticked ${boxes.unticked.length} failed` : ''].filter(Boolean).join(', ');
    term.write(`Run record: ${path.relative(root, recordPath)}${record.previous ? ` (reran ${record.previous.join(', ')})` : ''}\r\n${changed ? `${changed} in ${fileName} (unsaved).\r\n` : ''}`);
    log.info(`run of ${rel} (${label}): ${verdictSummary(record.phaseResults)}; record ${recordPath}`);
    if (firstRecord) void offerRecordsPlace(context.workspaceState, folder);
    // Prose expectations wait in the status bar item and the review command; the notification only points there.
    const pending = (await ctx.reviews.refresh()).filter((p) => p.record === path.relative(root, recordPath).split(path.sep).join('/'));
    const open = 'Open Run Record';
    const review = 'Review…';
    const text = `Signoff: ${label}: ${verdictReason(record.tasks, record.phaseResults)}`;
    const buttons = pending.length ? [review, open] : [open];
    void (result.verdict === 'GO' ? vscode.window.showInformationMessage(text, ...buttons) : vscode.window.showWarningMessage(text, ...buttons)).then(async (pick) => {
      if (pick === open) await vscode.window.showTextDocument(vscode.Uri.file(recordPath), { preview: true });
      if (pick === review) await ctx.reviews.pick(doc.uri);
    });
  } catch (e) {
    log.error(`run of ${rel} failed: ${(e as Error)?.stack ?? e}`);
    term.write(`\r\nThe run failed: ${(e as Error)?.message ?? e}\r\n`);
    void vscode.window.showErrorMessage(`Signoff: the run failed: ${(e as Error)?.message ?? e}`);
  } finally {
    running.delete(key);
  }
}

/**
 * What every run command starts from: a trusted workspace (or a refusal saying why), the checklist document, its
 * workspace folder and the server's view of its phases and tasks. Undefined when any is missing (each step says so).
 */
async function runTarget(client: RunnerServer, uri: unknown, action: string) {
  if (!(await requireTrust(action))) return undefined;
  const doc = await targetDocument(uri);
  if (!doc) return undefined;
  const folder = folderOf(doc);
  if (!folder) return undefined;
  const info = await checklistInfo(client, doc);
  if (!info) return undefined;
  return { doc, folder, info };
}

/** "Run in terminal": the snippet goes to a shell terminal named after the checklist, in the workspace folder. */
async function runInTerminal(context: vscode.ExtensionContext, client: RunnerServer, log: Log, uri: unknown, line: number | undefined): Promise<void> {
  const target = await runTarget(client, uri, 'Run in Terminal');
  if (!target) return;
  const { doc, folder, info } = target;
  const all = [...(info.looseTasks ?? []), ...(info.phases ?? []).flatMap((p) => p.tasks)];
  const snippets: { task: TaskInfo; snippet: SnippetInfo }[] = all.flatMap((task) => task.snippets.map((snippet) => ({ task, snippet })));
  const cursor = vscode.window.activeTextEditor?.document === doc ? vscode.window.activeTextEditor.selection.active.line : undefined;
  const found = line !== undefined
    ? snippets.find((s) => s.snippet.range.start.line === line)
    : snippets.find((s) => cursor !== undefined && s.snippet.range.start.line <= cursor && cursor <= s.snippet.range.end.line);
  if (!found) {
    void vscode.window.showInformationMessage('Signoff: put the cursor in a snippet of a task (or use its "Run in terminal" lens).');
    return;
  }
  const { snippet, task } = found;
  const interpreter = interpreterFor(snippet.lang);
  if (!interpreter) {
    void vscode.window.showInformationMessage(`Signoff: a ${snippet.lang ? `"${snippet.lang}"` : 'plain'} fence is not a command; bash, sh and python snippets run.`);
    return;
  }
  const fileName = path.basename(doc.uri.fsPath);
  if (!(await confirmSnippets(context.workspaceState, [{ lang: snippet.lang, code: snippet.code, where: `${fileName}, "${task.label ?? task.text}" (line ${task.line + 1})` }]))) return;

  // A shell terminal of its own: the checklist's run terminal (`Signoff: <file>`) is a pseudoterminal, not a shell.
  const name = `Signoff shell: ${fileName}`;
  const root = folder.uri.fsPath;
  let terminal = vscode.window.terminals.find((t) => t.name === name && t.exitStatus === undefined);
  const reused = !!terminal;
  terminal ??= vscode.window.createTerminal({ name, cwd: folder.uri, iconPath: new vscode.ThemeIcon('terminal') });
  terminal.show(false);
  const code = snippet.code.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  // A reused terminal may have changed directory since; the snippet is meant for the workspace folder.
  if (reused) terminal.sendText(`cd ${shellQuote(root)}`, true);
  if (interpreter === 'python3') terminal.sendText(`python3 - <<'SIGNOFF_PYTHON'\n${code}\nSIGNOFF_PYTHON`, true);
  else terminal.sendText(code, true);
  log.info(`sent a ${snippet.lang} snippet of ${fileName} (line ${snippet.range.start.line + 1}) to the terminal "${name}"`);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

interface RunContext {
  context: vscode.ExtensionContext;
  client: RunnerServer;
  log: Log;
  running: Set<string>;
  terminals: RunTerminals;
  reviews: ReviewQueue;
}

/** After a decision in the record: the server re-reads it, and the task's box shows it (ticked, or unticked when rejected). */
async function afterReview(client: RunnerServer, p: PendingReview, record: RunRecord): Promise<void> {
  const uri = vscode.Uri.file(path.join(p.root, ...p.checklist.split('/')));
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
  client.runRecorded(doc);
  const t = record.tasks[p.target.task];
  if (t.status === 'passed') await setBoxes(client, doc, [t], []);
  if (t.status === 'failed') await setBoxes(client, doc, [], [t]);
}

/**
 * Ticks the passing tasks and unticks the failed ones in the document as it is now (possibly unsaved, possibly
 * edited during the run), in ONE workspace edit (one undo step): results are matched to the server's fresh task
 * list, and only the character inside `[ ]` changes. Returns how many were ticked and which were unticked.
 */
async function setBoxes(client: RunnerServer, doc: vscode.TextDocument, passed: RunTaskResult[], failed: RunTaskResult[]): Promise<{ ticked: number; unticked: RunTaskRef[] }> {
  const none = { ticked: 0, unticked: [] };
  if (!passed.length && !failed.length) return none;
  for (let attempt = 0; attempt < 3; attempt++) {
    const version = doc.version;
    const info = await client.documentInfo(doc);
    if (!info) return none;
    const tasks: TaskInfo[] = [...(info.looseTasks ?? []), ...(info.phases ?? []).flatMap((p) => p.tasks.map((t) => ({ ...t, phase: t.phase ?? p.number })))];
    const toTick = [...new Set(passed.map((r) => matchResult(r, tasks, 0)).filter((t): t is TaskInfo => !!t && !t.checked))];
    const untickPairs = failed.map((r) => [r, matchResult(r, tasks, 0)] as const).filter((x): x is readonly [RunTaskResult, TaskInfo] => !!x[1]?.checked);
    const edits = [...boxEdits(toTick, true), ...boxEdits(untickPairs.map((x) => x[1]), false)];
    if (!edits.length) return none;
    if (doc.version !== version) continue;
    const ranges = edits.map((e) => [new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText] as const);
    if (!ranges.every(([r, to]) => (to === 'x' ? doc.getText(r) === ' ' : /^[xX]$/.test(doc.getText(r))))) continue;
    const we = new vscode.WorkspaceEdit();
    ranges.forEach(([r, to]) => we.replace(doc.uri, r, to));
    if (await vscode.workspace.applyEdit(we)) return { ticked: toTick.length, unticked: untickPairs.map(([r, t]) => taskRef({ ...r, line: t.line + 1 })) };
  }
  return none;
}
