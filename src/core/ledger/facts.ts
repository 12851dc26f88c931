/**
 * What the review ledger needs of one document, kept in its summary (summary.ts) so the workspace pass and
 * `signoff status` never look at a tree. Two parts: what the text says (ledgerFacts, made with the summary), and
 * whether the evidence still holds (evidenceFacts, made by the engine from the document pass's own findings, so
 * freshness is exactly what `check` reports on the certificate: one engine, one answer).
 */
import type { ParsedDocument } from '../document';
import { evidenceOf } from '../evidence/of';
import { headerInstant } from '../rules/shared/dates';
import { sealOf } from '../seal/content';
import type { Finding, Span } from '../types';
import type { Position } from '../text/line-index';

/** A place in the document: span and both ends' positions (summary.ts SummaryPlace, repeated to avoid a cycle). */
export interface FactPlace {
  span: Span;
  start: Position;
  end: Position;
}

/** One Certificate ID named by a `**Supersedes**` field. */
export interface SupersedesRef extends FactPlace {
  id: string;
}

/** A reference of the certificate that no longer holds, and the finding that says why. */
export interface StaleReference {
  /** 1-based line and column of the finding in the certificate. */
  line: number;
  column: number;
  /** The reference as written (whitespace collapsed, at most 120 characters). */
  reference: string;
  ruleId: string;
  message: string;
}

export interface EvidenceFacts {
  /** Evidence references of the certificate. */
  total: number;
  /** References (or sealed ranges no longer cited) that do not hold; several findings of one reference are each listed. */
  stale: StaleReference[];
  /** How many of `total` have a stale finding. */
  staleRefs: number;
  /** The change under review (`--changed-since`) touches cited lines (evidence-changed fired). */
  touched: boolean;
  /** A readable seal whose hash still matches the text. */
  sealed: boolean;
  /** Sealed, signed, and the signature verifies for the Agent (cert-seal-signature says nothing). */
  signed: boolean;
}

export interface CertificateFacts {
  kind: 'certificate';
  /** The Component field as written (emphasis stripped); undefined when there is none. */
  component?: string;
  agent?: string;
  /** The Date field as written, and its instant (undefined when unreadable). */
  date?: string;
  time?: number;
  /** The canonical verdict of the Status line (APPROVED, CONDITIONALLY_APPROVED, REJECTED ...). */
  verdict?: string;
  /** 1-based line to open the certificate at: its Certificate ID, else its title. */
  line: number;
  supersedes: SupersedesRef[];
  /** Conditions listed by a CONDITIONALLY_APPROVED certificate that are not ticked off (`- [x]`). */
  conditions: string[];
  /** Set by the engine from the document pass's findings; undefined when the document was not checked. */
  evidence?: EvidenceFacts;
}

/** A checklist task's `Requires review: <Certificate ID or component>`. */
export interface ReviewGate extends FactPlace {
  target: string;
  /** 1-based line of the task. */
  taskLine: number;
}

export interface ChecklistFacts {
  kind: 'checklist';
  title?: string;
  phases: { number: number; name: string; line: number }[];
  gates: ReviewGate[];
}

export type LedgerFacts = CertificateFacts | ChecklistFacts;

/** The rules whose findings on a reference mean its evidence is not the code as reviewed. */
export const STALE_RULES = ['evidence-file-missing', 'evidence-line-range', 'evidence-drift', 'evidence-stale', 'evidence-changed'] as const;

const NONE = /^(none|n\/a|na|-+|—)$/i;
const GATE = /\brequires[ \t]+review\b[*_]*[ \t]*:[ \t]*(.+)$/gim;

export function ledgerFacts(doc: ParsedDocument): LedgerFacts | undefined {
  if (doc.notParsed) return undefined;
  if (doc.certificate) return certificateFacts(doc);
  if (doc.checklist) return checklistFacts(doc);
  return undefined;
}

function place(doc: ParsedDocument, span: Span): FactPlace {
  return { span: { start: span.start, end: span.end }, start: doc.lines.positionAt(span.start), end: doc.lines.positionAt(span.end) };
}

function fieldValue(doc: ParsedDocument, key: string): { value: string; span: Span; line: number } | undefined {
  const f = doc.certificate!.header.find((h) => h.key.replace(/[*_`]/g, '').trim().toLowerCase() === key);
  const value = f?.value.replace(/[*_`]/g, '').trim();
  return f && value ? { value, span: f.valueSpan, line: f.line } : undefined;
}

function certificateFacts(doc: ParsedDocument): CertificateFacts {
  const model = doc.certificate!;
  const date = fieldValue(doc, 'date');
  const facts: CertificateFacts = {
    kind: 'certificate',
    component: fieldValue(doc, 'component')?.value,
    agent: fieldValue(doc, 'agent')?.value,
    date: date?.value,
    time: date ? headerInstant(date.value) : undefined,
    verdict: model.status?.value,
    line: model.certificateId?.line ?? model.h1s[0]?.line ?? 1,
    supersedes: supersedesOf(doc),
    conditions: [],
  };
  if (facts.verdict === 'CONDITIONALLY_APPROVED') {
    for (const block of model.conditions) {
      if (block.none) continue;
      for (const item of block.items) {
        const written = doc.text.slice(item.span.start, item.span.end);
        if (/^\s*(?:[-*+]|\d+[.)])\s+\[[xX]\]/.test(written)) continue; // ticked off: no longer open
        const text = item.text.replace(/\s+/g, ' ').trim();
        if (text) facts.conditions.push(text);
      }
    }
  }
  return facts;
}

/** Every `**Supersedes**` header field (one or more IDs each, separated by commas, semicolons, spaces or "and"). */
function supersedesOf(doc: ParsedDocument): SupersedesRef[] {
  const out: SupersedesRef[] = [];
  for (const f of doc.certificate!.header) {
    if (!/^supersedes$/i.test(f.key.replace(/[*_`]/g, '').trim())) continue;
    const raw = doc.text.slice(f.valueSpan.start, f.valueSpan.end);
    for (const m of raw.matchAll(/[^\s,;*_`]+/g)) {
      const id = m[0].replace(/[.)]+$/, '').replace(/^\(+/, '');
      if (!id || NONE.test(id) || /^and$/i.test(id)) continue;
      const start = f.valueSpan.start + m.index! + m[0].indexOf(id);
      out.push({ id, ...place(doc, { start, end: start + id.length }) });
    }
  }
  return out;
}

function checklistFacts(doc: ParsedDocument): ChecklistFacts {
  const model = doc.checklist!;
  const gates: ReviewGate[] = [];
  for (const task of model.tasks) {
    // The task's own paragraph and sub-items (its span), up to its first snippet: a gate is prose, not code.
    const end = Math.min(task.span.end, ...task.snippets.map((s) => s.span.start));
    const text = doc.text.slice(task.span.start, end);
    for (const m of text.matchAll(GATE)) {
      const value = m[1].replace(/[*_`]+/g, (s) => ' '.repeat(s.length));
      const target = value.trim().replace(/[.;,]+$/, '').trim();
      if (!target) continue;
      const start = task.span.start + m.index! + m[0].length - m[1].length + value.indexOf(target);
      gates.push({ target, taskLine: task.line, ...place(doc, { start, end: start + target.length }) });
    }
  }
  return {
    kind: 'checklist',
    title: model.h1s[0]?.text,
    phases: model.phases.map((p) => ({ number: p.number, name: p.name, line: p.heading.line })),
    gates,
  };
}

/**
 * The freshness part, from the document pass's findings (after severities and suppression, as `check` shows them).
 * `inChange`: the change under review adds or edits this certificate itself, so it is the re-review of what the
 * change touches: evidence-changed marks it touched, not stale (drift after its Date still does).
 */
export function evidenceFacts(doc: ParsedDocument, findings: readonly Finding[], inChange = false): EvidenceFacts {
  const refs = evidenceOf(doc).refs;
  const stale: StaleReference[] = [];
  const staleRefs = new Set<number>();
  const touched = findings.some((f) => f.ruleId === 'evidence-changed');
  for (const f of findings) {
    if (!(STALE_RULES as readonly string[]).includes(f.ruleId)) continue;
    if (inChange && f.ruleId === 'evidence-changed') continue;
    const i = refAt(refs, f.span.start);
    const ref = i >= 0 ? refs[i] : undefined;
    if (!holdsNot(f, ref)) continue;
    if (i >= 0) staleRefs.add(i);
    const written = ref ? doc.text.slice(ref.span.start, ref.span.end) : String(f.data?.fingerprint ?? f.data?.path ?? '');
    stale.push({ line: f.start.line, column: f.start.column, reference: written.replace(/\s+/g, ' ').trim().slice(0, 120), ruleId: f.ruleId, message: f.message });
  }
  const block = sealOf(doc);
  const sealed = !!block?.parsed.ok && !findings.some((f) => f.ruleId === 'cert-hash-mismatch');
  const signed = sealed && !!block?.parsed.ok && !!block.parsed.data.signature && !findings.some((f) => f.ruleId === 'cert-seal-signature');
  // A copy: the messages and references are slices of the document's text (see summary.ts).
  return JSON.parse(JSON.stringify({ total: refs.length, stale, staleRefs: staleRefs.size, touched, sealed, signed })) as EvidenceFacts;
}

/** The reference whose span holds `offset` (refs are sorted by start): a binary search, so a million references stay fast. */
function refAt(refs: readonly { span: Span }[], offset: number): number {
  let lo = 0;
  let hi = refs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid].span.start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  // A few steps back, in case a reference that starts earlier holds one that starts inside it.
  for (let j = found; j >= 0 && j > found - 8; j--) if (offset < Math.max(refs[j].span.end, refs[j].span.start + 1)) return j;
  return -1;
}

/**
 * Whether a finding of STALE_RULES says the evidence is not the code as reviewed. Not: notes that a check could not
 * be made (unknown drift, files too large to read), cited lines that moved unchanged (the code is the same), and
 * files cited as a whole that changed somewhere (as evidence-stale treats them).
 */
function holdsNot(f: Finding, ref: { ranges: unknown[] } | undefined): boolean {
  if (f.ruleId === 'evidence-drift') return !!ref && ref.ranges.length > 0 && !f.data?.unknown && !f.fixes?.length;
  if (f.ruleId === 'evidence-line-range') return f.data !== undefined;
  if (f.ruleId === 'evidence-stale') return !f.data?.whole;
  return true;
}
