/**
 * `signoff run CHECKLIST [--phase N ...] [--failed] [--set NAME=VALUE ...] [--by WHO] [--sign KEY] [--timeout S]
 * [--stop-on-failure] [--yes] [--format text|json|junit] [--root DIR] [--config FILE]`: runs phase checks headless
 * with the same runner and run session as the editor (src/runner/session.ts). Shows each command and its output as
 * it streams, each expectation beside it (prose ones are asked about on a terminal), then a table per task and
 * GO / NO-GO / PENDING per phase with the reason, failures first; ticks passing tasks and unticks failed ones in the
 * file in one write (only the checkbox bytes change); writes the run record (signed with `--sign`). `--failed`
 * reruns what did not pass in each phase's latest record; `--set` gives run inputs. With `--format json|junit` the
 * report is the only thing on stdout (progress goes to stderr). Exit 0 when every phase run is GO, 1 on any NO-GO, 3 when the worst is PENDING (a person must review
 * prose expectations or tick manual tasks), 2 on a usage error or when the run was not confirmed.
 */
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText, type Engine, type Phase, type Task } from '../core/index';
import { MAX_TIMEOUT_S } from '../core/parse/fence-options';
import { inputsByPhase, latestRunByPhase, parseInputAssignment } from '../core/runs/index';
import { gatedTasks, mayRequireReview } from '../core/ledger/gates';
import { escapeControl as esc } from '../core/text/sanitize';
import {
  gitCommit, isManual, killRunningSnippets, matchResult, runPerson, runPhases, RunSession, setBoxes, signRecord, snippetFailed, taskRef, verdictReason, withFileLock, writeRecord,
  type PhaseResult, type ReviewPrompt, type RunnerPhase, type RunnerTask, type SessionResult,
} from '../runner/index';
import { RUNS_FOLDER, type RunRecord, type RunPerson, type RunSnippetResult, type RunTaskRef, type RunTaskResult } from '../protocol/index';
import { expectationLabel, quotedExpectation } from '../runner/describe';
import { parseArgs } from './args';
import { runCheck } from './check';
import { openCliWorkspace } from './workspace';
import { formatRunJson } from './formatters/run-json';
import { formatRunJunit } from './formatters/run-junit';
import { writeErrorText, writeFileAtomic } from '../node/atomic-write';
import { posixRelative, workspacePath } from '../node/paths';
import { errorLine, UsageError, type CliIO } from './io';
import { findRoot } from './root';

/** Exit code of a run: 0 all GO, 1 any NO-GO, 3 when the worst is PENDING. */
export function runExitCode(results: readonly PhaseResult[]): 0 | 1 | 3 {
  if (results.some((p) => p.verdict === 'NO-GO')) return 1;
  if (results.some((p) => p.verdict === 'PENDING')) return 3;
  return 0;
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    phase: 'string[]',
    timeout: 'string',
    'stop-on-failure': 'boolean',
    yes: 'boolean',
    root: 'string',
    config: 'string',
    format: 'string',
    failed: 'boolean', // rerun only the tasks that failed or wait in each phase's latest record
    set: 'string[]', // NAME=VALUE: a run input (`<!-- signoff: inputs NAME -->`)
    by: 'string', // who runs: "Name <email>" (default: git user.name / user.email)
    sign: 'string', // sign the record with this SSH key (ssh-keygen -Y sign, namespace signoff-run)
  });
  if (positionals.length !== 1) throw new UsageError('run takes exactly one checklist: signoff run CHECKLIST [--phase N ...] [--failed] [--set NAME=VALUE ...] [--by WHO] [--sign KEY] [--timeout S] [--stop-on-failure] [--yes] [--format text|json|junit]');
  const format = (flags.format as string | undefined) ?? 'text';
  if (!['text', 'json', 'junit'].includes(format)) throw new UsageError(`--format of run takes text, json or junit, not "${format}"`);
  const root = findRoot(io.cwd, flags.root as string | undefined);
  try {
    if (!(await fsp.stat(root)).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`root is not a directory: ${flags.root ?? root}`);
  }
  const { engine, host, config, loaded } = openCliWorkspace(io, { root, config: { file: flags.config ? path.resolve(io.cwd, flags.config as string) : undefined } });
  if (loaded.findings.length) io.stderr(errorLine(`${loaded.findings[0].message} (config ignored where invalid)`));

  const abs = path.resolve(io.cwd, positionals[0]);
  const rel = workspacePath(host.root, await fsp.realpath(abs).catch(() => abs));
  if (rel === undefined) throw new UsageError(`${positionals[0]} is outside the workspace root ${root}`);
  const bytes = await host.readFile(rel);
  if (!bytes) throw new UsageError(`cannot read ${positionals[0]}`);
  const decoded = decodeText(bytes);
  const { text, ...facts } = decoded;
  const doc = engine.parse(rel, text, facts);
  if (doc.kind !== 'checklist' || !doc.checklist) throw new UsageError(`${rel} is not a checklist`);
  const model = doc.checklist;
  if (!model.phases.length) throw new UsageError(`${rel} has no "Phase N" headings to run`);

  const wanted = ((flags.phase as string[] | undefined) ?? []).map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--phase takes a phase number, not "${p}"`);
    if (!model.phases.some((ph) => ph.number === n)) throw new UsageError(`${rel} has no phase ${n} (phases: ${model.phases.map((ph) => ph.number).join(', ')})`);
    return n;
  });
  const selected = wanted.length ? model.phases.filter((p) => wanted.includes(p.number)) : model.phases;
  const timeoutS = flags.timeout === undefined ? config.run.timeout : Number(flags.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > MAX_TIMEOUT_S) throw new UsageError(`--timeout takes a number of seconds above 0 and at most ${MAX_TIMEOUT_S} (24 hours), not "${flags.timeout}"`);
  const stopOnFailure = !!flags['stop-on-failure'] || config.run.stopOnFailure;

  const inputValues = runInputs((flags.set as string[] | undefined) ?? [], io.env);
  const session = new RunSession({
    checklist: rel,
    phases: selected.map(toRunnerPhase),
    inputsByPhase: inputsByPhase(text, model.phases),
    rerunOf: flags.failed ? await latestRunByPhase(host, rel) : undefined,
  });
  const phases = session.phases;
  const snippets = session.runnable.map(({ phase: p, task: t, snippet: s }) => ({ p, t, s }));
  // With a machine-readable report, stdout carries only the report: progress goes to stderr.
  const progress = format === 'text' ? io.stdout : io.stderr;
  const signKey = flags.sign ? path.resolve(io.cwd, flags.sign as string) : undefined;
  if (signKey && !existsSync(signKey)) throw new UsageError(`--sign: no key file ${esc(flags.sign as string)}`);
  if (session.nothingToRerun) {
    progress(`Nothing to rerun: every task of ${rel} ${selected.length === 1 ? `phase ${selected[0].number}` : 'in the phases chosen'} passed in its latest run.\n`);
    return 0;
  }
  for (const name of session.missingInputs(inputValues)) {
    io.stderr(errorLine(`run input ${name} is not set (--set ${name}=VALUE or the environment variable ${name}): the tasks that need it fail without running`));
  }

  if (!flags.yes && snippets.length) {
    if (!io.isInteractive || !io.ask) {
      io.stderr(errorLine(`refusing to run ${snippets.length} snippet${snippets.length === 1 ? '' : 's'} of ${rel} without confirmation: no terminal to ask on (review them, then pass --yes)`));
      return 2;
    }
    progress(`signoff run will execute these ${snippets.length} snippet${snippets.length === 1 ? '' : 's'} in ${root}:\n`);
    for (const { p, t, s } of snippets) {
      progress(`\n  Phase ${p.number}, line ${t.line} (${esc(t.label ?? t.text)}), ${esc(s.lang)}:\n`);
      for (const l of s.code.replace(/\r\n?/g, '\n').split('\n')) progress(`    ${esc(l)}\n`);
    }
    const answer = (await io.ask('\nRun them? [y/N] ')).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      io.stderr('signoff: nothing was run\n');
      return 2;
    }
  }

  // Stream: each command, then its output, then how it ended.
  let atLineStart = true;
  const write = (s: string) => { if (s) { progress(s); atLineStart = s.endsWith('\n'); } };
  const newline = () => { if (!atLineStart) write('\n'); };
  // Prose expectations: asked about on a terminal, right after their snippet's output; otherwise left for review.
  let reviewer: RunPerson | undefined;
  const review: ReviewPrompt | undefined = io.isInteractive && io.ask
    ? async (_t, _r, e) => {
      newline();
      const answer = (await io.ask!(`Expected (for a person to judge): ${esc(e.text)}\n  Does the output above show it? [y]es / [n]o / Enter: decide later `)).trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes' && answer !== 'n' && answer !== 'no') return undefined;
      reviewer ??= runPerson(root, flags.by as string | undefined);
      return { decision: answer.startsWith('y') ? 'confirmed' : 'rejected', by: reviewer.name, ...(reviewer.email ? { email: reviewer.email } : {}) };
    }
    : undefined;
  const firstRecord = !existsSync(path.join(root, ...RUNS_FOLDER.split('/')));
  const interrupt = interruptions((sig) => io.stderr(errorLine(`${sig}: ending the running snippet (again to exit at once)`)));
  const outcome = await runPhases(phases, {
    signal: interrupt.signal,
    cwd: root,
    timeoutMs: timeoutS * 1000,
    stopOnFailure,
    expectedPatterns: config.run.expectedPatterns,
    inputs: session.inputsOption(inputValues),
    reviewGates: await reviewGates(root, flags.config ? path.resolve(io.cwd, flags.config as string) : undefined, rel, text, io),
    review,
    callbacks: {
      // What Signoff prints around the output carries document text: escaped (esc). The output itself is the
      // user's own command's and streams raw.
      onPhaseStart: (p) => write(`\n== Phase ${p.number}: ${esc(p.name)} ==\n`),
      onTaskStart: (t) => write(`\n-- line ${t.line}: ${esc(t.label ?? t.text)}\n`),
      onTaskEnd: (_t, r) => { if (r.reviewGate) write(`   not run: ${esc(r.reviewGate)}\n`); },
      onSnippetStart: (_t, s, program) => {
        write(`[${program}]\n`);
        for (const l of s.code.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')) write(`$ ${esc(l)}\n`);
      },
      onOutput: (chunk) => write(chunk),
      onSnippetEnd: (_t, r) => {
        newline();
        write(`=> ${esc(snippetSummary(r))}\n`);
        for (const e of r.expected) if (e.diff) write(`${e.diff.split('\n').map(esc).join('\n')}\n`);
      },
    },
  });

  interrupt.dispose();
  const stoppedBy = interrupt.received();
  const finished = session.finish(outcome, { commit: await gitCommit(root), runner: 'cli', by: runPerson(root, flags.by as string | undefined), inputs: inputValues });
  if (stoppedBy) return interrupted(root, finished.record, stoppedBy, write, newline);

  // Whatever the snippets did to the folder (deleted the checklist, made it read-only), the results are shown and
  // kept: a record or a tick that cannot be written is said in one line, and the run exits 1.
  const result = finished;
  const { ticked, recordPath, recordError, signError } = await recordResult(root, rel, engine, result, signKey);
  const record = result.record;
  const code = recordError || signError || 'error' in ticked ? 1 : runExitCode(record.phaseResults);

  newline();
  write('\n' + table(phases, outcome.tasks, record.phaseResults));
  if (record.previous) write(`Reran what did not pass in ${record.previous.join(', ')}\n`);
  if (recordPath) write(`Run record: ${path.relative(io.cwd, recordPath) || recordPath}\n`);
  if (recordPath && firstRecord) write(`Run records go to ${RUNS_FOLDER}/: add "${RUNS_FOLDER}/" to .gitignore to keep them out of git, or commit them as an audit trail.\n`);
  if (ticked.ticked) write(`Ticked ${ticked.ticked} passing task${ticked.ticked === 1 ? '' : 's'} in ${esc(rel)}\n`);
  if (ticked.unticked) write(`Unticked ${ticked.unticked} task${ticked.unticked === 1 ? '' : 's'} whose check failed in ${esc(rel)}\n`);
  if (record.signature) write(`Signed (ssh-keygen -Y sign, namespace ${record.signature.namespace}) as ${esc(record.by?.email ?? record.by?.name ?? '')}\n`);
  if (signError) io.stderr(errorLine(`the run record was written unsigned: ${signError}`));
  if ('note' in ticked && ticked.note) write(`${esc(ticked.note)}\n`);
  if (recordError) io.stderr(errorLine(`the run record could not be written (${recordError})`));
  if ('error' in ticked) io.stderr(errorLine(ticked.error));
  if (result.verdict !== 'GO') write(`${esc(verdictReason(record.tasks, record.phaseResults))} (exit ${code})\n`);
  const overall = code === 0 ? 'GO' : code === 1 ? 'NO-GO' : 'PENDING';
  const relRecord = recordPath ? posixRelative(root, recordPath) : '';
  if (format === 'json') io.stdout(formatRunJson(record, relRecord, overall, code));
  if (format === 'junit') io.stdout(formatRunJunit(record, new Map(phases.map((p) => [p.number, p.name]))));
  return code;
}

/**
 * SIGINT (Ctrl-C) or SIGTERM during a run: the snippet runs in its own process group, which a terminal's Ctrl-C does
 * not reach, so the first signal cancels the run (the running snippet's group is ended); a second exits at once,
 * its group killed outright.
 */
function interruptions(onFirst: (sig: 'SIGINT' | 'SIGTERM') => void): { signal: AbortSignal; received: () => 'SIGINT' | 'SIGTERM' | undefined; dispose: () => void } {
  const controller = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | undefined;
  const on = (sig: 'SIGINT' | 'SIGTERM') => () => {
    if (received) {
      killRunningSnippets();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
    received = sig;
    onFirst(sig);
    controller.abort();
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return { signal: controller.signal, received: () => received, dispose: () => { process.off('SIGINT', onInt); process.off('SIGTERM', onTerm); } };
}

/**
 * Tasks whose `Requires review:` does not hold now: the checklist-review-gate findings of `signoff check` on this
 * checklist (the whole workspace's ledger behind them, one engine, one answer), by task line. Only checked when the
 * checklist says `Requires review` at all.
 */
async function reviewGates(root: string, configPath: string | undefined, rel: string, text: string, io: CliIO): Promise<Map<number, string>> {
  if (!mayRequireReview(text)) return new Map();
  const quiet: CliIO = { ...io, stdout: () => undefined, stderr: () => undefined };
  const result = await runCheck({ root, configPath, paths: [rel], fix: false }, quiet);
  return new Map(gatedTasks(result.files.find((x) => x.path === rel)?.findings).map((g) => [g.line, g.message]));
}

/**
 * An interrupted run: the record of what ran before the signal (the session's, marked interrupted) is written,
 * nothing is ticked or unticked; exit 130 (SIGINT) or 143.
 */
async function interrupted(root: string, finished: RunRecord, sig: 'SIGINT' | 'SIGTERM', write: (s: string) => void, newline: () => void): Promise<number> {
  const record: RunRecord = { ...finished, interrupted: sig };
  newline();
  try {
    write(`\nInterrupted (${sig}): the running snippet was ended, nothing was ticked. Run record: ${posixRelative(root, await writeRecord(root, record))}\n`);
  } catch (e) {
    write(`\nInterrupted (${sig}): the running snippet was ended; the run record could not be written (${writeErrorText(e)})\n`);
  }
  return sig === 'SIGINT' ? 130 : 143;
}

function toRunnerPhase(p: Phase): RunnerPhase {
  return { number: p.number, name: p.name, tasks: p.tasks.map((t) => toRunnerTask(t, p.number)) };
}

function toRunnerTask(t: Task, phase: number): RunnerTask {
  return {
    phase, line: t.line, label: t.label, text: t.text, checked: t.checked,
    snippets: t.snippets.map((s) => ({ lang: s.lang, code: s.code, expected: s.expected.map((e) => e.text), ...(s.options ? { options: s.options } : {}) })),
  };
}

/**
 * Ticks the passing tasks and unticks the failed ones in the file as it is now (it may have been edited during the
 * run, or by another run), byte for byte: re-read, patched and replaced in one write under the checklist's lock.
 */
async function setCheckboxes(root: string, rel: string, engine: Engine, passed: RunTaskResult[], failed: RunTaskResult[]): Promise<{ ticked: number; unticked: number; refs: RunTaskRef[]; note?: string }> {
  if (!passed.length && !failed.length) return { ticked: 0, unticked: 0, refs: [] };
  const abs = path.join(root, rel);
  return withFileLock(abs, () => setCheckboxesNow(abs, rel, engine, passed, failed));
}

async function setCheckboxesNow(abs: string, rel: string, engine: Engine, passed: RunTaskResult[], failed: RunTaskResult[]): Promise<{ ticked: number; unticked: number; refs: RunTaskRef[]; note?: string }> {
  const none = { ticked: 0, unticked: 0, refs: [] };
  const bytes = await fsp.readFile(abs);
  const decoded = decodeText(bytes);
  if (decoded.invalidUtf8At !== undefined || decoded.binary) return { ...none, note: `${rel} is not valid UTF-8 now: no checkbox was changed` };
  const { text, ...facts } = decoded;
  const model = engine.parse(rel, text, facts).checklist;
  if (!model) return { ...none, note: `${rel} is no longer a checklist: no checkbox was changed` };
  const changes: { offset: number; checked: boolean }[] = [];
  const untickedAt = new Map<number, RunTaskRef>();
  for (const r of passed) {
    const task = matchResult(r, model.tasks, 1);
    if (task && !task.checked) changes.push({ offset: task.checkboxSpan.start, checked: true });
  }
  for (const r of failed) {
    const task = matchResult(r, model.tasks, 1);
    if (task?.checked) {
      changes.push({ offset: task.checkboxSpan.start, checked: false });
      untickedAt.set(task.checkboxSpan.start, taskRef({ ...r, line: task.line }));
    }
  }
  if (!changes.length) return none;
  const out = setBoxes(bytes, text, changes);
  if (out.changed.length) await writeFileAtomic(abs, out.bytes);
  const refs = out.changed.map((o) => untickedAt.get(o)).filter((x): x is RunTaskRef => !!x);
  return { ticked: out.changed.length - refs.length, unticked: refs.length, refs };
}

function snippetSummary(r: RunSnippetResult): string {
  const secs = `${(r.durationMs / 1000).toFixed(1)} s`;
  const want = r.expectedExit ?? 0;
  const parts = [
    r.syntaxError ? `does not parse, not run: ${r.syntaxError}`
      : r.setupError ? r.setupError
      : r.declined ? 'not confirmed, not run'
      : r.timedOut ? `timed out (limit ${(r.timeoutMs ?? 0) / 1000} s), killed after ${secs}`
      : r.exitCode === null ? (r.signal ? `killed by ${r.signal}` : `could not start: ${r.outputExcerpt}`)
      : `exit ${r.exitCode}${r.exitCode === want ? '' : ` (expected ${want})`} in ${secs}`,
  ];
  for (const e of r.expected) parts.push(expectationSummary(e));
  return parts.join('; ');
}

function expectationSummary(e: RunSnippetResult['expected'][number]): string {
  if (e.error) return e.error;
  if (e.class === 'prose' && e.literalMatch) return `${quotedExpectation(e.text)}: met (the output shows it word for word)`;
  if (e.class === 'prose') return e.review ? `${quotedExpectation(e.text)}: ${e.review.decision} by ${e.review.by}` : `${quotedExpectation(e.text)}: needs review by a person`;
  const what = expectationLabel(e);
  if (e.met) return `expected ${what}: met${e.actual ? ` (${e.actual})` : ''}`;
  return `expected ${what}: NOT met${e.actual ? `, the output shows ${e.actual}` : ', not in the output'}`;
}

function detail(r: RunTaskResult): string {
  if (r.status === 'skipped') return 'not run (stopped after a failure)';
  const s = r.snippets.find(snippetFailed) ?? r.snippets.find((x) => x.declined || x.expected.some((e) => e.class === 'prose' && !e.review));
  if (!s) return r.snippets.length === 1 ? `exit ${r.snippets[0].exitCode} in ${(r.snippets[0].durationMs / 1000).toFixed(1)} s` : `${r.snippets.length} snippets, all passed`;
  return snippetSummary(s);
}

function table(phases: RunnerPhase[], results: RunTaskResult[], verdicts: PhaseResult[]): string {
  const rows: string[][] = [['PHASE', 'LINE', 'RESULT', 'TASK', 'DETAIL']];
  let i = 0;
  for (const p of phases) {
    for (const t of p.tasks) {
      const name = esc((t.label ?? t.text).slice(0, 48));
      if (isManual(t)) { rows.push([String(p.number), String(t.line), 'manual', name, 'no snippet to run']); continue; }
      const r = results[i++];
      rows.push([String(p.number), String(t.line), r.status, name, esc(detail(r))]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (c === 4 ? 0 : r[c].length))));
  let out = rows.map((r) => r.map((cell, c) => (c === 4 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n\n';
  for (const v of verdicts) {
    const name = esc(phases.find((p) => p.number === v.phase)?.name ?? '');
    const why = v.verdict === 'PENDING' ? ` — waits for a person: ${[v.pending ? `${v.pending} to review` : '', v.manualOpen ? `${v.manualOpen} manual task${v.manualOpen === 1 ? '' : 's'} unticked` : '', v.passed + v.failed + v.manual === 0 ? 'nothing to check' : ''].filter(Boolean).join(', ')}` : '';
    out += `Phase ${v.phase}${name ? ` (${name})` : ''}: ${v.verdict} — ${v.passed} passed, ${v.failed} failed, ${v.pending ?? 0} pending, ${v.manual} manual, ${v.skipped} skipped${why}\n`;
  }
  return out;
}

/** `--set NAME=VALUE` values over the environment's: the inputs a checklist can ask for. */
function runInputs(sets: readonly string[], env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = { ...env };
  for (const s of sets) {
    const a = parseInputAssignment(s);
    if (!a) throw new UsageError(`--set takes NAME=VALUE with NAME a variable name, not "${esc(s)}"`);
    values[a.name] = a.value;
  }
  return values;
}

/**
 * The run's result in the file and the record: ticks and unticks in one write (under the checklist's lock), then
 * the record (saying which ticks the run removed), signed when a key is given. A signature that fails leaves the
 * record unsigned and says why.
 */
async function recordResult(root: string, rel: string, engine: Engine, result: SessionResult, signKey: string | undefined) {
  const ticked = await setCheckboxes(root, rel, engine, result.tick, result.untick).catch((e: unknown) => ({
    ticked: 0,
    unticked: 0,
    error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${rel} is gone (deleted during the run?): its checkboxes could not be updated` : `${rel}: its checkboxes could not be updated (${writeErrorText(e)})`,
  }));
  if ('refs' in ticked && ticked.refs.length) result.record.unticked = ticked.refs;
  let record = result.record;
  let signError: string | undefined;
  if (signKey) {
    try {
      record = await signRecord(record, signKey, root);
    } catch (e) {
      signError = (e as Error).message;
    }
  }
  result.record = record;
  let recordPath: string | undefined;
  let recordError: string | undefined;
  try {
    recordPath = await writeRecord(root, record);
  } catch (e) {
    recordError = writeErrorText(e);
  }
  return { ticked, recordPath, recordError, signError };
}
