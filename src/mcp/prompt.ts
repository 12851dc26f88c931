/**
 * The `write-certificate` prompt: the format Signoff accepts, told to an agent before it writes. Generated, never
 * written out by hand: the header fields from the rules' own list, the sections and status values from the
 * workspace's configuration, the template from New Certificate, the evidence forms from the extractor's list of
 * forms (each example is checked by a test to be read as its form), and what is checked from the rules' metadata.
 */
import type { Config, EvidenceForm } from '../core/index';
import { RULES } from '../core/index';
import { REQUIRED_HEADER_FIELDS } from '../core/rules/shared/header';
import { certificateTemplate, snippetDefaults } from '../protocol/templates';

/** One example per evidence form, in the order the extractor tries them (Record: a new form must get one). */
export const EVIDENCE_EXAMPLES: Record<EvidenceForm, { example: string; note: string }> = {
  'pytest-node': { example: '`tests/test_totals.py::TestTotals::test_rounding`', note: 'a pytest node id; each `::Name` must be defined in the file' },
  'github-anchor': { example: '`src/totals.py#L12-L18`', note: 'a GitHub line anchor' },
  'colon-lines': { example: '`src/totals.py:12-18`', note: 'path, colon, lines: the canonical form (`cite` writes it); several items: `src/totals.py:4, 12-18`' },
  'path-paren-lines': { example: '`src/totals.py` (lines 12-18)', note: 'path, then lines in parentheses' },
  'path-then-lines': { example: '`src/totals.py`, lines 12-18', note: 'path, comma, lines' },
  'lines-in-path': { example: 'Lines 12-18 in src/totals.py', note: 'lines, then the path' },
  'label-then-path': { example: '**Lines 12-18**: src/totals.py', note: 'a bold lines label, then the path' },
  'path-only': { example: '`src/totals.py`', note: 'a whole file' },
  'bare-lines': { example: 'Rounding happens in `src/totals.py`; the guard (lines 20-24) rejects negatives.', note: 'bare lines bind to the path named before them in the same paragraph or list' },
  'line-count': { example: '`src/totals.py` (120 lines)', note: 'a line-count claim, checked against the file' },
};

export interface PromptInput {
  config: Config;
  agent?: string;
  component?: string;
  now: Date;
}

export function writeCertificatePrompt({ config, agent, component, now }: PromptInput): string {
  const template = snippetDefaults(certificateTemplate(agent || 'your-agent-name', now, component || undefined));
  const statuses = config.statuses.values;
  const off = (id: string) => {
    const setting = config.rules[id];
    return setting === 'off' || (typeof setting === 'object' && setting.severity === 'off');
  };
  const rules = RULES.filter((r) => r.meta.kinds.includes('certificate') && !off(r.meta.id));
  return `You are writing a review certificate that Signoff checks. Write it in this format, check it with the \`check\` tool ({path, text}) before saving, and fix what it reports.

## Template

\`\`\`markdown
${template}\`\`\`

(The \`new_document\` tool makes this with the current time; keep Date, Certificate ID and the SIGNATURE Timestamp consistent.)

## Title and header

- One H1, the first line: \`# <TOPIC> REVIEW CERTIFICATE\`.
- Between the H1 and the first H2, one line each: ${REQUIRED_HEADER_FIELDS.map((f) => `\`**${f}**: <value>\``).join(', ')}.
- Date is \`YYYY-MM-DD HH:MM:SS UTC\`; the Certificate ID embeds the same date and time (\`CERT-<AGENT>-YYYYMMDD-HHMMSS\`).

## Sections

H2 sections, in this order: ${config.requiredSections.map((s) => `\`## ${s}\``).join(', ')}. None may be left empty.

## Decision

In DECISION/OUTCOME: \`**Status**: <value>\` with one of ${statuses.map((s) => `\`${s}\``).join(', ')}; \`**Rationale**: <why>\`. A conditional verdict lists its conditions under \`**Conditions**:\`; an approval that lists conditions is a conditional one. Any other verdict line (Decision, Recommendation) must agree with Status.

## Signature

In SIGNATURE, one line each: \`Agent: <the header Agent>\`, \`Timestamp: <the header Date>\`, \`Certificate Hash: <text>\`.

## Evidence

Cite the code you reviewed so a reader can open it; every reference is checked (the file exists in the workspace, the lines are in range, quoted code is at the cited lines, the lines did not change in git after the Date). Paths are relative to the workspace root (or to the certificate's folder). Forms Signoff reads:

${(Object.entries(EVIDENCE_EXAMPLES) as [EvidenceForm, { example: string; note: string }][]).map(([, e]) => `- ${e.example}: ${e.note}`).join('\n')}

Use the \`cite\` tool to get the lines and the reference for them (quote what is really there: code in a code span or fence right after a line reference must be at those lines), and \`resolve_evidence\` to see how a written reference resolves.

## What is checked

${rules.map((r) => `- \`${r.meta.id}\`: ${r.meta.description}`).join('\n')}

The \`rule\` tool gives a rule's full page (what fires, what does not, the fix).
`;
}
