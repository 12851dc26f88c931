import type { Rule } from './types';

/** UTF-8 length of the UTF-16 code unit at i (a surrogate pair counts 4 on its high half, 0 on its low half). */
function utf8Length(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return 3;
}

/**
 * The text offset of a byte offset. Exact up to the first invalid sequence, which is all this is used for:
 * before it, the lenient decoding is the strict one.
 */
function textOffsetOfByte(text: string, byteOffset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteOffset) bytes += utf8Length(text, i++);
  return i;
}

const rule: Rule = {
  meta: {
    id: 'encoding-invalid',
    description: 'The file is not valid UTF-8 (reported once, at line 1).',
    defaultSeverity: 'error',
    kinds: ['certificate', 'checklist'],
    fixable: false,
    tags: ['encoding'],
  },
  check({ doc, report }) {
    const at = doc.decoded?.invalidUtf8At;
    if (at === undefined) return;
    const pos = doc.lines.positionAt(textOffsetOfByte(doc.text, at));
    report({
      message:
        `The file is not valid UTF-8: the first invalid byte sequence is at byte ${at} (line ${pos.line}, column ${pos.column}). ` +
        'Invalid bytes are shown as U+FFFD; re-save the file as UTF-8 from an editor that reads it in its real encoding.',
      span: { start: 0, end: 0 },
      data: { byteOffset: at, line: pos.line, column: pos.column },
    });
  },
};

export default rule;
