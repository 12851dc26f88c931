/**
 * Documents under the size cap that made the engine superlinear (issue 11's table), one generator per row, each
 * with a normal document of about the same size to compare against. Shared by the fuzz test
 * (test/property/fuzz-adversarial.test.ts) and the bench (bench/adversarial.mjs). `scale` shrinks a case for quick
 * runs; 1 is the size the issue measured.
 */

const HEADER = `# ADVERSARIAL INPUT REVIEW CERTIFICATE

**Component**: fuzz
**Agent**: fuzzer
**Date**: 2025-02-01 08:00:00 UTC
**Certificate ID**: FUZZ-20250201-080000

## FINDINGS

`;

const CHECKLIST_HEADER = `# Adversarial deployment checklist

## Phase 1: Preparation

`;

export interface AdversarialCase {
  /** What the document is made of, as the table says it. */
  label: string;
  /** File name (its kind comes from its content). */
  file: string;
  text(scale?: number): string;
}

const MB19 = 1_900_000;

/** Repeats `unit` until the text holds about `chars` characters. */
const fill = (head: string, unit: string, chars: number) => head + unit.repeat(Math.max(1, Math.floor((chars - head.length) / unit.length)));

export const ADVERSARIAL: Record<string, AdversarialCase> = {
  'lines-in-repeated': {
    label: '1.9 MB of repeated ``Lines 1-2 in `src/a.py` ``',
    file: 'docs/lines_certificate.md',
    text: (s = 1) => fill(HEADER, 'Lines 1-2 in `src/a.py`\n', MB19 * s) + '\n',
  },
  'lines-in-paragraphs': {
    label: 'the same, one paragraph each',
    file: 'docs/lines_paragraphs_certificate.md',
    text: (s = 1) => fill(HEADER, 'Lines 1-2 in `src/a.py`\n\n', MB19 * s) + '\n',
  },
  'open-links': {
    label: '`[a](` x 400,000',
    file: 'docs/links_certificate.md',
    text: (s = 1) => HEADER + '[a]('.repeat(Math.floor(400_000 * s)) + '\n',
  },
  'status-lines': {
    label: '40,000 `**Status**:` lines',
    file: 'docs/status_certificate.md',
    text: (s = 1) => HEADER + '**Status**: APPROVED\n'.repeat(Math.floor(40_000 * s)),
  },
  'bracket-backslash-runs': {
    label: '1.9 MB of `[` / `\\` runs',
    file: 'docs/brackets_certificate.md',
    text: (s = 1) => fill(HEADER, '['.repeat(50) + '\\'.repeat(50), MB19 * s) + '\n',
  },
  'wide-table': {
    label: '50,000-column table',
    file: 'docs/table_certificate.md',
    text: (s = 1) => {
      const cols = Math.floor(50_000 * s);
      const row = (cell: string) => '|' + `${cell}|`.repeat(cols) + '\n';
      return HEADER + row(' h ') + row('---') + row(' a ').repeat(8);
    },
  },
  'broken-task-fences': {
    label: '80,000 broken task fences',
    file: 'docs/fences_checklist.md',
    text: (s = 1) => CHECKLIST_HEADER + '- [ ] task\n  ```bash\n'.repeat(Math.floor(80_000 * s)),
  },
};

/** The repeating units of the cases above, which the mix below combines. */
const UNITS = ['Lines 1-2 in `src/a.py`\n', 'Lines 1-2 in `src/a.py`\n\n', '[a](', '**Status**: APPROVED\n', '['.repeat(50), '\\'.repeat(50), '| a ', '|---', '- [ ] task\n  ```bash\n', '\n', '## H\n'];

/**
 * Generated documents that mix the units in random runs (up to about 400 KB each), to find neighbours of the
 * table's rows: any of them must end in findings, whatever the mix. Deterministic for a seed.
 */
export function adversarialMix(seed: number, count: number): { name: string; file: string; text: string }[] {
  let x = seed >>> 0 || 1;
  const rand = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
  const out: { name: string; file: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [HEADER];
    const runs: string[] = [];
    const budget = 20_000 + rand(400_000);
    let size = HEADER.length;
    while (size < budget) {
      const unit = UNITS[rand(UNITS.length)];
      const times = 1 + rand(Math.max(1, Math.floor(40_000 / unit.length)));
      parts.push(unit.repeat(times));
      size += unit.length * times;
      runs.push(`${JSON.stringify(unit.slice(0, 12))}x${times}`);
    }
    out.push({ name: `mix #${i} (seed ${seed}): ${runs.slice(0, 8).join(' ')}${runs.length > 8 ? ' ...' : ''}`, file: i % 3 ? 'docs/mix_certificate.md' : 'docs/mix_checklist.md', text: parts.join('') });
  }
  return out;
}

/** A normal certificate section, repeated: the "same-size normal document" each case is compared against. */
const NORMAL_SECTION = `### Finding

The handler validates its input before use; see \`src/a.py:1-2\` and the tests in \`tests/test_a.py\`.

- **Severity**: low
- **Evidence**: \`src/a.py:1\` shows the check, *as reviewed*.
- Rationale: the [design note](docs/design.md) covers the remaining **edge** cases.

| item | state |
| --- | --- |
| input | checked |

`;

export function normalDocument(chars: number): string {
  return fill(HEADER, NORMAL_SECTION, chars);
}

/** The workspace files the cases cite (so evidence resolves against real files). */
export const ADVERSARIAL_WORKSPACE: Record<string, string> = {
  'src/a.py': 'def a():\n    return 1\n',
};
