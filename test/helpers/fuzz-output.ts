/**
 * Control characters in every field that reaches output (issue 19): certificates and checklists whose file names,
 * header fields, Status, evidence paths, phase names and task labels carry line breaks, workflow commands
 * (`\n::warning::X`), ESC/OSC/CSI sequences and C1 controls, and a `.signoff.json` whose `extends` does. Used by
 * fuzz-child.ts (`output` mode), which checks them with the engine and prints them in every format.
 */
import fc from 'fast-check';

/** What a hostile pull request puts in a field. */
export const CONTROL_PIECES = [
  '\n::warning::INJECTED', '\r::error::X', '\r\n::add-mask::secret', '\n::stop-commands::tok', '\x1b]0;TITLE\x07', '\x1b[2J', '\x1b[31m',
  '\u2028::notice::z', '\u0085::debug::w', '\u009b31m', '\x00', '\x07', '\b', '\x7f', '\u202e', '\t', '%0A::warning::enc', '::', ':', ',', '%',
];

/** A short text made of control pieces and ordinary characters. */
export const controlText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...CONTROL_PIECES), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));

export interface OutputCase {
  path: string;
  text: string;
  /** `extends` of the configuration that goes with it. */
  extendsSpec: string;
}

const certificate = (f: string[]) => `# ${f[0]} REVIEW CERTIFICATE

**Component**: ${f[1]}
**Agent**: ${f[2]}
**Date**: 2025-02-01 08:00:00 UTC${f[3]}
**Certificate ID**: PAY-${f[4]}

## REVIEW SCOPE

- \`src/${f[5]}.py\`

## FINDINGS

Lines 1-2 in \`src/${f[6]}.py\` hold ${f[7]}.

## DECISION/OUTCOME

**Status**: ${f[8]}
**Rationale**: ${f[9]}

## EVIDENCE

- \`${f[10]}\` lines 3-4

## SIGNATURE

Agent: ${f[11]}
`;

const checklist = (f: string[]) => `# Release Checklist ${f[0]}

### Phase 1: ${f[1]}

- [ ] **${f[2]}**: ${f[3]}
  \`\`\`bash {timeout=${f[4]} cwd=${f[5]}}
  echo ${f[6]}
  # Expected: ${f[7]}
  \`\`\`
- [ ] ${f[8]}
`;

export const outputCase: fc.Arbitrary<OutputCase> = fc
  .tuple(fc.boolean(), controlText, fc.array(controlText, { minLength: 12, maxLength: 12 }), controlText)
  .map(([isCert, name, fields, ext]) => ({
    path: `docs/${name.replace(/\//g, '_')}_${isCert ? 'certificate' : 'checklist'}.md`,
    text: isCert ? certificate(fields) : checklist(fields),
    extendsSpec: `./${ext}`,
  }));
