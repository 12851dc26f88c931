/**
 * Where the server's documents come from, and their one parse per version. A document is its open buffer when
 * the editor has it open, else the file on disk: this module answers that question, so the validator and the
 * features never do. An open document has one entry per URI and version (and configuration), document-version.ts:
 * its one ParsedDocument serves the check and every feature (links, hovers, symbols, folding, lenses, code actions),
 * and its check's result is what the features await.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeText, type Config, type ParsedDocument } from '../core/index';
import { DocumentVersion } from './document-version';
import type { Folder, Folders } from './folders';

export interface LoadedDocument {
  doc: ParsedDocument;
  /** The open buffer's version; undefined when read from disk. */
  version?: number;
  /** The URI diagnostics go to (the open document's own, else the file's). */
  uri: string;
  /** The open version's entry (its check settles it); undefined when read from disk. */
  entry?: DocumentVersion;
}

/** An open document at its current version: where it belongs, and its entry. */
export interface OpenVersion {
  folder: Folder;
  path: string;
  version: number;
  doc: ParsedDocument;
  entry: DocumentVersion;
}

export class DocumentSources {
  private readonly entries = new Map<string, { folder: Folder; config: Config; entry: DocumentVersion }>();

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

  /** The open document at its current version (its entry made now if no one asked for this version yet). */
  async parsed(uri: string): Promise<OpenVersion | undefined> {
    const open = this.documents.get(uri);
    const target = this.folders.resolve(uri);
    if (!open || !target) return undefined;
    await target.folder.whenReady();
    // The buffer may have moved on while the folder got ready: answer for the version it is at now.
    const now = this.documents.get(uri);
    if (!now) return undefined;
    const entry = this.entry(target.folder, target.path, now);
    return { ...target, version: entry.version, doc: entry.doc, entry };
  }

  /** The document as it is now: the open buffer's entry for its version, else the file on disk (undefined: gone). */
  async load(folder: Folder, path: string): Promise<LoadedDocument | undefined> {
    const open = this.openDocument(folder, path);
    if (open) {
      const entry = this.entry(folder, path, open);
      return { doc: entry.doc, version: open.version, uri: open.uri, entry };
    }
    const bytes = await folder.host.readFile(path);
    if (!bytes) return undefined;
    const { text, ...facts } = decodeText(bytes);
    return { doc: folder.engine.parse(path, text, facts), uri: folder.uriOf(path) };
  }

  /** The entry of an open document's current version (a new version or configuration replaces the old entry). */
  entry(folder: Folder, path: string, open: TextDocument): DocumentVersion {
    const hit = this.entries.get(open.uri);
    if (hit && hit.entry.version === open.version && hit.folder === folder && hit.config === folder.config) return hit.entry;
    hit?.entry.drop();
    const entry = new DocumentVersion(open.uri, open.version, open.getText(), (text) => folder.engine.parse(path, text));
    this.entries.set(open.uri, { folder, config: folder.config, entry });
    return entry;
  }

  /** The editor closed the document: its entry goes. */
  closed(uri: string): void {
    this.entries.get(uri)?.entry.drop();
    this.entries.delete(uri);
  }

  /** A folder left the workspace: its checks stop, so nobody waits for them. */
  folderRemoved(folder: Folder): void {
    for (const [uri, hit] of this.entries) {
      if (hit.folder !== folder) continue;
      hit.entry.drop();
      this.entries.delete(uri);
    }
  }

  /** The server stops: nobody waits for a check any longer. */
  dispose(): void {
    for (const { entry } of this.entries.values()) entry.drop();
    this.entries.clear();
  }
}
