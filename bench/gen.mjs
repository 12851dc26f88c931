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

const DOC_WORDS = 'the service reads its settings from the environment and each request is logged with a trace id so operators can follow a call through the gateway the cache keeps recent responses for a minute and the worker pool drains the queue in batches see the guide for the certificate rotation and the release checklist before you deploy'.split(' ');
const docSentence = (n) => Array.from({ length: n }, () => pick(DOC_WORDS)).join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
// Titles and code comments never use a kind's title words: a page so titled may be a document (docs/recognition.md).
const TITLE_WORDS = DOC_WORDS.filter((w) => !['checklist', 'certificate', 'release', 'deploy'].includes(w));
const title = () => Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(TITLE_WORDS)).join(' ').replace(/^./, (c) => c.toUpperCase());

/**
 * An ordinary Markdown page of about `size` characters (a README, a guide, an ADR, a changelog): neither a
 * certificate nor a checklist, with what such pages hold (front matter, ATX and setext titles, links, badges,
 * tables, quotes, fenced code with `#` comments, task lists without phases, `checklist` and `certificate` in prose).
 */
export function ordinaryPage(i, size = 8000) {
  const parts = [];
  if (i % 5 === 0) parts.push(`---\ntitle: ${title()}\nweight: ${i}\n---\n`);
  parts.push(i % 7 === 0 ? `${title()}\n${'='.repeat(12)}\n` : `# ${title()} [![build](https://ci.example.com/badge/${i}.svg)](https://ci.example.com/${i})\n`);
  parts.push(`${docSentence(18)} See [the guide](docs/guide-${i % 40}.md) and \`config.yaml\`.\n`);
  let n = 0;
  while (parts.join('\n').length < size) {
    n++;
    const k = (i + n) % 9;
    if (k === 0) parts.push(`## ${title()}\n\n${docSentence(20)} ${docSentence(14)}\n`);
    else if (k === 1) parts.push(`### ${n}. ${title()}\n\n- ${docSentence(8)}\n- ${docSentence(6)} (\`--flag-${n}\`)\n  - ${docSentence(5)}\n`);
    else if (k === 2) parts.push('```bash\n# ' + title() + `\nexport APP_PORT=${8000 + n}\n./run.sh --retries ${n} # ${pick(TITLE_WORDS)}\n` + '```\n');
    else if (k === 3) parts.push(`| option | default | meaning |\n| --- | --- | --- |\n| \`retries\` | ${n} | ${docSentence(5)} |\n| \`timeout\` | ${n * 10}s | ${docSentence(4)} |\n`);
    else if (k === 4) parts.push(`> **Note**: ${docSentence(12)}\n> ${docSentence(9)}\n`);
    else if (k === 5) parts.push(`1. ${docSentence(7)}\n2. ${docSentence(9)} See <https://example.com/${n}>.\n3. *${docSentence(4)}* and **${docSentence(3)}**\n`);
    else if (k === 6) parts.push(`- [x] ${docSentence(4)}\n- [ ] ${docSentence(5)}\n`);
    else if (k === 7) parts.push(`${docSentence(16)} ${docSentence(12)}\n\n---\n`);
    else parts.push(`#### ${title()} #\n\n${docSentence(22)} ${docSentence(18)} ${docSentence(10)}\n`);
  }
  return parts.join('\n');
}
