import { certificateRule } from './types';
import { cleanValue } from './shared/header';
import { certificateHashField, sealOf } from '../seal/content';
import { compareContent } from '../seal/compare';
import { openingSpan } from '../seal/rule-support';

export default certificateRule(
  {
    id: 'cert-hash-mismatch',
    description: 'The certificate\'s text changed after it was sealed (`signoff seal`); the message says which section.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['seal'],
  },
  (ctx) => {
    const { doc, report } = ctx;
    const block = sealOf(doc);
    if (!block || !ctx.host.seal) return;
    if (!block.parsed.ok) {
      report({ message: `The seal cannot be read (${block.parsed.reason}); seal the certificate again with \`signoff seal\`.`, span: openingSpan(ctx, block) });
      return;
    }
    const seal = block.parsed.data;
    const field = certificateHashField(doc);
    const written = field && cleanValue(field.value);
    if (field && written !== `sha256:${seal.hash}`) {
      report({ message: `Certificate Hash reads "${written}" but the seal holds sha256:${seal.hash.slice(0, 12)}…: the line was edited after sealing.`, span: field.valueSpan });
    }
    const cmp = compareContent(doc, seal, ctx.host.seal.sha256);
    if (cmp.intact) return;
    const parts = cmp.changed.map((p) => `${p.title} (line ${p.line})`);
    const what = [
      parts.length ? `${parts.slice(0, 4).join(', ')}${parts.length > 4 ? ` and ${parts.length - 4} more` : ''} ${parts.length > 1 ? 'differ' : 'differs'} from the sealed text` : '',
      cmp.removed ? `${cmp.removed} sealed section${cmp.removed > 1 ? 's were' : ' was'} removed` : '',
    ].filter(Boolean).join('; ') || 'the text differs from the sealed text';
    const first = cmp.changed[0];
    const span = first ? { start: doc.lines.lineStarts[first.line - 1], end: doc.lines.lineEnd(first.line) } : openingSpan(ctx, block);
    report({
      message: `The certificate changed after it was sealed: ${what}. Review the change and seal it again (\`signoff seal\`).`,
      span,
      data: { changed: cmp.changed, removed: cmp.removed, sealed: seal.hash, actual: cmp.actual },
    });
  },
);
