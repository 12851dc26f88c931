/**
 * Sealed certificates in the editor: the seal's state for the status bar, the hover on the SIGNATURE's
 * `Certificate Hash` line, and the Seal Certificate request (src/node/seal-write.ts does the sealing). The state
 * comes from the seal rules' findings of the last check, so the editor says what `signoff verify` says.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { LineIndex, type Finding, type ParsedDocument } from '../../core/index';
import { certificateHashField, sealOf } from '../../core/seal/content';
import type { SealInfo, SealResult } from '../../protocol/index';
import { SealError, sealText } from '../../node/seal-write';
import { offsetAt, spanToRange } from '../convert';
import type { Folder } from '../folders';

export function sealInfo(doc: ParsedDocument, findings: readonly Finding[] | undefined): SealInfo | undefined {
  const block = sealOf(doc);
  if (!block) return undefined;
  const signed = block.parsed.ok && !!block.parsed.data.signature;
  if (!findings) return { state: 'pending', staleReferences: 0, signature: signed ? 'unverified' : 'none' };
  const stale = new Set(findings.filter((f) => f.ruleId === 'evidence-stale' && !f.data?.whole).map((f) => String(f.data?.fingerprint)));
  const sig = findings.find((f) => f.ruleId === 'cert-seal-signature');
  return {
    state: findings.some((f) => f.ruleId === 'cert-hash-mismatch') ? 'modified' : 'sealed',
    staleReferences: stale.size,
    signature: !signed ? 'none' : !sig ? 'valid' : sig.data?.status === 'unavailable' ? 'unverified' : 'failed',
  };
}

/** The hover on the SIGNATURE's Certificate Hash line: what the seal covers, and whether it holds. */
export function sealHover(doc: ParsedDocument, position: Position, findings: readonly Finding[] | undefined): Hover | null {
  const field = certificateHashField(doc);
  if (!field) return null;
  const at = offsetAt(doc.lines, position);
  if (at < field.span.start || at > field.span.end) return null;
  const block = sealOf(doc);
  const lines: string[] = [];
  if (!block) {
    lines.push('**Certificate Hash**: not checked. This certificate is not sealed, so the value is only text.', '',
      'Run *Signoff: Seal Certificate* (or `signoff seal`) to write the SHA-256 of the certificate here, with a fingerprint of every cited range in a seal at the end of the document (invisible when rendered).');
  } else if (!block.parsed.ok) {
    lines.push(`**Certificate Hash**: the seal at line ${block.line} cannot be read (${block.parsed.reason}). Seal the certificate again.`);
  } else {
    const seal = block.parsed.data;
    const ranges = seal.files.flatMap((f) => f.ranges);
    const info = sealInfo(doc, findings);
    const whole = ranges.filter((r) => r.whole).length;
    lines.push(
      '**Certificate Hash**: the SHA-256 of this certificate\'s text, written by `signoff seal`. It covers every character except the seal block at the end and this line\'s value, with line endings read as LF (so CRLF/LF changes and a BOM do not count).',
      '',
      `The seal at line ${block.line} also holds a fingerprint of ${ranges.length - whole} cited line range${ranges.length - whole === 1 ? '' : 's'}${whole ? ` and ${whole} file${whole === 1 ? '' : 's'} cited as a whole` : ''} in ${seal.files.length} file${seal.files.length === 1 ? '' : 's'}: checking it needs no git history.`,
      '',
      `- Text: ${info?.state === 'modified' ? '**changed since sealing**' : info?.state === 'pending' ? 'not checked yet' : 'as sealed'}`,
      `- Evidence: ${info?.staleReferences ? `**${info.staleReferences} stale**` : 'intact'}`,
      `- Signature: ${{ none: 'none (sealed without --key)', valid: 'valid, by a key allowed for the Agent', failed: '**does not hold** (see the problem on the seal)', unverified: 'not verified (no allowed-signers file or no ssh-keygen)' }[info?.signature ?? 'none']}`,
    );
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: spanToRange(doc.lines, field.span) };
}

/** Seals the open document's text with the folder's engine; one edit covering what changed. */
export async function sealOpenDocument(folder: Folder, path: string, text: string, key: string | undefined): Promise<SealResult> {
  try {
    const out = await sealText(folder.engine, folder.host, path, text, { key });
    const ranges = out.seal.files.reduce((n, f) => n + f.ranges.length, 0);
    const summary = `Sealed: sha256:${out.seal.hash.slice(0, 12)}…, ${ranges} fingerprint${ranges === 1 ? '' : 's'}${out.seal.signature ? ', signed' : ''}${out.fixes ? `, ${out.fixes} safe fix${out.fixes === 1 ? '' : 'es'} applied first` : ''}.`;
    return { ok: true, edit: changedRegion(new LineIndex(text), text, out.text), summary };
  } catch (e) {
    if (e instanceof SealError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept), or null when equal. */
function changedRegion(lines: LineIndex, before: string, after: string): { range: ReturnType<typeof spanToRange>; newText: string } | null {
  if (before === after) return null;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { range: spanToRange(lines, { start, end: before.length - end }), newText: after.slice(start, after.length - end) };
}
