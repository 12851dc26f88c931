/** Output of `signoff verify`: a table per certificate (text) or one JSON document, and what each row holds. */
import type { Finding } from '../../core/index';

/** `missing`: unsigned where signatures are required (seal.requireSignature, an allowed-signers file in effect). */
export type SignatureState = 'none' | 'missing' | 'valid' | 'invalid' | 'not-allowed' | 'unverified';

export interface VerifiedCertificate {
  path: string;
  sealed: boolean;
  hash: 'intact' | 'changed' | 'unreadable' | 'none';
  signature: SignatureState;
  /** Cited line ranges whose fingerprints still match, of those sealed. */
  evidence: { intact: number; total: number };
  /** Files cited as a whole: unchanged of sealed (reported, never failing: see docs/rules/evidence-stale.md). */
  wholeFiles: { unchanged: number; total: number };
  holds: boolean;
  findings: Finding[];
}

import { escapeControl } from '../../core/text/sanitize';

export function formatVerifyText(results: readonly VerifiedCertificate[]): string {
  const rows = results.map((r) => [
    escapeControl(r.path),
    r.sealed ? r.hash : 'not sealed',
    r.sealed ? (r.signature === 'none' ? 'unsigned' : r.signature === 'missing' ? 'UNSIGNED (required)' : r.signature) : '-',
    r.sealed ? `${r.evidence.intact}/${r.evidence.total} intact${r.wholeFiles.total ? `, files ${r.wholeFiles.unchanged}/${r.wholeFiles.total} unchanged` : ''}` : '-',
    r.holds ? 'holds' : 'FAILS',
  ]);
  const head = ['CERTIFICATE', 'HASH', 'SIGNATURE', 'EVIDENCE', 'SEAL'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ') + '\n';
  let out = line(head) + rows.map(line).join('');
  for (const r of results) {
    for (const f of r.findings) out += `  ${escapeControl(r.path)}:${f.start.line}:${f.start.column}  ${f.severity}  ${escapeControl(f.message)}  ${f.ruleId}\n`;
  }
  const holding = results.filter((r) => r.holds).length;
  out += `\nseals holding: ${holding} of ${results.length}\n`;
  return out;
}

export function formatVerifyJson(results: readonly VerifiedCertificate[]): string {
  const certificates = results.map((r) => ({
    path: r.path,
    sealed: r.sealed,
    hash: r.hash,
    signature: r.signature,
    evidence: r.evidence,
    wholeFiles: r.wholeFiles,
    holds: r.holds,
    findings: r.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.start.line, column: f.start.column, endLine: f.end.line, endColumn: f.end.column })),
  }));
  const holding = results.filter((r) => r.holds).length;
  return JSON.stringify({ version: 1, certificates, summary: { certificates: results.length, holding, failing: results.length - holding } }, null, 2) + '\n';
}
