/**
 * The repository-level drift note (no git, not a repository, a shallow clone) is the same on every certificate
 * that cites files: a workspace says it once, on the first document in path order, whatever order the documents
 * were checked in (worker threads, the cache, the language server). The evidence-drift rule marks it
 * `data.repository`; the engine moves it into the document's summary (summary.sayOnce) and the workspace pass
 * says it on the first document that carries it (WorkspaceIndex.firstSaying).
 */
import type { Finding } from '../types';

export function isRepositoryNote(f: Finding): boolean {
  return f.ruleId === 'evidence-drift' && f.data?.repository === true;
}
