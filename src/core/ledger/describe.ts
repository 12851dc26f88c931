/** How findings and outputs name a certificate of the ledger: its ID and path, or its path alone. */
import type { DocumentSummary, SummaryPlace } from '../summary';
import type { LedgerCertificate } from './build';

export function describeCertificate(c: LedgerCertificate): string {
  return c.id ? `${c.id} (${c.path})` : c.path;
}

/** Where a workspace finding about a whole certificate goes: its Certificate ID, else the document's start. */
export function certificatePlace(summary: DocumentSummary): SummaryPlace {
  return summary.certificateId ?? { span: { start: 0, end: 0 }, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}
