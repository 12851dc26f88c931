/**
 * The one runner of phase checks, shared by `signoff run` and the editor. Tasks run in order, their snippets one by
 * one (see exec.ts). Each expectation line is classified (expectations.ts) and checked as the output streams
 * (expectation-watch.ts): literal, pattern and numeric expectations pass or fail the snippet; prose ones wait for a
 * person. A snippet that does not parse is failed without being run (syntax.ts). Outputs, commands and diffs are
 * masked (mask.ts) before they leave the runner; the output hash is over the unmasked output.
 *
 * A task without a runnable snippet (no fence, other languages, `{skip}`/`{manual}` only) is manual: counted, never
 * run, never ticked. Verdicts (verdict.ts): GO, NO-GO, or PENDING when nothing failed but a person must look.
 * Stop-on-failure skips everything after the first failing task, in that phase and the phases after it.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { RunExpectationResult, RunSnippetResult, RunTaskResult } from '../protocol/index';
import { commandHash, isManualTask, isRunnable, awaitsManual as hasManualSnippet } from '../core/runs/index';
import { DEFAULT_EXCERPT_BYTES, DEFAULT_KILL_GRACE_MS, DEFAULT_TIMEOUT_MS, execProgram, programFor } from './exec';
import { classifyExpectation, type Classified } from './expectations';
import { ExpectationWatch } from './expectation-watch';
import { expectedVsActual } from './diff';
import { SecretMasker } from './mask';
import { syntaxError } from './syntax';
import { parseEnvFile } from './env-file';
import { insideRoot } from '../node/paths';
import { readRegularFile } from '../node/regular-file';
import { phaseVerdict, snippetFailed, snippetPassed, taskStatus, type PhaseCounts } from './verdict';
import type { PhaseResult, RunOptions, RunnerPhase, RunnerSnippet, RunnerTask } from './types';

export { snippetPassed };

export interface RunOutcome {
  startedAt: string;
  endedAt: string;
  tasks: RunTaskResult[];
  phaseResults: PhaseResult[];
  /** The run was cancelled (options.signal): results are partial and should be neither ticked nor recorded. */
  cancelled: boolean;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export { commandHash, isRunnable };

export function isManual(task: RunnerTask): boolean {
  return isManualTask(task);
}

/** Kept for callers of the earlier API: the classified form of each expectation text. */
export type ExpectedCheck = Classified;
export function expectedChecks(texts: readonly string[], patterns: Record<string, string> = {}): Classified[] {
  return texts.map((t) => classifyExpectation(t, patterns));
}

export async function runPhases(phases: readonly RunnerPhase[], options: RunOptions): Promise<RunOutcome> {
  const cb = options.callbacks ?? {};
  const startedAt = new Date().toISOString();
  const tasks: RunTaskResult[] = [];
  const phaseResults: PhaseResult[] = [];
  let stopped = false;
  let cancelled = false;

  for (const phase of phases) {
    cb.onPhaseStart?.(phase);
    const counts: PhaseCounts = { passed: 0, failed: 0, manual: 0, skipped: 0, pending: 0, manualOpen: 0 };
    for (const task of phase.tasks) {
      const gate = options.reviewGates?.get(task.line);
      if (gate !== undefined) {
        cb.onTaskStart?.(task);
        const gated: RunTaskResult = { ...skippedTask(task, options), status: 'failed', reviewGate: gate };
        tasks.push(gated);
        counts.failed++;
        cb.onTaskEnd?.(task, gated);
        if (options.stopOnFailure) stopped = true;
        continue;
      }
      if (isManual(task)) {
        counts.manual++;
        if (!task.checked) counts.manualOpen++;
        continue;
      }
      if (stopped || cancelled || options.signal?.aborted) {
        cancelled ||= !!options.signal?.aborted;
        const skipped = skippedTask(task, options);
        tasks.push(skipped);
        counts.skipped++;
        cb.onTaskEnd?.(task, skipped);
        continue;
      }
      cb.onTaskStart?.(task);
      const result = await runTask(task, options);
      if (options.signal?.aborted) cancelled = true;
      tasks.push(result);
      counts[result.status]++;
      cb.onTaskEnd?.(task, result);
      if (result.status === 'failed' && options.stopOnFailure) stopped = true;
    }
    const pr: PhaseResult = { phase: phase.number, verdict: phaseVerdict(counts), ...counts };
    phaseResults.push(pr);
    cb.onPhaseEnd?.(phase, pr);
  }
  return { startedAt, endedAt: new Date().toISOString(), tasks, phaseResults, cancelled };
}

async function runTask(task: RunnerTask, options: RunOptions): Promise<RunTaskResult> {
  const snippets: RunSnippetResult[] = [];
  let failed = false;
  const awaitsManual = hasManualSnippet(task);
  for (const snippet of task.snippets) {
    if (!isRunnable(snippet)) continue; // another language (sample output, config), or {skip}/{manual}: not a check
    if (failed || options.signal?.aborted) {
      snippets.push(notRun(snippet, options));
      continue;
    }
    if (options.declined?.(task, snippet)) {
      snippets.push({ ...notRun(snippet, options), declined: true });
      continue;
    }
    const result = await runSnippet(task, snippet, options);
    snippets.push(result);
    options.callbacks?.onSnippetEnd?.(task, result);
    if (snippetFailed(result)) failed = true;
  }
  return {
    phase: task.phase, line: task.line, label: task.label, text: task.text,
    status: taskStatus(snippets, awaitsManual), snippets,
    ...(awaitsManual ? { manualSnippet: true } : {}),
  };
}

async function runSnippet(task: RunnerTask, snippet: RunnerSnippet, options: RunOptions): Promise<RunSnippetResult> {
  const opts = snippet.options ?? {};
  const program = programFor(snippet.lang, snippet.code)!;
  const timeoutMs = opts.timeout !== undefined ? opts.timeout * 1000 : options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const checks = expectedChecks(snippet.expected, options.expectedPatterns);
  const base: RunSnippetResult = {
    lang: snippet.lang,
    command: snippet.code,
    commandSha256: commandHash(snippet.code),
    exitCode: null,
    signal: null,
    timedOut: false,
    timeoutMs,
    durationMs: 0,
    outputExcerpt: '',
    outputSha256: sha256(''),
    outputBytes: 0,
    expected: [],
    ...(opts.exit !== undefined ? { expectedExit: opts.exit } : {}),
  };
  options.callbacks?.onSnippetStart?.(task, snippet, program.command);

  // The environment: the run's, plus the snippet's env file. Its secret-named values are masked like the run's.
  let env: NodeJS.ProcessEnv = options.env ?? process.env;
  let setupError: string | undefined;
  const needed = options.inputs?.byPhase.get(task.phase) ?? [];
  if (needed.length) {
    const values = options.inputs!.values;
    const missing = needed.filter((n) => values[n] === undefined);
    if (missing.length) setupError = `run input${missing.length === 1 ? '' : 's'} ${missing.join(', ')} not set: not run`;
    env = { ...env, ...Object.fromEntries(needed.filter((n) => values[n] !== undefined).map((n) => [n, values[n]])) };
  }
  if (!setupError && opts.env) {
    const file = await inside(options.cwd, opts.env);
    const read = file ? await readRegularFile(file) : undefined;
    const text = read && 'bytes' in read ? Buffer.from(read.bytes).toString('utf8') : undefined;
    if (text === undefined) setupError = `env file ${opts.env} not found in ${options.cwd}`;
    else env = { ...env, ...parseEnvFile(text) };
  }
  const masker = new SecretMasker(env);
  let cwd = options.cwd;
  if (!setupError && opts.cwd) {
    const dir = await inside(options.cwd, opts.cwd);
    const st = dir ? await fsp.stat(dir).catch(() => undefined) : undefined;
    if (!dir || !st?.isDirectory()) setupError = `cwd ${opts.cwd} is not a folder in ${options.cwd}`;
    else cwd = dir;
  }
  const syntax = setupError ? undefined : await syntaxError(snippet.lang, snippet.code);
  if (setupError || syntax) {
    const message = setupError ?? `does not parse, not run: ${syntax}`;
    return {
      ...base,
      ...(setupError ? { setupError } : {}),
      command: masker.mask(snippet.code),
      outputExcerpt: message,
      expected: checks.map((c) => expectationResult(c, { met: false })),
      ...(syntax ? { syntaxError: syntax } : {}),
    };
  }

  const watch = new ExpectationWatch(checks);
  const r = await execProgram(program, {
    cwd,
    timeoutMs,
    killGraceMs: options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    excerptBytes: options.excerptBytes ?? DEFAULT_EXCERPT_BYTES,
    env,
    signal: options.signal,
    onOutput: (chunk, stream) => {
      options.callbacks?.onOutput?.(chunk);
      if (stream !== 'stderr' || opts.stderr) watch.push(chunk);
    },
  });
  const outcomes = watch.end();
  const excerpt = masker.mask(r.spawnError ? `${program.command}: ${r.spawnError}` : r.excerpt);
  const result: RunSnippetResult = {
    ...base,
    command: masker.mask(snippet.code),
    exitCode: r.exitCode,
    signal: r.signal,
    timedOut: r.timedOut,
    durationMs: r.durationMs,
    outputExcerpt: excerpt,
    outputSha256: r.outputSha256,
    outputBytes: r.totalBytes,
    expected: checks.map((c, i) => {
      const e = expectationResult(c, outcomes[i]);
      if (!e.met && c.class !== 'prose' && !c.error) {
        const diff = expectedVsActual(c.literal ?? c.text, excerpt);
        if (diff) e.diff = diff;
      }
      if (e.actual) e.actual = masker.mask(e.actual);
      return e;
    }),
  };
  if (r.cancelled) result.cancelled = true;
  if (options.review && !snippetFailed(result) && !r.cancelled) {
    for (const e of result.expected) {
      if (e.class !== 'prose' || e.met) continue;
      const decision = await options.review(task, result, e);
      if (decision) e.review = { ...decision, at: new Date().toISOString() };
      if (decision?.decision === 'confirmed') e.met = true;
    }
  }
  return result;
}

function expectationResult(c: Classified, o: { met: boolean; actual?: string; verbatim?: boolean }): RunExpectationResult {
  const e: RunExpectationResult = { text: c.text, met: c.class === 'prose' && !o.verbatim ? false : o.met, class: c.class };
  if (o.verbatim) e.literalMatch = true;
  if (c.pattern) e.pattern = c.pattern.source;
  if (c.error) e.error = c.error;
  if (o.actual) e.actual = o.actual;
  return e;
}

/**
 * A workspace-relative path resolved under root, or undefined when it leaves it, by its text or through a symbolic
 * link (`ops/out` -> `/elsewhere`): a snippet never runs in, nor reads an env file from, a folder really outside.
 */
async function inside(root: string, rel: string): Promise<string | undefined> {
  const abs = path.resolve(root, rel);
  if (!insideRoot(root, abs)) return undefined;
  try {
    const real = await fsp.realpath(abs);
    return insideRoot(await fsp.realpath(root), real) ? real : undefined;
  } catch {
    return abs; // missing: the caller says so
  }
}

function notRun(snippet: RunnerSnippet, options: RunOptions): RunSnippetResult {
  const masker = new SecretMasker(options.env ?? process.env);
  return {
    lang: snippet.lang,
    command: masker.mask(snippet.code),
    commandSha256: commandHash(snippet.code),
    exitCode: null,
    signal: null,
    timedOut: false,
    durationMs: 0,
    outputExcerpt: '',
    outputSha256: sha256(''),
    expected: expectedChecks(snippet.expected, options.expectedPatterns).map((c) => expectationResult(c, { met: false })),
    notRun: true,
  };
}

function skippedTask(task: RunnerTask, options: RunOptions): RunTaskResult {
  return { phase: task.phase, line: task.line, label: task.label, text: task.text, status: 'skipped', snippets: task.snippets.filter(isRunnable).map((s) => notRun(s, options)) };
}
