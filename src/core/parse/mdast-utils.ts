/** Small helpers over mdast + source text, shared by the model extractors. */
import type { Heading as MdHeading, Nodes, Root } from 'mdast';
import type { Field, Heading } from '../model/common';
import type { LineIndex } from '../text/line-index';

/** Plain text of a node: text, inline code and code values concatenated (iterative; trees may be deep). */
export function plainText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if ('value' in n && typeof n.value === 'string' && n.type !== 'html') out += n.value;
    else if (n.type === 'break') out += '\n';
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

export function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function endOffset(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** Strips emphasis markers and decorations a title may carry, and collapses whitespace. */
export function cleanTitle(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function toHeading(node: MdHeading): Heading {
  return {
    depth: node.depth,
    text: cleanTitle(plainText(node)),
    line: node.position?.start.line ?? 1,
    span: { start: startOffset(node), end: endOffset(node) },
  };
}

/** Every heading in document order, including those nested in lists or quotes. */
export function allHeadings(tree: Root): MdHeading[] {
  const out: MdHeading[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'heading') out.push(n);
    else if ('children' in n && n.type !== 'paragraph' && n.type !== 'table') {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
    }
  }
  return out;
}

// `**Key**: value`, `**Key:** value`, `**Key**: **value**`, optionally as a list item; or plain `Key: value`.
const BOLD_KEY = /^(\s*(?:[-*+]\s+)?)\*\*([^*\n]{1,80}?)(:?)\*\*(\s*)(:?)[ \t]*(.*?)\s*$/;
const PLAIN_KEY = /^(\s*(?:[-*+]\s+)?)([A-Za-z][A-Za-z0-9 _/()-]{0,60}?)(\s*):[ \t]+(.*?)\s*$/;

/**
 * Reads `Key: value` fields from the source lines between two offsets (a paragraph, a setext heading). Each field
 * keeps the exact spans of key and value, so rules can point at and fix just the value.
 */
export function fieldsInRange(lines: LineIndex, start: number, end: number, allowPlain = false): Field[] {
  const fields: Field[] = [];
  const first = lines.positionAt(start).line;
  const last = lines.positionAt(Math.max(start, end - 1)).line;
  for (let line = first; line <= last; line++) {
    const lineStart = lines.lineStarts[line - 1];
    const text = lines.lineText(line);
    let m = BOLD_KEY.exec(text);
    if (m && (m[3] === ':' || m[5] === ':')) {
      const keyStart = lineStart + m[1].length;
      const keyEnd = keyStart + 2 + m[2].length + m[3].length + 2;
      const valueText = m[6];
      // The value runs to the end of the trimmed line (the pattern's lazy group stops before trailing space).
      const vStart = lineStart + text.trimEnd().length - valueText.length;
      fields.push({
        key: m[2].trim().replace(/:$/, ''),
        value: valueText,
        line,
        span: { start: keyStart, end: lineStart + text.trimEnd().length },
        keySpan: { start: keyStart, end: keyEnd },
        valueSpan: { start: vStart, end: vStart + valueText.length },
      });
      continue;
    }
    if (!allowPlain) continue;
    m = PLAIN_KEY.exec(text);
    if (m) {
      const keyStart = lineStart + m[1].length;
      const valueText = m[4];
      const vStart = lineStart + text.trimEnd().length - valueText.length;
      fields.push({
        key: m[2].trim(),
        value: valueText,
        line,
        span: { start: keyStart, end: lineStart + text.trimEnd().length },
        keySpan: { start: keyStart, end: keyStart + m[2].length },
        valueSpan: { start: vStart, end: vStart + valueText.length },
      });
    }
  }
  return fields;
}

/** Removes Markdown emphasis markers around and inside a short value (`**APPROVED**` -> `APPROVED`). */
export function stripEmphasis(value: string): string {
  return value.replace(/(\*\*|__)(.*?)\1/g, '$2').replace(/(^|\s)[*_](\S.*?\S|\S)[*_](?=\s|$)/g, '$1$2').trim();
}
