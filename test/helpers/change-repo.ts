/** A real git repository for change-review tests: main with three certificates and their code, a feature branch. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree } from './engine';
import { commitAll, git, initRepo } from './git';

export const certificate = (id: string, findings: string, extra = '') => `# ${id} REVIEW CERTIFICATE

**Component**: ${id.toLowerCase()}
**Agent**: code-reviewer
**Date**: 2025-03-04 10:15:00 UTC
**Certificate ID**: ${id}-20250304-101500

## REVIEW SCOPE

The module.

## FINDINGS

${findings}

## DECISION/OUTCOME

**Status**: APPROVED
**Rationale**: Fine.

## EVIDENCE

Reviewed.

## SIGNATURE

Agent: code-reviewer
Timestamp: 2025-03-04 10:15:00 UTC
Certificate Hash: opaque
${extra}`;

const CODE = Array.from({ length: 30 }, (_, i) => `value_${i + 1} = ${i + 1}\n`).join('');

/** main: three certificates and their code; feature: two commits over it. */
export function changeRepo() {
  const root = makeTree({
    'reviews/ledger.md': certificate('LEDGER', '- Rounding: `src/ledger.py:10-12`\n- Header: `src/ledger.py:1-3`\n- Legacy path: `src/legacy.py:4`'),
    'reviews/report.md': certificate('REPORT', '- Totals: `src/report.py:5`'),
    // Unrelated to the change, and broken: must not be listed.
    'reviews/other.md': certificate('OTHER', '- Misc: `src/other.py:2`', '\n# SECOND TITLE\n'),
    'src/ledger.py': CODE,
    'src/report.py': CODE,
    'src/legacy.py': CODE,
    'src/other.py': CODE,
    'README.md': '# Project\n',
  });
  initRepo(root);
  // Some history on main before the branch, so that a shallow clone of the branch has a boundary.
  for (const n of [1, 2]) {
    writeFileSync(join(root, 'README.md'), `# Project\n\nRelease ${n}.\n`);
    commitAll(root, `Release ${n}`);
  }
  git(root, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(root, 'src/ledger.py'), CODE.replace('value_11 = 11\n', 'value_11 = round(11)\nvalue_11b = 0\n'));
  const c1 = commitAll(root, 'Round the eleventh value');
  rmSync(join(root, 'src/legacy.py'));
  writeFileSync(join(root, 'src/report.py'), 'import os\n' + CODE); // moves line 5 down, does not touch it
  const c2 = commitAll(root, 'Drop the legacy module');
  return { root, c1, c2 };
}
