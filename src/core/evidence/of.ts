/** The evidence of a parsed document, extracted once and kept on the document (`ParsedDocument.evidence`). */
import type { ParsedDocument } from '../document';
import { extractEvidence } from './extract';
import type { DocumentEvidence } from './types';

const EMPTY: DocumentEvidence = { refs: [], unbound: [], idCitations: [] };

/**
 * Extracts on first use and stores the result as an own property of the document, so copies of the document (the
 * engine's staged check drops the tree) keep it without parsing again.
 */
export function evidenceOf(doc: ParsedDocument): DocumentEvidence {
  if (doc.evidence) return doc.evidence;
  const evidence = doc.notParsed || !doc.kind ? EMPTY : extractEvidence(doc.tree, doc.lines);
  doc.evidence = evidence;
  return evidence;
}
