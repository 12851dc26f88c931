/** Decides what a Markdown document is (rules.md, "Document kind"). Other Markdown is left alone. */
import type { Root } from 'mdast';
import type { DocumentKind } from '../types';
import { allHeadings, plainText } from './mdast-utils';
import { PHASE_TITLE } from './checklist';

/** `<!-- signoff: certificate -->`, `<!-- signoff: checklist -->` or `<!-- signoff: ignore -->` forces the kind. */
export const KIND_DIRECTIVE = /<!--\s*signoff:\s*(certificate|checklist|ignore)\s*-->/i;
/** A task item line (`- [ ]`), which a checklist without a Checklist H1 needs next to its `Phase N` headings. */
export const TASK_ITEM_LINE = /^\s*[-*+]\s+\[[ xX]\]/m;
const CERT_TITLE = /CERTIFICATE(?:\s*(?:[-–—:]\s*.+|\(.+\)))?\s*$/;

export function detectKind(tree: Root, text: string): DocumentKind | undefined {
  for (const node of tree.children) {
    if (node.type !== 'html') continue;
    const m = KIND_DIRECTIVE.exec(node.value);
    if (m) return m[1].toLowerCase() === 'ignore' ? undefined : (m[1].toLowerCase() as DocumentKind);
  }
  const headings = allHeadings(tree);
  const h1 = headings.find((h) => h.depth === 1);
  const h1Text = h1 ? plainText(h1).trim() : '';
  if (h1 && CERT_TITLE.test(h1Text)) return 'certificate';
  // A `**Certificate ID**:` field in the header (before the first H2).
  const firstH2 = tree.children.find((c) => c.type === 'heading' && c.depth === 2 && text[c.position?.start.offset ?? 0] === '#');
  const headerText = text.slice(0, firstH2?.position?.start.offset ?? Math.min(text.length, 4000));
  if (/^\s*\*\*Certificate ID\*\*\s*:|^\s*\*\*Certificate ID:\*\*/im.test(headerText)) return 'certificate';
  if (h1 && /checklist/i.test(h1Text)) return 'checklist';
  if (headings.some((h) => PHASE_TITLE.test(plainText(h).trim())) && TASK_ITEM_LINE.test(text)) return 'checklist';
  return undefined;
}
