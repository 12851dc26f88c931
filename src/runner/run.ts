/**
 * The one runner of phase checks, shared by `signoff run` and the editor. Tasks run in order, their snippets one by
 * one (see exec.ts). A task passes when every runnable snippet exits 0 and every `# Expected:` text is met; a task
 * without a runnable snippet (no fence, or only fences of other languages) is manual: counted, never run, never ticked.
 *
 * Verdicts: a phase is GO when at least one of its tasks ran and every task that ran passed, with none skipped. A
 * phase with nothing to run is NO-GO: GO is a claim that checks passed, and no check did (its manual count says why).
 * Stop-on-failure skips everything after the first failing task, in that phase and the phases after it.
 */
import { createHash } from 'node:crypto';
import type { RunSnippetResult, RunTaskResult } from '../protocol/index';
import { DEFAULT_EXCERPT_BYTES, DEFAULT_KILL_GRACE_MS, DEFAULT_TIMEOUT_MS, execProgram, interpreterFor, normalizeCode, programFor } from './exec';
import type { PhaseResult, RunOptions, RunnerPhase, RunnerSnippet, RunnerTask } from './types';

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

/** The hash a run record keeps for a snippet's command: line endings normalised, so CRLF and LF files agree. */
export function commandHash(code: string): string {
  return sha256(normalizeCode(code));
}

export function isRunnable(snippet: RunnerSnippet): boolean {
  return interpreterFor(snippet.lang) !== undefined;
}

export function isManual(task: RunnerTask): boolean {
  return !task.snippets.some(isRunnable);
}

/** How an `# Expected:` text is checked: literally (trimmed), or by the regular expression the config gives it. */
export interface ExpectedCheck {
  text: string;
  literal?: string;
  pattern?: RegExp;
  /** The configured pattern did not compile: the expectation fails with this message. */
  error?: string;
}

export function expectedChecks(texts: readonly string[], patterns: Record<string, string> = {}): ExpectedCheck[] {
  return texts.map((raw) => {
    const text = raw.trim();
    const source = Object.prototype.hasOwnProperty.call(patterns, text) ? patterns[text] : undefined;
    if (source === undefined) return { text, literal: text };
    try {
      return { text, pattern: new RegExp(source, 'm') };
    } catch (e) {
      return { text, error: `run.expectedPatterns["${text}"] is not a valid regular expression: ${(e as Error).message}` };
    }
  });
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
    const counts = { passed: 0, failed: 0, manual: 0, skipped: 0 };
    for (const task of phase.tasks) {
      if (isManual(task)) { counts.manual++; continue; }
      if (stopped || cancelled || options.signal?.aborted) {
        cancelled ||= !!options.signal?.aborted;
        const skipped = skippedTask(task);
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
    const ran = counts.passed + counts.failed;
    const verdict: PhaseResult['verdict'] = ran > 0 && counts.failed === 0 && counts.skipped === 0 ? 'GO' : 'NO-GO';
    const pr: PhaseResult = { phase: phase.number, verdict, ...counts };
    phaseResults.push(pr);
    cb.onPhaseEnd?.(phase, pr);
  }
  return { startedAt, endedAt: new Date().toISOString(), tasks, phaseResults, cancelled };
}

async function runTask(task: RunnerTask, options: RunOptions): Promise<RunTaskResult> {
  const snippets: RunSnippetResult[] = [];
  let failed = false;
  for (const snippet of task.snippets) {
    const program = programFor(snippet.lang, snippet.code);
    if (!program) continue; // another language (sample output, config): not a check
    if (failed || options.signal?.aborted) {
      snippets.push(notRun(snippet));
      continue;
    }
    options.callbacks?.onSnippetStart?.(task, snippet, program.command);
    const checks = expectedChecks(snippet.expected, options.expectedPatterns);
    const literalChecks = checks.filter((c) => c.literal !== undefined);
    const patternChecks = checks.filter((c) => c.pattern);
    const r = await execProgram(program, {
      cwd: options.cwd,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      killGraceMs: options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      excerptBytes: options.excerptBytes ?? DEFAULT_EXCERPT_BYTES,
      env: options.env,
      signal: options.signal,
      literals: literalChecks.map((c) => c.literal!),
      patterns: patternChecks.map((c) => c.pattern!),
      onOutput: options.callbacks?.onOutput,
    });
    const expected = checks.map((c) => {
      if (c.error) return { text: c.text, met: false, error: c.error };
      if (c.pattern) return { text: c.text, met: r.patternsMatched[patternChecks.indexOf(c)], pattern: c.pattern.source };
      return { text: c.text, met: r.literalsFound[literalChecks.indexOf(c)] };
    });
    const result: RunSnippetResult = {
      lang: snippet.lang,
      command: snippet.code,
      commandSha256: commandHash(snippet.code),
      exitCode: r.exitCode,
      signal: r.signal,
      timedOut: r.timedOut,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      durationMs: r.durationMs,
      outputExcerpt: r.spawnError ? `${program.command}: ${r.spawnError}` : r.excerpt,
      outputSha256: r.outputSha256,
      outputBytes: r.totalBytes,
      expected,
    };
    if (r.cancelled) result.cancelled = true;
    snippets.push(result);
    options.callbacks?.onSnippetEnd?.(task, result);
    if (!snippetPassed(result)) failed = true;
  }
  return { phase: task.phase, line: task.line, label: task.label, text: task.text, status: failed ? 'failed' : 'passed', snippets };
}

export function snippetPassed(s: RunSnippetResult): boolean {
  return s.exitCode === 0 && !s.timedOut && !s.cancelled && s.expected.every((e) => e.met);
}

function notRun(snippet: RunnerSnippet): RunSnippetResult {
  return {
    lang: snippet.lang,
    command: snippet.code,
    commandSha256: commandHash(snippet.code),
    exitCode: null,
    signal: null,
    timedOut: false,
    durationMs: 0,
    outputExcerpt: '',
    outputSha256: sha256(''),
    expected: snippet.expected.map((t) => ({ text: t.trim(), met: false })),
    notRun: true,
  };
}

function skippedTask(task: RunnerTask): RunTaskResult {
  return { phase: task.phase, line: task.line, label: task.label, text: task.text, status: 'skipped', snippets: task.snippets.filter(isRunnable).map(notRun) };
}
