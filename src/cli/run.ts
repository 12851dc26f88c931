/**
 * `signoff run CHECKLIST [--phase N ...] [--timeout S] [--stop-on-failure] [--yes] [--format text|json|junit]
 * [--root DIR] [--config FILE]`: runs phase checks headless with the same runner as the editor. Shows each command
 * and its output as it streams, each expectation beside it (prose ones are asked about on a terminal), then a table
 * per task and GO / NO-GO / PENDING per phase; writes the run record; ticks passing tasks in the file (only the
 * checkbox byte changes). With `--format json|junit` the report is the only thing on stdout (progress goes to
 * stderr). Exit 0 when every phase run is GO, 1 on any NO-GO, 3 when the worst is PENDING (a person must review
 * prose expectations or tick manual tasks), 2 on a usage error or when the run was not confirmed.
 */
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText, type Engine, type Phase, type Task } from '../core/index';
import {
  buildRecord, gitCommit, isManual, isRunnable, matchResult, reviewerName, runPhases, snippetFailed, tickBytes, withFileLock, writeRecord,
  type PhaseResult, type ReviewPrompt, type RunnerPhase, type RunnerTask,
} from '../runner/index';
import { RUNS_FOLDER, type RunSnippetResult, type RunTaskResult } from '../protocol/index';
import { parseArgs } from './args';
import { openCliWorkspace } from './workspace';
import { formatRunJson } from './formatters/run-json';
import { formatRunJunit } from './formatters/run-junit';
import { writeErrorText, writeFileAtomic } from '../node/atomic-write';
import { UsageError, type CliIO } from './io';

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
  });
  if (positionals.length !== 1) throw new UsageError('run takes exactly one checklist: signoff run CHECKLIST [--phase N ...] [--timeout S] [--stop-on-failure] [--yes] [--format text|json|junit]');
  const format = (flags.format as string | undefined) ?? 'text';
  if (!['text', 'json', 'junit'].includes(format)) throw new UsageError(`--format of run takes text, json or junit, not "${format}"`);
  const root = path.resolve(io.cwd, (flags.root as string | undefined) ?? '.');
  try {
    if (!(await fsp.stat(root)).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`root is not a directory: ${flags.root ?? root}`);
  }
  const { engine, host, config, loaded } = openCliWorkspace(io, { root, config: { file: flags.config ? path.resolve(io.cwd, flags.config as string) : undefined } });
  if (loaded.findings.length) io.stderr(`signoff: ${loaded.findings[0].message.split('\n')[0]} (config ignored where invalid)\n`);

  const abs = path.resolve(io.cwd, positionals[0]);
  const rel = host.relative(await fsp.realpath(abs).catch(() => abs));
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${positionals[0]} is outside the workspace root ${root}`);
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
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new UsageError(`--timeout takes a number of seconds above 0, not "${flags.timeout}"`);
  const stopOnFailure = !!flags['stop-on-failure'] || config.run.stopOnFailure;

  const phases = selected.map(toRunnerPhase);
  const snippets = phases.flatMap((p) => p.tasks.flatMap((t) => t.snippets.filter(isRunnable).map((s) => ({ p, t, s }))));
  // With a machine-readable report, stdout carries only the report: progress goes to stderr.
  const progress = format === 'text' ? io.stdout : io.stderr;

  if (!flags.yes && snippets.length) {
    if (!io.isInteractive || !io.ask) {
      io.stderr(`signoff: refusing to run ${snippets.length} snippet${snippets.length === 1 ? '' : 's'} of ${rel} without confirmation: no terminal to ask on (review them, then pass --yes)\n`);
      return 2;
    }
    progress(`signoff run will execute these ${snippets.length} snippet${snippets.length === 1 ? '' : 's'} in ${root}:\n`);
    for (const { p, t, s } of snippets) {
      progress(`\n  Phase ${p.number}, line ${t.line} (${t.label ?? t.text}), ${s.lang}:\n`);
      for (const l of s.code.replace(/\r\n?/g, '\n').split('\n')) progress(`    ${l}\n`);
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
  let reviewer: string | undefined;
  const review: ReviewPrompt | undefined = io.isInteractive && io.ask
    ? async (_t, _r, e) => {
      newline();
      const answer = (await io.ask!(`Expected (for a person to judge): ${e.text}\n  Does the output above show it? [y]es / [n]o / Enter: decide later `)).trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes' && answer !== 'n' && answer !== 'no') return undefined;
      reviewer ??= reviewerName(root);
      return { decision: answer.startsWith('y') ? 'confirmed' : 'rejected', by: reviewer };
    }
    : undefined;
  const firstRecord = !existsSync(path.join(root, ...RUNS_FOLDER.split('/')));
  const outcome = await runPhases(phases, {
    cwd: root,
    timeoutMs: timeoutS * 1000,
    stopOnFailure,
    expectedPatterns: config.run.expectedPatterns,
    review,
    callbacks: {
      onPhaseStart: (p) => write(`\n== Phase ${p.number}: ${p.name} ==\n`),
      onTaskStart: (t) => write(`\n-- line ${t.line}: ${t.label ?? t.text}\n`),
      onSnippetStart: (_t, s, program) => {
        write(`[${program}]\n`);
        for (const l of s.code.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')) write(`$ ${l}\n`);
      },
      onOutput: (chunk) => write(chunk),
      onSnippetEnd: (_t, r) => {
        newline();
        write(`=> ${snippetSummary(r)}\n`);
        for (const e of r.expected) if (e.diff) write(`${e.diff}\n`);
      },
    },
  });

  // Whatever the snippets did to the folder (deleted the checklist, made it read-only), the results are shown and
  // kept: a record or a tick that cannot be written is said in one line, and the run exits 1.
  const record = buildRecord(rel, selected.map((p) => p.number), await gitCommit(root), 'cli', outcome);
  let recordPath: string | undefined;
  let recordError: string | undefined;
  try {
    recordPath = await writeRecord(root, record);
  } catch (e) {
    recordError = writeErrorText(e);
  }
  const ticked = await tick(root, rel, engine, outcome.tasks).catch((e: unknown) => ({
    ticked: 0,
    error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${rel} is gone (deleted during the run?): the passing tasks could not be ticked` : `${rel}: the passing tasks could not be ticked (${writeErrorText(e)})`,
  }));
  const code = recordError || 'error' in ticked ? 1 : runExitCode(outcome.phaseResults);

  newline();
  write('\n' + table(phases, outcome.tasks, outcome.phaseResults));
  if (recordPath) write(`Run record: ${path.relative(io.cwd, recordPath) || recordPath}\n`);
  if (recordPath && firstRecord) write(`Run records go to ${RUNS_FOLDER}/: add "${RUNS_FOLDER}/" to .gitignore to keep them out of git, or commit them as an audit trail.\n`);
  if (ticked.ticked) write(`Ticked ${ticked.ticked} passing task${ticked.ticked === 1 ? '' : 's'} in ${rel}\n`);
  if ('note' in ticked && ticked.note) write(`${ticked.note}\n`);
  if (recordError) io.stderr(`signoff: the run record could not be written (${recordError})\n`);
  if ('error' in ticked) io.stderr(`signoff: ${ticked.error}\n`);
  const toReview = outcome.tasks.flatMap((t) => t.snippets).flatMap((s) => s.expected).filter((e) => e.class === 'prose' && !e.review).length;
  if (code === 3) write(`PENDING: ${toReview ? `${toReview} expectation${toReview === 1 ? '' : 's'} need${toReview === 1 ? 's' : ''} review by a person` : 'manual tasks wait for a person'} (exit 3)\n`);
  const overall = code === 0 ? 'GO' : code === 1 ? 'NO-GO' : 'PENDING';
  const relRecord = recordPath ? path.relative(root, recordPath).split(path.sep).join('/') : '';
  if (format === 'json') io.stdout(formatRunJson(record, relRecord, overall, code));
  if (format === 'junit') io.stdout(formatRunJunit(record, new Map(phases.map((p) => [p.number, p.name]))));
  return code;
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
 * Ticks the passing tasks in the file as it is now (it may have been edited during the run, or by another run),
 * byte for byte: re-read, patched and replaced in one step under the checklist's lock.
 */
async function tick(root: string, rel: string, engine: Engine, results: RunTaskResult[]): Promise<{ ticked: number; note?: string }> {
  const passed = results.filter((r) => r.status === 'passed');
  if (!passed.length) return { ticked: 0 };
  const abs = path.join(root, rel);
  return withFileLock(abs, () => tickNow(abs, rel, engine, passed));
}

async function tickNow(abs: string, rel: string, engine: Engine, passed: RunTaskResult[]): Promise<{ ticked: number; note?: string }> {
  const bytes = await fsp.readFile(abs);
  const decoded = decodeText(bytes);
  if (decoded.invalidUtf8At !== undefined || decoded.binary) return { ticked: 0, note: `${rel} is not valid UTF-8 now: no task was ticked` };
  const { text, ...facts } = decoded;
  const model = engine.parse(rel, text, facts).checklist;
  if (!model) return { ticked: 0, note: `${rel} is no longer a checklist: no task was ticked` };
  const offsets: number[] = [];
  for (const r of passed) {
    const task = matchResult(r, model.tasks, 1);
    if (task && !task.checked) offsets.push(task.checkboxSpan.start);
  }
  if (!offsets.length) return { ticked: 0 };
  const out = tickBytes(bytes, text, offsets);
  if (out.ticked.length) await writeFileAtomic(abs, out.bytes);
  return { ticked: out.ticked.length };
}

function snippetSummary(r: RunSnippetResult): string {
  const secs = `${(r.durationMs / 1000).toFixed(1)} s`;
  const want = r.expectedExit ?? 0;
  const parts = [
    r.syntaxError ? `does not parse, not run: ${r.syntaxError}`
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
  if (e.class === 'prose') return e.review ? `"${e.text}": ${e.review.decision} by ${e.review.by}` : `"${e.text}": needs review by a person`;
  const what = e.class === 'numeric' ? `${e.text} (numeric)` : e.class === 'pattern' ? `/${e.pattern}/` : `"${e.text}"`;
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
      const name = (t.label ?? t.text).slice(0, 48);
      if (isManual(t)) { rows.push([String(p.number), String(t.line), 'manual', name, 'no snippet to run']); continue; }
      const r = results[i++];
      rows.push([String(p.number), String(t.line), r.status, name, detail(r)]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (c === 4 ? 0 : r[c].length))));
  let out = rows.map((r) => r.map((cell, c) => (c === 4 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n\n';
  for (const v of verdicts) {
    const name = phases.find((p) => p.number === v.phase)?.name ?? '';
    const why = v.verdict === 'PENDING' ? ` — waits for a person: ${[v.pending ? `${v.pending} to review` : '', v.manualOpen ? `${v.manualOpen} manual task${v.manualOpen === 1 ? '' : 's'} unticked` : '', v.passed + v.failed + v.manual === 0 ? 'nothing to check' : ''].filter(Boolean).join(', ')}` : '';
    out += `Phase ${v.phase}${name ? ` (${name})` : ''}: ${v.verdict} — ${v.passed} passed, ${v.failed} failed, ${v.pending ?? 0} pending, ${v.manual} manual, ${v.skipped} skipped${why}\n`;
  }
  return out;
}
