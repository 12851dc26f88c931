/**
 * The repository-level drift note (no git, not a repository, a shallow clone) is the same on every certificate
 * that cites files: a run over many certificates says it once, on the first in file order, whatever order the
 * documents were checked in (worker threads, the cache). The evidence-drift rule marks it `data.repository`.
 */
import type { Finding } from '../types';

export function isRepositoryNote(f: Finding): boolean {
  return f.ruleId === 'evidence-drift' && f.data?.repository === true;
}

/** Drops the note from every file but the first that has it (files in output order; edited in place). */
export function sayRepositoryNoteOnce(files: { findings: Finding[] }[]): void {
  let said = false;
  for (const f of files) {
    if (!f.findings.some(isRepositoryNote)) continue;
    if (said) f.findings = f.findings.filter((x) => !isRepositoryNote(x));
    said = true;
  }
}
