/** Builds the certificate model (model/certificate.ts) from the mdast and the source text. */
import type { Heading as MdHeading, List, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import type { CertificateModel, Conditions, Score, Section, Status, VerdictLine, VerdictWordModel } from '../model/certificate';
import type { Field } from '../model/common';
import type { LineIndex } from '../text/line-index';
import { allHeadings, endOffset, fieldsInRange, plainText, startOffset, stripEmphasis, toHeading } from './mdast-utils';
import { findVerdictWords, matchStatus, snakeWords, type StatusVocabulary } from './status';
import { certificateIdOf, readHeader } from './header';

/** Keys of lines other than Status that state a verdict: `Decision`, `Final Recommendation`, `SECURITY VERDICT` ... */
const VERDICT_KEY = /(?:^|\s)(?:decision|recommendation|verdict|authori[sz]ation)$|^(?:(?:final|overall|updated|approval|sign-?off|[a-z]+\s+sign-?off)\s+)status$|^approval$/i;
const STATUS_KEY = /^status$/i;
/** `Conditions`, `Conditions for Full Approval`, `Approval Conditions`, `Phase 3 Authorization Conditions`: not `Race Conditions`. */
const CONDITIONS_LABEL = /^(?:conditions?(?:\s+(?:for|of|to|before)\b.*)?|(?:[\w-]+\s+){0,3}(?:approval|authori[sz]ation|deployment|implementation|release|production|clearance|go)\s+conditions?)$/i;
/** An inline conditions value that says there are none. */
const NO_CONDITIONS = /^(?:none\b|n\/a\b|no\s+(?:conditions|blocking|further|additional)\b|nil\b|-+$|—|all\s+conditions\s+(?:satisfied|met)\b)/i;
/** A section or key naming the certificate's own verdict (beyond DECISION/OUTCOME itself). */
const DECISION_SECTION = /DECISION|OUTCOME|VERDICT|FINAL RECOMMENDATION|AUTHORI[SZ]ATION|SIGN-?OFF|APPROVAL$/;
const OWN_VERDICT_KEY = /^(?:final|overall)\b|\b(?:verdict|sign-?off status)$/i;
const SCORE_HEAD = /^((?:[A-Za-z][\w &/.-]{0,60}?\s)?score)\s*[:=]?\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/i;
const SCORE_ITEM = /^(.+?)\s*[:=–-]\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/;
const SCORE_CELL = /^\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/;
const MAX_CONDITION_BLOCKS = 500;
const OVERALL_NAME = /\b(?:overall|final|total|average|weighted)\b/i;

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

interface Block {
  node: Nodes;
  /** Depth of list nesting (0 for top-level blocks). */
  listDepth: number;
}

export function extractCertificate(tree: Root, lines: LineIndex, vocabulary: StatusVocabulary): CertificateModel {
  const text = lines.text;
  const headings = allHeadings(tree);
  const h1s = headings.filter((h) => h.depth === 1).map(toHeading);
  const firstBlock = tree.children.find((c) => c.type !== 'html' && c.type !== 'yaml');
  const firstBlockIsH1 = !!firstBlock && firstBlock.type === 'heading' && firstBlock.depth === 1;

  // Sections: every top-level H2, up to the next H1/H2.
  const topHeadings = tree.children.filter((c): c is Extract<RootContent, { type: 'heading' }> => c.type === 'heading');
  const sections: Section[] = [];
  for (let i = 0; i < topHeadings.length; i++) {
    const h = topHeadings[i];
    if (h.depth !== 2) continue;
    let next: MdHeading | undefined;
    for (let j = i + 1; j < topHeadings.length; j++) if (topHeadings[j].depth <= 2) { next = topHeadings[j]; break; }
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

  // Header fields: where the header region really ends (header.ts).
  const header: Field[] = readHeader(tree, lines).fields;

  const sectionAt = (offset: number) => {
    // Sections are sorted and disjoint: binary search keeps this cheap on long documents.
    let lo = 0;
    let hi = sections.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sections[mid];
      if (offset < s.span.start) hi = mid - 1;
      else if (offset >= s.span.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  const isDecision = (s: Section | undefined) => !!s && /DECISION|OUTCOME|VERDICT/.test(s.key);

  const statusLines: Status[] = [];
  const verdicts: Field[] = [];
  const verdictLines: VerdictLine[] = [];
  const conditions: Conditions[] = [];
  let rationale: Field | undefined;

  const blocks = flattenBlocks(tree);
  for (let i = 0; i < blocks.length; i++) {
    const { node, listDepth } = blocks[i];
    if (node.type === 'heading') {
      if (node.depth >= 2 && CONDITIONS_LABEL.test(sectionKeyish(plainText(node)))) {
        conditions.push(collectConditions(blocks, i, lines, plainText(node).trim(), { start: startOffset(node), end: endOffset(node) }, '', node.depth));
      }
      continue;
    }
    if (node.type !== 'paragraph') continue;
    if (!firstH2 || startOffset(node) < headerEnd) continue;
    const fields = fieldsInRange(lines, startOffset(node), endOffset(node));
    for (const field of fields) {
      const key = stripEmphasis(field.key);
      const section = sectionAt(field.span.start);
      if (STATUS_KEY.test(key)) {
        statusLines.push(toStatus(field, text, vocabulary, isDecision(section)));
      } else if (CONDITIONS_LABEL.test(key)) {
        conditions.push(collectConditions(blocks, i, lines, key, field.span, field.value, 0, listDepth > 0));
      } else if (VERDICT_KEY.test(key)) {
        verdicts.push(field);
        const sKey = section?.key ?? '';
        verdictLines.push({
          field,
          words: wordsIn(field, text, vocabulary),
          sectionKey: sKey,
          own: (DECISION_SECTION.test(sKey) || OWN_VERDICT_KEY.test(key) || sKey === 'SIGNATURE') && !(listDepth > 0 && !isDecision(section)),
          inList: listDepth > 0,
        });
      } else if (/\brationale\b/i.test(key) && !/^score\b/i.test(key) && (!rationale || (isDecision(section) && !isDecision(sectionAt(rationale.span.start))))) {
        rationale = field;
      }
    }
  }

  const { overallScore, scoreBreakdown } = extractScores(tree, lines);

  const signatureSection = sections.find((s) => s.key === 'SIGNATURE' || s.key.startsWith('SIGNATURE'));
  const signature = signatureSection
    ? { section: signatureSection, fields: fieldsInRange(lines, signatureSection.contentSpan.start, signatureSection.contentSpan.end, true) }
    : undefined;

  const decisionSection = sections.find((s) => s.key === 'DECISION/OUTCOME') ?? sections.find(isDecision);
  const rationaleInDecision =
    (!!rationale && isDecision(sectionAt(rationale.span.start))) ||
    (!!decisionSection && headings.some((h) => h.depth > 2 && /^rationale\b/i.test(plainText(h).trim()) && isDecision(sectionAt(startOffset(h)))));

  return {
    kind: 'certificate',
    h1s,
    firstBlockIsH1,
    header,
    certificateId: certificateIdOf(header),
    sections,
    status: statusLines.find((s) => s.inDecisionSection) ?? statusLines[0],
    statusLines,
    rationale,
    rationaleInDecision,
    conditions,
    verdicts,
    verdictLines,
    overallScore,
    scoreBreakdown,
    signature,
  };
}

/** A heading's text reduced to words, for label matching (`### **Conditions for Approval:**` -> `Conditions for Approval`). */
function sectionKeyish(title: string): string {
  return title.replace(/[*_`]/g, '').replace(/^[^A-Za-z]+/u, '').replace(/[:\s]+$/g, '').trim();
}

/** Top-level blocks plus the blocks nested in lists and quotes, in document order, with their list depth. */
function flattenBlocks(tree: Root): Block[] {
  const out: Block[] = [];
  const stack: Block[] = [];
  for (let i = tree.children.length - 1; i >= 0; i--) stack.push({ node: tree.children[i], listDepth: 0 });
  while (stack.length) {
    const b = stack.pop()!;
    out.push(b);
    const n = b.node;
    if (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote') {
      const depth = n.type === 'listItem' ? b.listDepth + 1 : b.listDepth;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push({ node: n.children[i] as Nodes, listDepth: depth });
    }
  }
  return out;
}

/**
 * The conditions introduced by a label at block i: the lists that follow it up to the end of what the label
 * governs. A heading label governs its sub-tree; a `**Conditions**:` paragraph governs the next list, or the
 * sub-headings that follow it (up to the next heading at the first one's level), never past its H2 section.
 */
function collectConditions(blocks: Block[], i: number, lines: LineIndex, label: string, span: { start: number; end: number }, inline: string, headingDepth: number, labelInList = false): Conditions {
  const value = stripEmphasis(inline).trim();
  const none = NO_CONDITIONS.test(value);
  const lists: List[] = [];
  let hasContent = !!value && !none;
  let end = span.end;
  if (!none) {
    let firstSubHeading = 0;
    // Bounded, so a document of thousands of labels stays linear.
    for (let j = i + 1; j < Math.min(blocks.length, i + 1 + MAX_CONDITION_BLOCKS); j++) {
      const { node, listDepth } = blocks[j];
      if (labelInList) {
        // `- **Conditions**:` inside a list item: only a list nested right under it.
        if (node.type === 'list' && listDepth === blocks[i].listDepth) {
          lists.push(node);
          end = endOffset(node);
          hasContent = true;
        }
        break;
      }
      if (node.type === 'heading') {
        if (node.depth <= 2 || (headingDepth && node.depth <= headingDepth)) break;
        if (!headingDepth) {
          if (!firstSubHeading) firstSubHeading = node.depth;
          else if (node.depth <= firstSubHeading) break;
        }
        continue;
      }
      if (listDepth > 0) continue;
      if (node.type === 'list') {
        lists.push(node);
        end = endOffset(node);
        hasContent = true;
      } else if (node.type === 'paragraph') {
        if (!headingDepth && !firstSubHeading && (lists.length || /^\s*\*\*[^*\n]{1,80}\*\*\s*:|^\s*\*\*[^*\n]{1,80}:\*\*/.test(lines.text.slice(startOffset(node), endOffset(node))))) break;
        hasContent = true;
      } else if (node.type === 'code' || node.type === 'table' || node.type === 'blockquote') {
        hasContent = true;
      }
    }
  }
  const items = lists.flatMap((list) =>
    list.children.map((item) => ({ text: plainText(item).trim(), span: { start: startOffset(item), end: endOffset(item) }, line: item.position?.start.line ?? 0 })),
  );
  if (!items.length && value && !none) items.push({ text: value, span, line: lines.positionAt(span.start).line });
  return { label: stripEmphasis(label), span: { start: span.start, end }, items, none, hasContent };
}

function wordsIn(field: Field, text: string, vocabulary: StatusVocabulary): VerdictWordModel[] {
  const raw = text.slice(field.valueSpan.start, field.valueSpan.end);
  return findVerdictWords(raw, vocabulary).map((w) => ({
    word: w.word,
    span: { start: field.valueSpan.start + w.index, end: field.valueSpan.start + w.index + w.word.length },
    canonical: w.canonical,
    key: w.key,
    negated: w.negated,
    qualified: w.qualified,
  }));
}

function toStatus(field: Field, text: string, vocabulary: StatusVocabulary, inDecisionSection: boolean): Status {
  const rawWithEmphasis = text.slice(field.valueSpan.start, field.valueSpan.end);
  const raw = stripEmphasis(rawWithEmphasis);
  const match = matchStatus(rawWithEmphasis, vocabulary);
  const words = wordsIn(field, text, vocabulary);
  const otherWords = snakeWords(rawWithEmphasis)
    .map((w) => ({ word: w.word, span: { start: field.valueSpan.start + w.index, end: field.valueSpan.start + w.index + w.word.length } }))
    .filter((o) => !words.some((w) => o.span.start < w.span.end && w.span.start < o.span.end));
  return {
    field,
    raw,
    value: match?.canonical,
    decorated: !!match && rawWithEmphasis.trim() !== match.word,
    valueWordSpan: match ? { start: field.valueSpan.start + match.index, end: field.valueSpan.start + match.index + match.word.length } : undefined,
    valueFullSpan: field.valueSpan,
    inDecisionSection,
    words,
    otherWords,
  };
}

/**
 * The overall score and its breakdown. An overall score is a top-level paragraph or heading `<...> Score: x/y`;
 * its breakdown is a list (or table) of `name: x/y` right after it (a `**Breakdown**:` label may sit between) or
 * right before it. A list whose items are scores and one of which is `Overall/Final/Average ...` carries both.
 * List items are never overall scores: they are the parts.
 */
function extractScores(tree: Root, lines: LineIndex): { overallScore?: Score; scoreBreakdown: Score[] } {
  const children = tree.children;
  let fallback: Score | undefined;
  let inList: { overallScore: Score; scoreBreakdown: Score[] } | undefined;
  for (let k = 0; k < children.length; k++) {
    const node = children[k];
    if (node.type === 'list') {
      if (inList) continue;
      const items = scoreItems(node, lines);
      const overall = items.filter((s) => OVERALL_NAME.test(s.name));
      if (items.length >= 3 && overall.length === 1) inList = { overallScore: overall[0], scoreBreakdown: items.filter((s) => s !== overall[0]) };
      continue;
    }
    if (node.type !== 'paragraph' && !(node.type === 'heading' && node.depth >= 2)) continue;
    const first = plainText(node).split('\n')[0].trim();
    const m = SCORE_HEAD.exec(first);
    if (!m) continue;
    const start = startOffset(node);
    const line = lines.positionAt(start).line;
    const score: Score = { name: m[1].trim(), value: Number(m[2]), max: Number(m[3]), line, span: { start, end: lines.lineEnd(line) } };
    const candidates: Nodes[] = [];
    const next = children[k + 1];
    if (next) candidates.push(next);
    // A label may sit between: `**Scoring Breakdown**:` or a `### Component Scores` heading.
    const label = next && ((next.type === 'paragraph' && /:\s*\**\s*$/.test(plainText(next).trim())) || (next.type === 'heading' && next.depth >= 3 && /score|breakdown/i.test(plainText(next))));
    if (label && children[k + 2]) candidates.push(children[k + 2]);
    if (k > 0) candidates.push(children[k - 1]);
    for (const c of candidates) {
      const items = c.type === 'list' ? scoreItems(c, lines) : c.type === 'table' ? tableScores(c, lines) : [];
      if (items.length >= 2) return { overallScore: score, scoreBreakdown: items };
    }
    if (!fallback || (!OVERALL_NAME.test(fallback.name) && OVERALL_NAME.test(score.name))) fallback = score;
  }
  // A list that carries its own overall item, when no score paragraph has a breakdown next to it.
  return inList ?? { overallScore: fallback, scoreBreakdown: [] };
}

function scoreItems(list: List, lines: LineIndex): Score[] {
  const out: Score[] = [];
  for (const item of list.children) {
    // Cheap test on the source line first: most list items hold no `x/y` at all.
    const line = item.position?.start.line ?? 0;
    if (!/\d\s*\/\s*\d/.test(lines.lineText(line))) continue;
    const t = plainText(item).split('\n')[0].trim();
    // `3/10 → 9/10`: a before/after pair is not one score.
    if (/→|->|=>/.test(t)) continue;
    const m = SCORE_ITEM.exec(t);
    if (!m) continue;
    out.push({ name: m[1].replace(/[*_]/g, '').trim(), value: Number(m[2]), max: Number(m[3]), line, span: { start: startOffset(item), end: lines.lineEnd(line) } });
  }
  return out;
}

/** Table rows with exactly one `x/y` cell: the first cell names the part. */
function tableScores(table: Table, lines: LineIndex): Score[] {
  const out: Score[] = [];
  for (const row of table.children.slice(1)) {
    const cells = row.children.map((c) => plainText(c).trim());
    const scored = cells.map((c) => SCORE_CELL.exec(c)).filter((m): m is RegExpExecArray => !!m);
    if (scored.length !== 1 || !cells[0]) continue;
    const line = row.position?.start.line ?? 0;
    out.push({ name: cells[0], value: Number(scored[0][1]), max: Number(scored[0][2]), line, span: { start: startOffset(row), end: lines.lineEnd(line) } });
  }
  return out;
}

export type { Paragraph };
