/**
 * Run records, as files: `.signoff/runs/<checklist name>-<yyyyMMddTHHmmssZ>[-N].json`, one per run (the runner
 * writes them, src/runner/record.ts), and how a record read back from disk is validated. A file that does not match
 * the name pattern, does not parse, or is not a version-1 record is not a record for anyone: the rule, the lenses,
 * `signoff run --failed` and the editor all read records through parseRunRecord and recordNameFor.
 */
import { RUNS_FOLDER, type RunExpectationResult, type RunPhaseResult, type RunRecord, type RunSnippetResult, type RunTaskResult } from '../../protocol/index';

export const RUN_RECORD_VERSION = 1;
/** The namespace of a signed run record's SSHSIG (a seal's is `signoff`: one cannot stand for the other). */
export const RUN_SIGNATURE_NAMESPACE = 'signoff-run';

/** `20260123T041500Z` for a date (UTC, seconds). */
export function recordTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** The record's file name stem for a checklist: its base name without `.md` (workspace path, `/` separators). */
export function recordStem(checklistPath: string): string {
  return (checklistPath.split('/').pop() ?? checklistPath).replace(/\.(md|markdown)$/i, '');
}

/** `<stem>-<timestamp>` with `-N` for the Nth record started in the same second (N >= 2). */
export function recordFileName(checklistPath: string, startedAt: Date, n = 1): string {
  return `${recordStem(checklistPath)}-${recordTimestamp(startedAt)}${n > 1 ? `-${n}` : ''}.json`;
}

/** Matches the record names of one checklist: timestamp in group 1, the same-second counter in group 2. */
export function recordNamePattern(checklistPath: string): RegExp {
  const stem = recordStem(checklistPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${stem}-(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.json$`);
}

/** Workspace-relative path of a record file name. */
export function recordPath(name: string): string {
  return `${RUNS_FOLDER}/${name}`;
}

/** The text a record is written as (and signed over, without its signature). */
export function serializeRecord(record: RunRecord): string {
  return JSON.stringify(record, null, 2) + '\n';
}

/** The record without its signature, as text: what `--sign` signs and `signoff verify` checks. */
export function signedPayload(record: RunRecord): string {
  const { signature: _signature, ...rest } = record;
  return serializeRecord(rest as RunRecord);
}

/**
 * A record from its text, checked field by field (it is user-writable data); undefined when it is not one. Tasks
 * and snippets that are malformed are dropped; what is kept has the types the protocol says.
 */
export function parseRunRecord(text: string): RunRecord | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!isObj(raw) || raw.version !== RUN_RECORD_VERSION || typeof raw.checklist !== 'string' || !Array.isArray(raw.phases) || !Array.isArray(raw.tasks) || !Array.isArray(raw.phaseResults)) return undefined;
  const phaseResults = raw.phaseResults.filter(isObj).filter((p) => typeof p.phase === 'number' && (p.verdict === 'GO' || p.verdict === 'NO-GO' || p.verdict === 'PENDING'))
    .map((p) => ({ ...p, passed: num(p.passed), failed: num(p.failed), manual: num(p.manual), skipped: num(p.skipped) }) as RunPhaseResult);
  const endedAt = str(raw.endedAt) ?? str(raw.startedAt);
  if (!endedAt) return undefined;
  const record: RunRecord = {
    ...(raw as object),
    version: 1,
    checklist: raw.checklist,
    phases: raw.phases.filter((p): p is number => typeof p === 'number'),
    commit: str(raw.commit) ?? null,
    startedAt: str(raw.startedAt) ?? endedAt,
    endedAt,
    runner: raw.runner === 'vscode' ? 'vscode' : 'cli',
    tasks: raw.tasks.map(parseTask).filter((t): t is RunTaskResult => !!t),
    phaseResults,
  };
  const sig = record.signature as unknown;
  if (sig !== undefined && !(isObj(sig) && sig.namespace === RUN_SIGNATURE_NAMESPACE && typeof sig.signature === 'string')) delete record.signature;
  if (record.previous !== undefined && !(Array.isArray(record.previous) && record.previous.every((p) => typeof p === 'string'))) delete record.previous;
  return record;
}

function parseTask(t: unknown): RunTaskResult | undefined {
  if (!isObj(t) || typeof t.phase !== 'number' || typeof t.line !== 'number' || typeof t.text !== 'string' || !Array.isArray(t.snippets)) return undefined;
  if (t.status !== 'passed' && t.status !== 'failed' && t.status !== 'skipped' && t.status !== 'pending') return undefined;
  const snippets = t.snippets.map(parseSnippet).filter((s): s is RunSnippetResult => !!s);
  return { phase: t.phase, line: t.line, ...(typeof t.label === 'string' ? { label: t.label } : {}), text: t.text, status: t.status, snippets, ...(t.manualSnippet === true ? { manualSnippet: true } : {}), ...(typeof t.carriedFrom === 'string' ? { carriedFrom: t.carriedFrom } : {}) };
}

function parseSnippet(s: unknown): RunSnippetResult | undefined {
  if (!isObj(s) || typeof s.commandSha256 !== 'string') return undefined;
  const out: RunSnippetResult = {
    lang: str(s.lang) ?? '',
    command: str(s.command) ?? '',
    commandSha256: s.commandSha256,
    exitCode: typeof s.exitCode === 'number' ? s.exitCode : null,
    signal: str(s.signal) ?? null,
    timedOut: s.timedOut === true,
    durationMs: num(s.durationMs),
    outputExcerpt: str(s.outputExcerpt) ?? '',
    outputSha256: str(s.outputSha256) ?? '',
    expected: Array.isArray(s.expected) ? s.expected.filter(isObj).map(parseExpectation) : [],
  };
  if (typeof s.timeoutMs === 'number') out.timeoutMs = s.timeoutMs;
  if (typeof s.outputBytes === 'number') out.outputBytes = s.outputBytes;
  if (typeof s.expectedExit === 'number') out.expectedExit = s.expectedExit;
  if (typeof s.syntaxError === 'string') out.syntaxError = s.syntaxError;
  if (typeof s.setupError === 'string') out.setupError = s.setupError;
  if (s.declined === true) out.declined = true;
  if (s.notRun === true) out.notRun = true;
  if (s.cancelled === true) out.cancelled = true;
  return out;
}

function parseExpectation(e: Record<string, unknown>): RunExpectationResult {
  const out: RunExpectationResult = { text: String(e.text ?? ''), met: e.met === true };
  // Records of older versions have no class: their expectations were literal.
  out.class = e.class === 'pattern' || e.class === 'numeric' || e.class === 'prose' ? e.class : 'literal';
  for (const k of ['pattern', 'error', 'actual', 'diff'] as const) if (typeof e[k] === 'string') out[k] = e[k] as string;
  if (e.literalMatch === true) out.literalMatch = true;
  if (isObj(e.review) && (e.review.decision === 'confirmed' || e.review.decision === 'rejected')) {
    out.review = { decision: e.review.decision, by: String(e.review.by ?? ''), at: String(e.review.at ?? ''), ...(typeof e.review.email === 'string' ? { email: e.review.email } : {}) };
  }
  return out;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
