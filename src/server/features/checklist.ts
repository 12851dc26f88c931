/**
 * `signoff/documentInfo` and the checklist code lenses, both computed from a document parsed from its current
 * text (not the last checked version), so a client acting right after an edit sees the edit.
 */
import type { CodeLens } from 'vscode-languageserver';
import type { ParsedDocument } from '../../core/index';
import type { Phase, Task } from '../../core/model/checklist';
import {
  COMMAND_CHECK_ALL_IN_PHASE,
  COMMAND_RERUN_FAILED,
  COMMAND_UNCHECK_ALL_IN_PHASE,
  COMMAND_REVIEW_PENDING,
  COMMAND_RUN_PHASE,
  COMMAND_RUN_SNIPPET,
  SERVER_COMMAND_CHECK_PHASE,
  SERVER_COMMAND_UNCHECK_PHASE,
  type DocumentInfo,
  type PhaseInfo,
  type TaskInfo,
} from '../../protocol/index';
import { commandHash, inputsByPhase, isRunnable } from '../../core/runs/index';
import { spanToRange } from '../convert';
import type { PhaseVerdict } from '../runs';
import { trimmedEnd } from './outline';

export function documentInfo(uri: string, doc: ParsedDocument, verdicts: Map<number, PhaseVerdict>): DocumentInfo {
  const info: DocumentInfo = { uri, kind: doc.kind ?? null };
  if (doc.kind === 'certificate' && doc.certificate) {
    const cert = doc.certificate;
    if (cert.status) info.status = { raw: cert.status.raw, value: cert.status.value };
    if (cert.certificateId) info.certificateId = cert.certificateId.value;
  } else if (doc.kind === 'checklist' && doc.checklist) {
    const cl = doc.checklist;
    info.title = cl.h1s[0]?.text;
    info.progress = { done: cl.tasks.filter((t) => t.checked).length, total: cl.tasks.length };
    const inputs = inputsByPhase(doc.text, cl.phases);
    info.phases = cl.phases.map((p) => phaseInfo(doc, p, verdicts.get(p.number), inputs.get(p.number)));
    info.looseTasks = cl.tasks.filter((t) => t.phase === undefined).map((t) => taskInfo(doc, t));
  }
  return info;
}

function phaseInfo(doc: ParsedDocument, p: Phase, verdict: PhaseVerdict | undefined, inputs: string[] | undefined): PhaseInfo {
  const info: PhaseInfo = {
    number: p.number,
    name: p.name,
    headingRange: spanToRange(doc.lines, p.heading.span),
    endLine: doc.lines.positionAt(trimmedEnd(doc.text, p.span)).line - 1,
    done: p.tasks.filter((t) => t.checked).length,
    total: p.tasks.length,
    tasks: p.tasks.map((t) => taskInfo(doc, t)),
  };
  if (verdict) {
    info.lastRun = {
      verdict: verdict.verdict, at: verdict.at, record: verdict.record, ...(isStale(p, verdict) ? { stale: true } : {}),
      ...(verdict.toReview ? { toReview: verdict.toReview } : {}), ...(verdict.failed ? { failed: verdict.failed } : {}),
    };
  }
  if (inputs?.length) info.inputs = inputs;
  return info;
}

function taskInfo(doc: ParsedDocument, t: Task): TaskInfo {
  const info: TaskInfo = {
    checked: t.checked,
    checkboxRange: spanToRange(doc.lines, t.checkboxSpan),
    text: t.text,
    line: t.line - 1,
    endLine: doc.lines.positionAt(trimmedEnd(doc.text, t.span)).line - 1,
    snippets: t.snippets.map((s) => ({ lang: s.lang, code: s.code, range: spanToRange(doc.lines, s.span), expected: s.expected.map((e) => e.text), ...(s.options && Object.keys(s.options).length ? { options: s.options } : {}) })),
  };
  if (t.label) info.label = t.label;
  if (t.phase !== undefined) info.phase = t.phase;
  return info;
}

/**
 * Above each phase: progress and "Run phase checks" (with the last verdict); above each snippet: "Run in terminal".
 * Running is the client's (VS Code: trusted, confirmed, in a terminal); a client that does not implement those
 * commands (`clientCommands`) gets only what the server can do: progress and "Check all" / "Uncheck all".
 */
export function checklistLenses(uri: string, doc: ParsedDocument, verdicts: Map<number, PhaseVerdict>, clientCommands = true): CodeLens[] {
  const cl = doc.checklist;
  if (doc.kind !== 'checklist' || !cl) return [];
  const lenses: CodeLens[] = [];
  for (const p of cl.phases) {
    const done = p.tasks.filter((t) => t.checked).length;
    // A client that cannot run, or a phase with nothing to run (manual tasks only): what can be done is ticking
    // (with the VS Code client's own command when it has one).
    if (!clientCommands || !p.tasks.some((t) => t.snippets.some(isRunnable))) {
      const all = done === p.tasks.length && done > 0;
      const title = `${done}/${p.tasks.length} done · ${all ? 'Uncheck all' : 'Check all'}`;
      const command = clientCommands
        ? { title, command: all ? COMMAND_UNCHECK_ALL_IN_PHASE : COMMAND_CHECK_ALL_IN_PHASE, arguments: [uri, p.number] }
        : { title, command: all ? SERVER_COMMAND_UNCHECK_PHASE : SERVER_COMMAND_CHECK_PHASE, arguments: [uri, { phase: p.number }] };
      lenses.push({ range: spanToRange(doc.lines, p.heading.span), command });
      continue;
    }
    const verdict = verdicts.get(p.number);
    const range = spanToRange(doc.lines, p.heading.span);
    const title = `${done}/${p.tasks.length} done · ▶ Run phase checks${verdict ? ` · ${verdictText(p, verdict)}` : ''}`;
    lenses.push({ range, command: { title, command: COMMAND_RUN_PHASE, arguments: [uri, p.number] } });
    if (verdict && verdict.verdict !== 'GO' && (verdict.failed || verdict.toReview || verdict.verdict === 'NO-GO')) {
      lenses.push({ range, command: { title: '↻ Rerun failed checks', command: COMMAND_RERUN_FAILED, arguments: [uri, p.number] } });
    }
    if (verdict?.toReview) {
      lenses.push({ range, command: { title: `${verdict.toReview} to review`, command: COMMAND_REVIEW_PENDING, arguments: [uri] } });
    }
  }
  for (const t of clientCommands ? cl.tasks : []) {
    for (const s of t.snippets) {
      const line = s.line - 1;
      lenses.push({
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        command: { title: '▶ Run in terminal', command: COMMAND_RUN_SNIPPET, arguments: [uri, line] },
      });
    }
  }
  return lenses;
}

/**
 * The last run no longer describes the phase: a snippet (or an expectation line inside it) was edited, added or
 * removed since. Compared by command hash, as the run record keeps it (line endings normalised).
 */
export function isStale(p: Phase, verdict: PhaseVerdict): boolean {
  // The runner's own definitions of what runs and how a command is hashed, so the lens and the record agree.
  const now = p.tasks.flatMap((t) => t.snippets).filter(isRunnable).map((s) => commandHash(s.code));
  const then = new Set(verdict.hashes);
  return now.length !== verdict.hashes.length || now.some((h) => !then.has(h));
}

/** `GO`, `NO-GO`, `PENDING (2 to review)`, with `(stale: changed since the run)` when the snippets changed. */
function verdictText(p: Phase, verdict: PhaseVerdict): string {
  const review = verdict.verdict === 'PENDING' && verdict.toReview ? ` (${verdict.toReview} to review)` : '';
  return `${verdict.verdict}${review}${isStale(p, verdict) ? ' (stale: changed since the run)' : ''}`;
}
