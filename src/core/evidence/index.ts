/** The evidence engine's public surface (re-exported by src/core/index.ts). */
import type { ParsedDocument } from '../document';
import { evidenceOf } from './of';

export { evidenceOf } from './of';
export { extractEvidence } from './extract';
export { EvidenceService, type ResolvedRef } from './service';
export { PathResolver, countLines, type Location, type FileFacts, type ForeignInfo } from './resolve';
export { FileIndex } from './file-index';
export { DriftChecker, trackRange } from './drift';

/** The distinct paths a document cites, as written (bare line references add nothing: they reuse a cited path). */
export function citedFiles(doc: ParsedDocument): string[] {
  return [...new Set(evidenceOf(doc).refs.map((r) => r.path))];
}
