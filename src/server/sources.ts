/**
 * Where the server's documents come from, and their one parse per version. A document is its open buffer when
 * the editor has it open, else the file on disk: this module answers that question, so the validator and the
 * features never do. Open documents are parsed once per URI and version (and configuration), and that one
 * ParsedDocument serves the check and every feature (links, hovers, symbols, folding, lenses, code actions), as
 * in vscode-markdown-languageservice's per-document cache.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeText, type Config, type ParsedDocument } from '../core/index';
import type { Folder, Folders } from './folders';

export interface LoadedDocument {
  doc: ParsedDocument;
  /** The open buffer's version; undefined when read from disk. */
  version?: number;
  /** The URI diagnostics go to (the open document's own, else the file's). */
  uri: string;
}

export class DocumentSources {
  private readonly parses = new Map<string, { version: number; config: Config; doc: ParsedDocument }>();

  constructor(private readonly documents: TextDocuments<TextDocument>, private readonly folders: Folders) {}

  /** The open document for a folder path, if any. */
  openDocument(folder: Folder, path: string): TextDocument | undefined {
    const direct = this.documents.get(folder.uriOf(path));
    if (direct) return direct;
    for (const doc of this.documents.all()) {
      const t = this.folders.resolve(doc.uri);
      if (t && t.folder === folder && t.path === path) return doc;
    }
    return undefined;
  }

  uriOf(folder: Folder, path: string): string {
    return this.openDocument(folder, path)?.uri ?? folder.uriOf(path);
  }

  /** The open document parsed at its current version (parsed now if no one asked for this version yet). */
  async parsed(uri: string): Promise<{ folder: Folder; path: string; version: number; doc: ParsedDocument } | undefined> {
    const open = this.documents.get(uri);
    const target = this.folders.resolve(uri);
    if (!open || !target) return undefined;
    await target.folder.whenReady();
    return { ...target, version: open.version, doc: this.parseOpen(target.folder, target.path, open) };
  }

  /** The document as it is now: the open buffer's parse of its version, else the file on disk (undefined: gone). */
  async load(folder: Folder, path: string): Promise<LoadedDocument | undefined> {
    const open = this.openDocument(folder, path);
    if (open) return { doc: this.parseOpen(folder, path, open), version: open.version, uri: open.uri };
    const bytes = await folder.host.readFile(path);
    if (!bytes) return undefined;
    const { text, ...facts } = decodeText(bytes);
    return { doc: folder.engine.parse(path, text, facts), uri: folder.uriOf(path) };
  }

  /** The editor closed the document: its parses go. */
  closed(uri: string): void {
    this.parses.delete(uri);
  }

  private parseOpen(folder: Folder, path: string, open: TextDocument): ParsedDocument {
    const hit = this.parses.get(open.uri);
    if (hit && hit.version === open.version && hit.config === folder.config) return hit.doc;
    const doc = folder.engine.parse(path, open.getText());
    this.parses.set(open.uri, { version: open.version, config: folder.config, doc });
    return doc;
  }
}
