/**
 * Go to definition on an evidence reference: the cited file and range, so `gd` works in Neovim, Helix and any
 * client without document links' fragments. The same target as the document link (evidence.ts): the file the
 * reference resolved to, its first cited range.
 */
import type { Location, Position } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { ParsedDocument } from '../../core/index';
import { offsetAt } from '../convert';
import type { Folder } from '../folders';
import { resolvedRefs } from './evidence';

export async function evidenceDefinition(folder: Folder, doc: ParsedDocument, position: Position): Promise<Location | null> {
  const offset = offsetAt(doc.lines, position);
  for (const r of await resolvedRefs(folder, doc)) {
    if (offset < r.ref.span.start || offset > r.ref.span.end || r.location.status !== 'found') continue;
    const first = r.ref.ranges[0];
    // 0-based lines; the range ends at the start of the line after the last cited one (clients clamp past the end).
    const start = first ? Math.max(0, Math.min(first.start, first.end) - 1) : 0;
    const end = first ? Math.max(first.start, first.end) : 0;
    return { uri: URI.file(folder.absolute(r.location.path)).toString(), range: { start: { line: start, character: 0 }, end: { line: end, character: 0 } } };
  }
  return null;
}
