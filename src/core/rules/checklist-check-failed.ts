/**
 * checklist-check-failed: the last recorded run of a task's snippet failed. Records are the runner's JSON files in
 * `.signoff/runs/` (see src/protocol RunRecord). For each phase the newest record that ran it counts, so running
 * phase 2 does not hide phase 1's failures, and a later passing run clears them. A recorded task is matched to the
 * document by its snippets' command hashes (an edited snippet makes the old result stale: not reported), then by
 * label and text, then by the nearest line, since lines move as the document is edited.
 */
import type { Host } from '../host';
import type { Task } from '../model/checklist';
import { RUNS_FOLDER, type RunSnippetResult, type RunTaskResult } from '../../protocol/index';
import { checklistRule } from './types';

/** Records read per document, newest first: enough for any phase's latest run without reading years of history. */
const MAX_RECORDS = 50;
const TAIL_LINES = 5;
const TAIL_CHARS = 400;

/** The parts of a recorded snippet (the runner's RunSnippetResult) this rule reads and validates. */
type RecordedSnippet = Pick<RunSnippetResult, 'command' | 'commandSha256' | 'exitCode' | 'signal' | 'timedOut' | 'timeoutMs' | 'durationMs' | 'outputExcerpt' | 'expected' | 'notRun' | 'cancelled' | 'expectedExit' | 'syntaxError' | 'declined'>;
type RecordedTask = Omit<RunTaskResult, 'snippets'> & { snippets: RecordedSnippet[] };

interface LoadedRecord {
  path: string;
  checklist: string;
  phases: number[];
  endedAt: string;
  tasks: RecordedTask[];
}

type CacheEntry = { mtimeMs: number; size: number; record: LoadedRecord | null };
/** Parsed records per host, keyed by path and reused while the file's mtime and size are unchanged. */
const cache = new WeakMap<Host, Map<string, CacheEntry>>();

export default checklistRule(
  {
    id: 'checklist-check-failed',
    description: 'The last recorded run of this task\'s snippet failed (exit code, timeout, or `# Expected:` not met).',
    defaultSeverity: 'error',
    kinds: ['checklist'],
    fixable: false,
    tags: ['checklist', 'runs'],
    usesWorkspace: true,
  },
  async ({ doc, model, host, report }) => {
    if (!host.listDirectory || !model.phases.length) return;
    const records = await latestRecords(host, doc.path);
    if (!records.length) return;
    const hashes = new Map<Task, Set<string>>();
    for (const t of model.tasks) hashes.set(t, new Set(await Promise.all(t.snippets.map((s) => sha256Hex(s.code.replace(/\r\n?/g, '\n'))))));

    for (const phase of model.phases) {
      const record = records.find((r) => r.phases.includes(phase.number));
      if (!record) continue;
      const taken = new Set<Task>();
      for (const rt of record.tasks) {
        if (rt.phase !== phase.number || rt.status !== 'failed') continue;
        const task = matchTask(rt, phase.tasks, hashes, taken);
        if (!task) continue; // the task or its snippet changed since: the result no longer applies
        taken.add(task);
        const failing = rt.snippets.find((s) => !s.notRun && !snippetPassed(s));
        if (!failing) continue;
        const lineEnd = doc.text.indexOf('\n', task.span.start);
        const end = lineEnd < 0 || lineEnd > task.span.end ? task.span.end : lineEnd;
        report({
          message: describe(failing, record.endedAt),
          span: { start: task.span.start, end: Math.max(task.span.start, doc.text[end - 1] === '\r' ? end - 1 : end) },
          related: [{ path: record.path, message: 'Run record' }],
          data: {
            record: record.path,
            command: failing.command,
            exitCode: failing.exitCode,
            timedOut: failing.timedOut,
            expected: failing.expected,
            outputTail: tail(failing.outputExcerpt),
          },
        });
      }
    }
  },
);

/** Mirrors src/runner/verdict.ts snippetFailed (the core cannot import the runner): prose counts only when rejected. */
function snippetPassed(s: RecordedSnippet): boolean {
  if (s.declined) return true;
  if (s.syntaxError) return false;
  return s.exitCode === (s.expectedExit ?? 0) && !s.timedOut && !s.cancelled && s.expected.every((e) => (e.class === 'prose' ? e.review?.decision !== 'rejected' : e.met));
}

function matchTask(rt: RecordedTask, tasks: readonly Task[], hashes: Map<Task, Set<string>>, taken: Set<Task>): Task | undefined {
  const wanted = rt.snippets.map((s) => s.commandSha256);
  if (!wanted.length) return undefined;
  const candidates = tasks.filter((t) => !taken.has(t) && wanted.every((h) => hashes.get(t)?.has(h)));
  const score = (t: Task) => ((t.label ?? '') === (rt.label ?? '') && t.text === rt.text ? 0 : 1_000_000) + Math.abs(t.line - rt.line);
  let best: Task | undefined;
  for (const t of candidates) if (!best || score(t) < score(best)) best = t;
  return best;
}

/** `Last run (…): exit code 3, expected 0; "X" not in the output. Output ends: …` */
function describe(s: RecordedSnippet, at: string): string {
  const parts: string[] = [];
  const want = s.expectedExit ?? 0;
  if (s.syntaxError) parts.push(`does not parse (${s.syntaxError}), not run`);
  else if (s.timedOut) parts.push(`timed out after ${Math.round((s.timeoutMs ?? s.durationMs) / 100) / 10} s (killed)`);
  else if (s.cancelled) parts.push('cancelled');
  else if (s.exitCode === null) parts.push(s.signal ? `killed by ${s.signal}` : 'could not start');
  else if (s.exitCode !== want) parts.push(`exit code ${s.exitCode}, expected ${want}`);
  for (const e of s.expected) {
    if (e.error) parts.push(e.error);
    else if (e.class === 'prose') { if (e.review?.decision === 'rejected') parts.push(`"${e.text}" rejected by ${e.review.by} (${e.review.at})`); }
    else if (!e.met) parts.push(e.actual ? `expected "${e.text}", the output shows ${e.actual}` : `expected "${e.text}", not in the output`);
  }
  const diff = s.expected.find((e) => !e.met && e.diff && e.class !== 'prose')?.diff;
  const firstLine = s.command.split(/\r?\n/).find((l) => l.trim() && !l.trim().startsWith('#'))?.trim() ?? s.command.trim();
  const out = tail(s.outputExcerpt);
  const shown = diff ? `Expected vs actual:\n${diff.split('\n').slice(0, 30).join('\n')}` : out ? `Output ends: ${JSON.stringify(out)}` : 'No output.';
  return `Check failed in the last run (${at}): \`${firstLine.slice(0, 120)}\`: ${parts.join('; ') || 'failed'}. ${shown}`;
}

function tail(excerpt: string): string {
  const lines = excerpt.replace(/\s+$/, '').split(/\r?\n/);
  const t = lines.slice(-TAIL_LINES).join('\n');
  return t.length > TAIL_CHARS ? '…' + t.slice(-TAIL_CHARS) : t;
}

/** This checklist's records, newest first (by endedAt), at most MAX_RECORDS of them. */
async function latestRecords(host: Host, docPath: string): Promise<LoadedRecord[]> {
  const names = await host.listDirectory!(RUNS_FOLDER);
  if (!names) return [];
  const stem = docPath.split('/').pop()!.replace(/\.(md|markdown)$/i, '');
  const re = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.json$`);
  const mine = names
    .map((n) => ({ n, m: re.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => !!x.m)
    .sort((a, b) => (a.m[1] === b.m[1] ? Number(b.m[2] ?? 1) - Number(a.m[2] ?? 1) : a.m[1] < b.m[1] ? 1 : -1))
    .slice(0, MAX_RECORDS);
  let perHost = cache.get(host);
  if (!perHost) cache.set(host, (perHost = new Map()));
  const out: LoadedRecord[] = [];
  for (const { n } of mine) {
    const rel = `${RUNS_FOLDER}/${n}`;
    const st = await host.stat(rel);
    if (!st?.isFile) continue;
    let entry = perHost.get(rel);
    if (!entry || entry.mtimeMs !== st.mtimeMs || entry.size !== st.size) {
      const bytes = await host.readFile(rel);
      entry = { mtimeMs: st.mtimeMs, size: st.size, record: bytes ? parseRecord(rel, bytes) : null };
      perHost.set(rel, entry);
    }
    if (entry.record && entry.record.checklist === docPath) out.push(entry.record);
  }
  return out.sort((a, b) => (a.endedAt < b.endedAt ? 1 : a.endedAt > b.endedAt ? -1 : 0));
}

/** A record from disk, checked field by field (it is user-writable data); null when it is not one. */
function parseRecord(path: string, bytes: Uint8Array): LoadedRecord | null {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  if (!isObj(raw) || raw.version !== 1 || typeof raw.checklist !== 'string' || !Array.isArray(raw.phases) || !Array.isArray(raw.tasks)) return null;
  const tasks: RecordedTask[] = [];
  for (const t of raw.tasks) {
    if (!isObj(t) || typeof t.phase !== 'number' || typeof t.line !== 'number' || typeof t.text !== 'string' || !Array.isArray(t.snippets)) continue;
    if (t.status !== 'passed' && t.status !== 'failed' && t.status !== 'skipped') continue;
    const snippets: RecordedSnippet[] = [];
    for (const s of t.snippets) {
      if (!isObj(s) || typeof s.commandSha256 !== 'string') continue;
      snippets.push({
        command: typeof s.command === 'string' ? s.command : '',
        commandSha256: s.commandSha256,
        exitCode: typeof s.exitCode === 'number' ? s.exitCode : null,
        signal: typeof s.signal === 'string' ? s.signal : null,
        timedOut: s.timedOut === true,
        timeoutMs: typeof s.timeoutMs === 'number' ? s.timeoutMs : undefined,
        durationMs: typeof s.durationMs === 'number' ? s.durationMs : 0,
        outputExcerpt: typeof s.outputExcerpt === 'string' ? s.outputExcerpt : '',
        expected: Array.isArray(s.expected)
          ? s.expected.filter(isObj).map((e) => ({
            text: String(e.text ?? ''),
            met: e.met === true,
            error: typeof e.error === 'string' ? e.error : undefined,
            class: e.class === 'literal' || e.class === 'pattern' || e.class === 'numeric' || e.class === 'prose' ? e.class : undefined,
            actual: typeof e.actual === 'string' ? e.actual : undefined,
            diff: typeof e.diff === 'string' ? e.diff : undefined,
            review: isObj(e.review) && (e.review.decision === 'confirmed' || e.review.decision === 'rejected')
              ? { decision: e.review.decision, by: String(e.review.by ?? ''), at: String(e.review.at ?? '') } : undefined,
          }))
          : [],
        expectedExit: typeof s.expectedExit === 'number' ? s.expectedExit : undefined,
        syntaxError: typeof s.syntaxError === 'string' ? s.syntaxError : undefined,
        declined: s.declined === true,
        notRun: s.notRun === true,
        cancelled: s.cancelled === true,
      });
    }
    tasks.push({ phase: t.phase, line: t.line, label: typeof t.label === 'string' ? t.label : undefined, text: t.text, status: t.status, snippets });
  }
  return {
    path,
    checklist: raw.checklist,
    phases: raw.phases.filter((p): p is number => typeof p === 'number'),
    endedAt: typeof raw.endedAt === 'string' ? raw.endedAt : '',
    tasks,
  };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
