/** Evidence links and hovers (placeholder until the core's evidence extraction lands). */
import type { DocumentLink, Hover, Position } from 'vscode-languageserver';
import type { ParsedDocument } from '../../core/index';
import type { Folder } from '../folders';

export async function documentLinks(_folder: Folder, _doc: ParsedDocument): Promise<DocumentLink[]> {
  return [];
}

export async function evidenceHover(_folder: Folder, _doc: ParsedDocument, _pos: Position): Promise<Hover | null> {
  return null;
}
