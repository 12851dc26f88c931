/** Builds the certificate model (model/certificate.ts) from the mdast and the source text. */
import type { List, Nodes, Paragraph, Root, RootContent } from 'mdast';
import type { CertificateModel, Conditions, Score, Section, Status } from '../model/certificate';
import type { Field } from '../model/common';
import type { LineIndex } from '../text/line-index';
import { allHeadings, endOffset, fieldsInRange, plainText, startOffset, stripEmphasis, toHeading } from './mdast-utils';
import { matchStatus, type StatusVocabulary } from './status';

/** Keys of verdict lines other than Status that must agree with it. */
const VERDICT_KEY = /^(?:final\s+)?(?:decision|recommendation|approval\s+status|verdict|overall\s+status|final\s+status|approval|deployment\s+decision)$/i;
const STATUS_KEY = /^status$/i;
const CONDITIONS_KEY = /\bconditions?\b/i;
const SCORE_VALUE = /(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/;

export function sectionKey(title: string): string {
  return title
    .replace(/[*_`]/g, '')
    .replace(/^[^A-Za-z0-9]+/u, '') // leading emoji / numbering punctuation
    .replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')
    .replace(/\s*\/\s*/g, '/')
    .replace(/[:\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
}

export function extractCertificate(tree: Root, lines: LineIndex, vocabulary: StatusVocabulary): CertificateModel {
  const text = lines.text;
  const headings = allHeadings(tree);
  const h1s = headings.filter((h) => h.depth === 1).map(toHeading);
  const firstBlock = tree.children.find((c) => c.type !== 'html' && c.type !== 'yaml');
  const firstBlockIsH1 = !!firstBlock && firstBlock.type === 'heading' && firstBlock.depth === 1;

  // Sections: every H2, up to the next H1/H2.
  const topHeadings = tree.children.filter((c): c is Extract<RootContent, { type: 'heading' }> => c.type === 'heading');
  const sections: Section[] = [];
  for (let i = 0; i < topHeadings.length; i++) {
    const h = topHeadings[i];
    if (h.depth !== 2) continue;
    const next = topHeadings.slice(i + 1).find((n) => n.depth <= 2);
    const end = next ? startOffset(next) : text.length;
    const contentStart = endOffset(h);
    const content = text.slice(contentStart, end);
    sections.push({
      heading: toHeading(h),
      key: sectionKey(plainText(h)),
      span: { start: startOffset(h), end },
      contentSpan: { start: contentStart, end },
      hasContent: content.replace(/<!--[\s\S]*?-->/g, '').replace(/^\s*-{3,}\s*$/gm, '').trim().length > 0,
    });
  }
  const firstH2 = topHeadings.find((h) => h.depth === 2);
  const headerEnd = firstH2 ? startOffset(firstH2) : text.length;

  // Header fields: paragraphs before the first H2.
  const header: Field[] = [];
  for (const node of tree.children) {
    if (startOffset(node) >= headerEnd) break;
    if (node.type === 'paragraph') header.push(...fieldsInRange(lines, startOffset(node), endOffset(node)));
  }

  const sectionAt = (offset: number) => sections.find((s) => offset >= s.span.start && offset < s.span.end);
  const isDecision = (s: Section | undefined) => !!s && /DECISION|OUTCOME|VERDICT/.test(s.key);

  const statusLines: Status[] = [];
  const verdicts: Field[] = [];
  const conditions: Conditions[] = [];
  let rationale: Field | undefined;
  let overallScore: Score | undefined;
  let overallScoreIndex = -1;
  const scoreBreakdown: Score[] = [];

  // Walk top-level blocks (and lists' paragraphs) in order, reading fields from paragraphs.
  const blocks = flattenBlocks(tree);
  for (let i = 0; i < blocks.length; i++) {
    const node = blocks[i];
    if (node.type !== 'paragraph') continue;
    if (startOffset(node) < headerEnd && !firstH2) continue;
    const fields = fieldsInRange(lines, startOffset(node), endOffset(node));
    for (const field of fields) {
      const key = stripEmphasis(field.key);
      if (STATUS_KEY.test(key)) {
        statusLines.push(toStatus(field, text, vocabulary, isDecision(sectionAt(field.span.start))));
      } else if (VERDICT_KEY.test(key)) {
        verdicts.push(field);
      } else if (/^rationale$/i.test(key) && !rationale) {
        rationale = field;
      } else if (CONDITIONS_KEY.test(key) && !/\bmet\b|\bno\b/i.test(field.value)) {
        const list = nextList(blocks, i);
        conditions.push(toConditions(field.key, field.span, list, field.value));
      }
    }
    // Overall score: `**Score**: 6/10`, `**Overall Score**: 8/10`, or a bold `**Final Score: 8.7/10 (X)**`.
    if (!overallScore) {
      const raw = text.slice(startOffset(node), endOffset(node));
      const m = /^\s*\*\*((?:overall|final|total)?\s*(?:readiness\s+)?score)\b[^*\n]*?\*?\*?\s*:?\s*\*?\*?\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/i.exec(raw);
      if (m) {
        const start = startOffset(node);
        const line = lines.positionAt(start).line;
        overallScore = { name: m[1].trim(), value: Number(m[2]), max: Number(m[3]), line, span: { start, end: start + lines.lineText(line).trimEnd().length } };
        overallScoreIndex = i;
      }
    }
  }

  // Headings named "Conditions" followed by a list also state conditions.
  for (const h of headings) {
    if (h.depth < 3 || !/^conditions\b/i.test(plainText(h).trim())) continue;
    const idx = blocks.indexOf(h as unknown as Nodes);
    const list = idx >= 0 ? nextList(blocks, idx) : undefined;
    if (list) conditions.push(toConditions(plainText(h), { start: startOffset(h), end: endOffset(h) }, list, ''));
  }

  // Score breakdown: the first list of `name: x/y` items after the overall score, in the same H2 section.
  if (overallScore) {
    const section = sectionAt(overallScore.span.start);
    for (let j = overallScoreIndex + 1; j < blocks.length; j++) {
      const b = blocks[j];
      if (section && startOffset(b) >= section.span.end) break;
      if (b.type !== 'list') continue;
      for (const item of b.children) {
        const t = plainText(item).split('\n')[0];
        const m = /^(.+?)\s*[:=-]\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/.exec(t);
        if (!m) continue;
        const line = item.position?.start.line ?? 0;
        scoreBreakdown.push({ name: m[1].replace(/[*_]/g, '').trim(), value: Number(m[2]), max: Number(m[3]), line, span: { start: startOffset(item), end: lines.lineEnd(line) } });
      }
      if (scoreBreakdown.length) break;
    }
  }

  const signatureSection = sections.find((s) => s.key === 'SIGNATURE' || s.key.startsWith('SIGNATURE'));
  const signature = signatureSection
    ? { section: signatureSection, fields: fieldsInRange(lines, signatureSection.contentSpan.start, signatureSection.contentSpan.end, true) }
    : undefined;

  return {
    kind: 'certificate',
    h1s,
    firstBlockIsH1,
    header,
    sections,
    status: statusLines.find((s) => s.inDecisionSection) ?? statusLines[0],
    statusLines,
    rationale,
    conditions,
    verdicts,
    overallScore,
    scoreBreakdown,
    signature,
  };
  void SCORE_VALUE;
}

/** Top-level blocks plus the blocks nested in lists and quotes, in document order. */
function flattenBlocks(tree: Root): Nodes[] {
  const out: Nodes[] = [];
  const stack: Nodes[] = [];
  for (let i = tree.children.length - 1; i >= 0; i--) stack.push(tree.children[i]);
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    if (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote') {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
    }
  }
  return out;
}

/** The list that follows block i, allowing only a heading-less gap (the list may be nested in the same item). */
function nextList(blocks: Nodes[], i: number): List | undefined {
  for (let j = i + 1; j < Math.min(blocks.length, i + 4); j++) {
    const b = blocks[j];
    if (b.type === 'list') return b;
    if (b.type === 'heading') return undefined;
    if (b.type === 'paragraph' && j > i + 1) return undefined;
  }
  return undefined;
}

function toConditions(label: string, span: { start: number; end: number }, list: List | undefined, inline: string): Conditions {
  const items = list
    ? list.children.map((item) => ({ text: plainText(item).trim(), span: { start: startOffset(item), end: endOffset(item) }, line: item.position?.start.line ?? 0 }))
    : inline.trim()
      ? [{ text: inline.trim(), span, line: 0 }]
      : [];
  return { label: stripEmphasis(label), span: list ? { start: span.start, end: endOffset(list) } : span, items };
}

function toStatus(field: Field, text: string, vocabulary: StatusVocabulary, inDecisionSection: boolean): Status {
  const rawWithEmphasis = text.slice(field.valueSpan.start, field.valueSpan.end);
  const raw = stripEmphasis(rawWithEmphasis);
  const match = matchStatus(rawWithEmphasis, vocabulary);
  return {
    field,
    raw,
    value: match?.canonical,
    decorated: !!match && rawWithEmphasis.trim() !== match.word,
    valueWordSpan: match ? { start: field.valueSpan.start + match.index, end: field.valueSpan.start + match.index + match.word.length } : undefined,
    valueFullSpan: field.valueSpan,
    inDecisionSection,
  };
}

export type { Paragraph };
