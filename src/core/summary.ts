/**
 * A document's summary: the small plain data the workspace pass needs from it, made by the document pass and then
 * the only thing of the document that workspace rules see (never its tree). Positions are computed here, once,
 * so findings of the workspace pass need neither the text nor the line index. Plain data all the way down: it is
 * copied between threads (the CLI's workers), kept in the CLI cache and held for every document by the server.
 */
import type { ParsedDocument } from './document';
import { evidenceOf } from './evidence/of';
import { ledgerFacts, type LedgerFacts } from './ledger/facts';
import { Suppressions, type SuppressedRegion } from './suppress';
import type { Position } from './text/line-index';
import type { DocumentKind, Finding, Span } from './types';

/** A place in the summarised document: its span and the positions of both ends. */
export interface SummaryPlace {
  span: Span;
  start: Position;
  end: Position;
}

export interface DocumentSummary {
  path: string;
  kind: DocumentKind;
  /** The Certificate ID (CertificateModel.certificateId) and where it is written. */
  certificateId?: SummaryPlace & { value: string; line: number };
  /** Other certificates cited by their Certificate ID (evidence/extract.ts idCitations). */
  citedIds?: (SummaryPlace & { id: string })[];
  /** File names the document cites (evidence references, checklist task paths): documentsCiting(). */
  citedNames?: string[];
  /** Suppression comments, applied to workspace findings as the document pass applies them to its own. */
  suppressed?: SuppressedRegion[];
  /**
   * Findings of the document pass that the workspace says once, on the first document in path order that has
   * them (the repository-level drift note: evidence/repository-note.ts), whatever order documents were checked in.
   */
  sayOnce?: Finding[];
  /** What the review ledger reads (ledger/facts.ts): component, dates, Supersedes, verdict, freshness; review gates. */
  ledger?: LedgerFacts;
}

function place(doc: ParsedDocument, span: Span): SummaryPlace {
  return { span: { start: span.start, end: span.end }, start: doc.lines.positionAt(span.start), end: doc.lines.positionAt(span.end) };
}

/** The summary of a document of a kind; undefined for ordinary Markdown. */
export function summarize(doc: ParsedDocument, suppressions?: Suppressions): DocumentSummary | undefined {
  if (!doc.kind) return undefined;
  const summary: DocumentSummary = { path: doc.path, kind: doc.kind };
  const id = doc.certificate?.certificateId;
  if (id) summary.certificateId = { ...place(doc, id.span), value: id.value, line: id.line };
  const evidence = evidenceOf(doc);
  if (evidence.idCitations.length) summary.citedIds = evidence.idCitations.map((c) => ({ ...place(doc, c.span), id: c.id }));
  const names = new Set<string>();
  for (const ref of evidence.refs) names.add(baseName(ref.path));
  for (const task of doc.checklist?.tasks ?? []) for (const c of task.inlineCode) names.add(baseName(c.value.trim()));
  if (names.size) summary.citedNames = [...names];
  const regions = (suppressions ?? (doc.notParsed ? undefined : new Suppressions(doc.tree, doc.lines.lineCount)))?.regions;
  if (regions?.length) summary.suppressed = regions;
  const ledger = ledgerFacts(doc);
  if (ledger) summary.ledger = ledger;
  // A copy: the ID and the names are slices of the document's text, and V8 keeps a sliced string's whole parent
  // alive, so the summaries would hold every document's text (10 KB each; 10,000 certificates: 100 MB).
  return JSON.parse(JSON.stringify(summary)) as DocumentSummary;
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
