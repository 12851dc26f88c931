/** The extreme inputs of product.md ("Reliability and security"), built on demand (some are tens of MB). */
const enc = new TextEncoder();
const HEADINGS = Number(process.env.FUZZ_HEADINGS ?? 5_000);

const HEADER = `# EXTREME INPUT REVIEW CERTIFICATE

**Component**: fuzz
**Agent**: fuzzer
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: FUZZ-20250201-080000

## FINDINGS

`;

export interface ExtremeCase {
  bytes(): Uint8Array;
  /** Rule ids the case must report (at least). */
  expect: string[];
}

function lines(n: number, line: (i: number) => string, sep = '\n'): string {
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) parts[i] = line(i);
  return parts.join(sep);
}

export const EXTREMES: Record<string, ExtremeCase> = {
  binary: {
    bytes: () => { const b = new Uint8Array(1 << 20); let x = 7; for (let i = 0; i < b.length; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = x >>> 24; } b[10] = 0; return b; },
    expect: [], // no kind: left alone (a binary file named as a certificate is covered by the invalid-utf8 case)
  },
  'binary-certificate': {
    bytes: () => enc.encode(HEADER + 'text\u0000more\n'),
    expect: ['encoding-invalid'],
  },
  'invalid-utf8': {
    bytes: () => { const a = enc.encode(HEADER + 'caf'); const b = enc.encode(' and more text\n'); const out = new Uint8Array(a.length + 3 + b.length); out.set(a); out.set([0xe9, 0xff, 0xc3], a.length); out.set(b, a.length + 3); return out; },
    expect: ['encoding-invalid'],
  },
  '50mb': {
    bytes: () => enc.encode(HEADER + lines(700_000, (i) => `Paragraph ${i} of a very long document, with \`src/a.py:${i}\`.\n`)),
    expect: ['resource-limit'],
  },
  'nested-lists-100k-one-line': {
    bytes: () => enc.encode(HEADER + '- '.repeat(100_000) + 'deep\n'),
    expect: ['resource-limit'],
  },
  'nested-quotes-100k-one-line': {
    bytes: () => enc.encode(HEADER + '>'.repeat(100_000) + ' deep\n'),
    expect: ['resource-limit'],
  },
  // One level per line (the cost micromark grows fastest with): 100,000 levels would be 10^10 characters, so
  // these stop at 2,000 levels (a 4 MB document), far past the limit the line scan enforces.
  'nested-lists-2k-indented': {
    bytes: () => enc.encode(HEADER + lines(2_000, (i) => '  '.repeat(i) + '- item')),
    expect: ['resource-limit'],
  },
  'nested-quotes-100k-lines': {
    bytes: () => enc.encode(HEADER + lines(100_000, () => '> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > deep')),
    expect: ['resource-limit'],
  },
  // A million references (10 MB): over limits.maxDocumentBytes, one finding.
  'million-references': {
    bytes: () => enc.encode(HEADER + lines(1_000, (i) => lines(1_000, (j) => `q${(i * 1000 + j) % 7}.py:${j + 1}`, ' '), '\n\n') + '\n'),
    expect: ['resource-limit'],
  },
  // 50,000 references to missing files within the size limit: limits.maxFindingsPerRule findings of the rule,
  // then one resource-limit finding counting the rest.
  'many-references': {
    bytes: () => enc.encode(HEADER + lines(500, (i) => lines(100, (j) => `q${(i * 100 + j) % 7}.py:${j + 1}`, ' '), '\n\n') + '\n'),
    expect: ['evidence-file-missing', 'resource-limit'],
  },
  'cr-only': {
    bytes: () => enc.encode((HEADER + lines(2_000, (i) => `- item ${i} with \`src/b.py:${i}\``) + '\n\n## SIGNATURE\n\nAgent: fuzzer\n').replace(/\n/g, '\r')),
    expect: [],
  },
  'one-huge-line': {
    bytes: () => enc.encode(HEADER + 'word '.repeat(1_000_000) + '\n'),
    expect: ['resource-limit'],
  },
  'half-limit-one-line': {
    bytes: () => enc.encode(HEADER + 'word '.repeat(100_000) + '\n'),
    expect: [],
  },
  'many-headings': {
    bytes: () => enc.encode(HEADER + lines(HEADINGS, (i) => `## H${i}\n\ntext ${i}\n`)),
    expect: [],
  },
};
