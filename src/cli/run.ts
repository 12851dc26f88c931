/**
 * `signoff run CHECKLIST [--phase N ...] [--timeout S] [--stop-on-failure] [--yes] [--root DIR] [--config FILE]`:
 * runs phase checks headless with the same runner as the editor. Shows each command and its output as it streams,
 * then a table per task and GO/NO-GO per phase; writes the run record; ticks passing tasks in the file (only the
 * checkbox byte changes). Exit 0 when every phase run is GO, 1 on any NO-GO, 2 on a usage error or when the run was
 * not confirmed (no --yes and no terminal to ask on, or the answer was not yes).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText, type Phase, type Task } from '../core/index';
import {
  buildRecord, gitCommit, isManual, isRunnable, matchResult, runPhases, tickBytes, withFileLock, writeRecord,
  type PhaseResult, type RunnerPhase, type RunnerTask,
} from '../runner/index';
import type { RunSnippetResult, RunTaskResult } from '../protocol/index';
import { parseArgs } from './args';
import { loadEngine } from './check';
import { writeErrorText, writeFileAtomic } from '../node/atomic-write';
import { UsageError, type CliIO } from './io';

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    phase: 'string[]',
    timeout: 'string',
    'stop-on-failure': 'boolean',
    yes: 'boolean',
    root: 'string',
    config: 'string',
  });
  if (positionals.length !== 1) throw new UsageError('run takes exactly one checklist: signoff run CHECKLIST [--phase N ...] [--timeout S] [--stop-on-failure] [--yes]');
  const root = path.resolve(io.cwd, (flags.root as string | undefined) ?? '.');
  try {
    if (!(await fsp.stat(root)).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`root is not a directory: ${flags.root ?? root}`);
  }
  const { engine, host, config, configFindings } = await loadEngine(root, flags.config ? path.resolve(io.cwd, flags.config as string) : undefined, io);
  if (configFindings.length) io.stderr(`signoff: ${configFindings[0].message.split('\n')[0]} (config ignored where invalid)\n`);

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

  if (!flags.yes && snippets.length) {
    if (!io.isInteractive || !io.ask) {
      io.stderr(`signoff: refusing to run ${snippets.length} snippet${snippets.length === 1 ? '' : 's'} of ${rel} without confirmation: no terminal to ask on (review them, then pass --yes)\n`);
      return 2;
    }
    io.stdout(`signoff run will execute these ${snippets.length} snippet${snippets.length === 1 ? '' : 's'} in ${root}:\n`);
    for (const { p, t, s } of snippets) {
      io.stdout(`\n  Phase ${p.number}, line ${t.line} (${t.label ?? t.text}), ${s.lang}:\n`);
      for (const l of s.code.replace(/\r\n?/g, '\n').split('\n')) io.stdout(`    ${l}\n`);
    }
    const answer = (await io.ask('\nRun them? [y/N] ')).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      io.stderr('signoff: nothing was run\n');
      return 2;
    }
  }

  // Stream: each command, then its output, then how it ended.
  let atLineStart = true;
  const write = (s: string) => { if (s) { io.stdout(s); atLineStart = s.endsWith('\n'); } };
  const newline = () => { if (!atLineStart) write('\n'); };
  const outcome = await runPhases(phases, {
    cwd: root,
    timeoutMs: timeoutS * 1000,
    stopOnFailure,
    expectedPatterns: config.run.expectedPatterns,
    callbacks: {
      onPhaseStart: (p) => write(`\n== Phase ${p.number}: ${p.name} ==\n`),
      onTaskStart: (t) => write(`\n-- line ${t.line}: ${t.label ?? t.text}\n`),
      onSnippetStart: (_t, s, program) => {
        write(`[${program}]\n`);
        for (const l of s.code.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')) write(`$ ${l}\n`);
      },
      onOutput: (chunk) => write(chunk),
      onSnippetEnd: (_t, r) => { newline(); write(`=> ${snippetSummary(r)}\n`); },
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

  newline();
  write('\n' + table(phases, outcome.tasks, outcome.phaseResults));
  if (recordPath) write(`Run record: ${path.relative(io.cwd, recordPath) || recordPath}\n`);
  if (ticked.ticked) write(`Ticked ${ticked.ticked} passing task${ticked.ticked === 1 ? '' : 's'} in ${rel}\n`);
  if ('note' in ticked && ticked.note) write(`${ticked.note}\n`);
  if (recordError) io.stderr(`signoff: the run record could not be written (${recordError})\n`);
  if ('error' in ticked) io.stderr(`signoff: ${ticked.error}\n`);
  if (recordError || 'error' in ticked) return 1;
  return outcome.phaseResults.every((p) => p.verdict === 'GO') ? 0 : 1;
}

function toRunnerPhase(p: Phase): RunnerPhase {
  return { number: p.number, name: p.name, tasks: p.tasks.map((t) => toRunnerTask(t, p.number)) };
}

function toRunnerTask(t: Task, phase: number): RunnerTask {
  return { phase, line: t.line, label: t.label, text: t.text, snippets: t.snippets.map((s) => ({ lang: s.lang, code: s.code, expected: s.expected.map((e) => e.text) })) };
}

/**
 * Ticks the passing tasks in the file as it is now (it may have been edited during the run, or by another run),
 * byte for byte: re-read, patched and replaced in one step under the checklist's lock.
 */
async function tick(root: string, rel: string, engine: Awaited<ReturnType<typeof loadEngine>>['engine'], results: RunTaskResult[]): Promise<{ ticked: number; note?: string }> {
  const passed = results.filter((r) => r.status === 'passed');
  if (!passed.length) return { ticked: 0 };
  const abs = path.join(root, rel);
  return withFileLock(abs, () => tickNow(abs, rel, engine, passed));
}

async function tickNow(abs: string, rel: string, engine: Awaited<ReturnType<typeof loadEngine>>['engine'], passed: RunTaskResult[]): Promise<{ ticked: number; note?: string }> {
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
  const parts = [
    r.timedOut ? `timed out (limit ${(r.timeoutMs ?? 0) / 1000} s), killed after ${secs}` : r.exitCode === null ? (r.signal ? `killed by ${r.signal}` : `could not start: ${r.outputExcerpt}`) : `exit ${r.exitCode}${r.exitCode === 0 ? '' : ' (expected 0)'} in ${secs}`,
  ];
  for (const e of r.expected) parts.push(e.error ? e.error : `expected "${e.text}": ${e.met ? 'found' : 'NOT found'}`);
  return parts.join('; ');
}

function detail(r: RunTaskResult): string {
  if (r.status === 'skipped') return 'not run (stopped after a failure)';
  const s = r.snippets.find((x) => !x.notRun && !(x.exitCode === 0 && !x.timedOut && x.expected.every((e) => e.met)));
  if (!s) return r.snippets.length === 1 ? `exit 0 in ${(r.snippets[0].durationMs / 1000).toFixed(1)} s` : `${r.snippets.length} snippets, all exit 0`;
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
    const why = v.passed + v.failed === 0 && v.skipped === 0 ? ' — nothing to run: decide by hand' : '';
    out += `Phase ${v.phase}${name ? ` (${name})` : ''}: ${v.verdict} — ${v.passed} passed, ${v.failed} failed, ${v.manual} manual, ${v.skipped} skipped${why}\n`;
  }
  return out;
}
