import { certificateRule } from './types';
import { evidenceService, formatRange, rangeEdits, resolvedRefs } from '../evidence/rule-support';
import { findMoved, fingerprintLines, rangeHash, wholeFileHash } from '../seal/fingerprint';
import { openingSpan, readableSeal } from '../seal/rule-support';
import type { SealedFile, SealedRange } from '../seal/format';
import type { Fix, Span } from '../types';

export default certificateRule(
  {
    id: 'evidence-stale',
    description: 'Cited lines no longer match the fingerprint taken when the certificate was sealed (the fix re-anchors where they moved).',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: true,
    tags: ['evidence', 'seal'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const sealed = readableSeal(ctx);
    if (!sealed) return;
    const sha256 = sealed.sealHost.sha256;
    const service = evidenceService(ctx);
    const refs = await resolvedRefs(ctx);
    for (const file of sealed.data.files) {
      const facts = await service.resolver.fileFacts(file.path);
      if (facts.status === 'too-large' || facts.status === 'binary') continue; // cannot be compared: evidence rules say why
      const text = facts.status === 'ok' ? await service.resolver.readText(file.path) : undefined;
      const lines = text === undefined ? undefined : fingerprintLines(text);
      for (const range of file.ranges) {
        const now = lines && (range.whole ? wholeFileHash(sha256, lines) : rangeHash(sha256, lines, range.start, range.end));
        if (now === range.hash) continue;
        const cited = range.whole ? `${file.path}, cited as a whole,` : `Cited ${formatRange(range)} of ${file.path}`;
        const sealedAt = file.blob ? ` (the sealed version is git blob ${file.blob.slice(0, 12)})` : '';
        const moved = lines && !range.whole ? findMoved(sha256, lines, range.end - range.start + 1, range.hash) : undefined;
        let message: string;
        if (!lines) message = `${range.whole ? file.path : `${cited},`} no longer exists; it did when the certificate was sealed${sealedAt}.`;
        else if (moved?.length) message = `${cited} are not the lines that were sealed: those are now, unchanged, at ${moved.map(formatRange).join(', ')}.`;
        else message = `${cited} changed since the certificate was sealed${sealedAt}.`;
        const data = { fingerprint: `${file.path}:${range.whole ? 'all' : `${range.start}-${range.end}`}`, whole: range.whole };
        const severity = range.whole ? 'info' as const : undefined; // a file cited as a whole changes in parts nobody cited
        const at = citations(refs, file, range);
        if (!at.length) {
          ctx.report({ message, span: openingSpan(ctx, sealed.block), data, severity });
          continue;
        }
        for (const c of at) {
          const fixes: Fix[] | undefined = moved?.length && c.range
            ? moved.map((m) => ({ title: `Re-anchor to ${formatRange(m)}, where the sealed lines are (then seal again)`, edits: rangeEdits(c.range!, m.start, m.end), safe: false }))
            : undefined;
          ctx.report({ message, span: c.span, data, severity, fixes });
        }
      }
    }
  },
);

type Citation = { span: Span; range?: import('../evidence/types').LineRange };

/** Where the document cites this sealed range now (it may cite it several times, or no longer). */
function citations(refs: Awaited<ReturnType<typeof resolvedRefs>>, file: SealedFile, range: SealedRange): Citation[] {
  const out: Citation[] = [];
  for (const { ref, location } of refs) {
    if (location.status !== 'found' || location.path !== file.path) continue;
    if (range.whole) {
      if (!ref.ranges.length) out.push({ span: ref.span });
      continue;
    }
    for (const r of ref.ranges) if (r.start === range.start && r.end === range.end) out.push({ span: r.span, range: r });
  }
  return out;
}
