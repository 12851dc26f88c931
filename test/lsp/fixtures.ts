/** Documents the LSP tests open and write to temp workspaces (our own text, not copied from real documents). */
import { createHash } from 'node:crypto';

/**
 * A certificate whose only planted problem is a Date written in ISO form with a zone (safe fix). Each ID reviews a
 * component of its own (certificates of one component would supersede one another in the review ledger).
 */
export function certificate(opts: { date?: string; id?: string; eol?: string; extra?: string } = {}): string {
  const lines = [
    '# PAYMENTS REVIEW CERTIFICATE',
    '',
    `**Component**: payments${opts.id ? ` ${opts.id.toLowerCase()}` : ''}`,
    '**Agent**: reviewer',
    `**Date**: ${opts.date ?? '2025-08-23 06:00:00 UTC'}`,
    `**Certificate ID**: ${opts.id ?? 'PAY-20250823-060000'}`,
    '',
    '## REVIEW SCOPE',
    '',
    'The payment service in `src/pay.py` (lines 1-3).',
    '',
    '### Sub-scope',
    '',
    'Only the happy path.',
    '',
    '## FINDINGS',
    '',
    '- Totals are rounded once: src/pay.py:2',
    ...(opts.extra ? ['', opts.extra] : []),
    '',
    '## DECISION/OUTCOME',
    '',
    '**Status**: APPROVED',
    '**Rationale**: The code does what it says.',
    '',
    '## EVIDENCE',
    '',
    '- src/pay.py:1-3',
    '',
    '## SIGNATURE',
    '',
    'Agent: reviewer',
    'Timestamp: 2025-08-23 06:00:00 UTC',
    'Certificate Hash: not-checked',
    '',
  ];
  return lines.join(opts.eol ?? '\n');
}

export const PAY_PY = 'def total(items):\n    return round(sum(items), 2)\n# end\n';

export const LINT_COMMAND = 'echo lint-ok';
/** The whole snippet of the Lint task, as the runner records (and hashes) it. */
export const LINT_SNIPPET = `${LINT_COMMAND}\n# Expected: lint-ok`;

export function checklist(opts: { firstChecked?: boolean } = {}): string {
  return [
    '# Release Checklist',
    '',
    '## Pre-Deployment Checklist',
    '',
    '### **Phase 1: Build**',
    '',
    '#### **🧪 Tests**',
    '',
    `- [${opts.firstChecked ? 'x' : ' '}] **Lint**: the linter is clean`,
    '  ```bash',
    `  ${LINT_COMMAND}`,
    '  # Expected: lint-ok',
    '  ```',
    '- [x] **Unit**: unit tests pass',
    '',
    '#### **📦 Package**',
    '',
    '- [ ] Build the archive',
    '',
    '**🚦 Phase 1 Go/No-Go Decision**',
    '- ✅ **GO**: all green',
    '- ❌ **NO-GO**: anything red',
    '',
    '### **Phase 2: Ship**',
    '',
    '- [ ] **Deploy**: push it',
    '  ```bash',
    '  echo deploy',
    '  ```',
    '',
    '**🚦 Phase 2 Go/No-Go Decision**',
    '- ✅ **GO**: deployed',
    '- ❌ **NO-GO**: not deployed',
    '',
  ].join('\n');
}

/** A run record of phase 1 of `checklistPath` in which the Lint task failed (so the phase is NO-GO). */
export function failedRunRecord(checklistPath: string, endedAt: string): string {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  return JSON.stringify({
    version: 1,
    checklist: checklistPath,
    phases: [1],
    commit: null,
    startedAt: endedAt,
    endedAt,
    runner: 'cli',
    tasks: [{
      phase: 1, line: 9, label: 'Lint', text: 'Lint: the linter is clean', status: 'failed',
      snippets: [{
        lang: 'bash', command: LINT_SNIPPET, commandSha256: sha(LINT_SNIPPET), exitCode: 3, signal: null, timedOut: false,
        durationMs: 5, outputExcerpt: 'boom\n', outputSha256: sha('boom\n'), expected: [{ text: 'lint-ok', met: false }],
      }],
    }],
    phaseResults: [{ phase: 1, verdict: 'NO-GO', passed: 0, failed: 1, manual: 0, skipped: 0 }],
  }, null, 2);
}
