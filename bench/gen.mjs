// Realistic generated certificates and code files for the benches (own text; sizes like the real corpus).
let seed = 1;
export function rand() {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
export const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const WORDS = 'the handler validates input before the store commits each change and the retry loop backs off when the queue is full so callers see a clear error instead of a timeout while metrics record latency per route'.split(' ');
const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';

/**
 * A certificate of about `size` characters with `refs` evidence references to files in `codeFiles`
 * (`path:line`, `path (lines a-b)`, path only), in the sections real certificates have.
 */
export function certificate(i, { size = 8000, refs = 10, codeFiles = ['src/app.py'], idPrefix = 'CERT' } = {}) {
  const id = `${idPrefix}${i}-20250201-080000`;
  const head = `# COMPONENT ${i} REVIEW CERTIFICATE\n\n**Component**: component ${i}\n**Agent**: reviewer-${i % 7}\n**Date**: 2025-02-01 08:00:00 UTC\n**Certificate ID**: ${id}\n\n`;
  const refLines = Array.from({ length: refs }, (_, r) => {
    const f = codeFiles[(i * 13 + r * 7) % codeFiles.length];
    const l = 1 + ((i + r) % 30);
    return r % 3 === 0 ? `- \`${f}:${l}\` ${sentence(8)}` : r % 3 === 1 ? `- \`${f}\` (lines ${l}-${l + 5}) ${sentence(6)}` : `- ${f} ${sentence(6)}`;
  });
  const sections = [
    ['REVIEW SCOPE', [sentence(20), sentence(15)]],
    ['FINDINGS', [sentence(25), ...refLines.slice(0, Math.ceil(refs / 2)), '', '### Details', '', sentence(30)]],
    ['DECISION/OUTCOME', ['**Status**: APPROVED', `**Rationale**: ${sentence(12)}`]],
    ['EVIDENCE', refLines.slice(Math.ceil(refs / 2))],
    ['SIGNATURE', ['Agent: reviewer-' + (i % 7), 'Timestamp: 2025-02-01 08:00:00 UTC']],
  ];
  let body = '';
  for (const [h, lines] of sections) body += `## ${h}\n\n${lines.join('\n')}\n\n`;
  // Grow the findings up to the size as real certificates do: numbered `### ` findings of one to three
  // paragraphs (the lighthouse corpus averages about 1 KB between headings).
  let pad = '';
  for (let n = 1; head.length + body.length + pad.length < size; n++) {
    pad += `### ${n}. ${sentence(4)}\n\n`;
    const paras = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < paras; k++) pad += `${sentence(14)} ${sentence(10)} ${sentence(12)}\n\n`;
  }
  const at = body.indexOf('## DECISION/OUTCOME');
  return head + body.slice(0, at) + pad + body.slice(at);
}

/** A code file of `lines` lines. */
export function codeFile(k, lines = 40) {
  return Array.from({ length: lines }, (_, l) => `value_${k}_${l} = compute(${l})  # ${pick(WORDS)}`).join('\n') + '\n';
}
