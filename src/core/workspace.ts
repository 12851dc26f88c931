/**
 * What the core knows about the workspace as a whole: the checked documents' identities (for cert-id-unique and
 * cert-reference-missing), the file list and its index (for evidence), and which documents cite which files. The
 * CLI fills it once; the language server keeps it up to date:
 *
 * - `update(doc)` / `remove(path)` when a document is parsed or deleted;
 * - `files = await host.listFiles()` once, then `addFile(path)` / `removeFile(path)` on file events, and
 *   `fileChanged(path)` when a file's content changed (cached line counts are re-validated by stat);
 * - `documentsCiting(path)`: the documents to re-validate after `path` was created, deleted or changed;
 * - `evidence(host, config)`: the evidence engine the evidence rules share (created on first use, and again when
 *   the host or config object changes).
 */
import type { Config } from './config/schema';
import type { ParsedDocument } from './document';
import type { Host } from './host';
import type { DocumentKind, Span } from './types';
import { FileIndex } from './evidence/file-index';
import { EvidenceService } from './evidence/service';
import { evidenceOf } from './evidence/of';

export interface DocumentSummary {
  path: string;
  kind: DocumentKind;
  certificateId?: { value: string; span: Span; line: number };
  /** File names the document cites (evidence references, checklist task paths), for documentsCiting(). */
  citedNames?: string[];
}

export class WorkspaceIndex {
  private readonly docs = new Map<string, DocumentSummary>();
  private readonly byId = new Map<string, Set<string>>();
  private readonly byBaseName = new Map<string, Set<string>>();
  /** Every file path of the workspace (not only documents), set by the host's listing. */
  files: string[] = [];
  private indexed?: { source: string[]; index: FileIndex };
  private service?: EvidenceService;
  /** File name -> documents citing a file of that name. */
  private readonly citing = new Map<string, Set<string>>();
  /** Certificate IDs found by a plain text scan of documents that were not checked (see idsOutsideIndex). */
  private scannedIds?: Promise<Map<string, string[]>>;
  /** Files whose text is known to hold no `**Certificate ID` (ruled out by parse/prescan.ts): never scanned. */
  private readonly withoutIds = new Set<string>();

  /** Files the caller read and found without `**Certificate ID` (e.g. ordinary Markdown), so idsOutsideIndex skips them. */
  knownWithoutIds(paths: Iterable<string>): void {
    for (const p of paths) this.withoutIds.add(p);
    this.scannedIds = undefined;
  }

  update(doc: ParsedDocument): void {
    this.remove(doc.path);
    // A text the scan ruled out holds no `**Certificate ID`: idsOutsideIndex need not read it again.
    if (doc.notParsed === 'ordinary') this.withoutIds.add(doc.path);
    else this.withoutIds.delete(doc.path);
    if (!doc.kind) return;
    const summary: DocumentSummary = { path: doc.path, kind: doc.kind };
    const idField = doc.certificate?.header.find((f) => /^certificate id$/i.test(f.key));
    if (idField && idField.value.trim()) {
      summary.certificateId = { value: idField.value.replace(/[*`]/g, '').trim(), span: idField.valueSpan, line: idField.line };
    }
    const names = new Set<string>();
    for (const ref of evidenceOf(doc).refs) names.add(baseName(ref.path));
    for (const task of doc.checklist?.tasks ?? []) for (const c of task.inlineCode) names.add(baseName(c.value.trim()));
    if (names.size) summary.citedNames = [...names];
    // A copy: the ID and the names are slices of the document's text, and V8 keeps a sliced string's whole parent
    // alive, so the summary held every indexed document's text (10 KB each; 10,000 certificates: 100 MB).
    this.restore(JSON.parse(JSON.stringify(summary)) as DocumentSummary);
  }

  /**
   * Indexes a summary (plain data) made by another index, e.g. in a CLI worker thread. update() goes through here
   * too, so anything indexed must be derived from the summary alone.
   */
  restore(summary: DocumentSummary): void {
    this.remove(summary.path);
    if (summary.certificateId) addTo(this.byId, summary.certificateId.value, summary.path);
    addTo(this.byBaseName, baseName(summary.path), summary.path);
    for (const n of summary.citedNames ?? []) addTo(this.citing, n, summary.path);
    this.docs.set(summary.path, summary);
  }

  remove(path: string): void {
    const old = this.docs.get(path);
    if (!old) return;
    if (old.certificateId) removeFrom(this.byId, old.certificateId.value, path);
    removeFrom(this.byBaseName, baseName(path), path);
    for (const n of old.citedNames ?? []) removeFrom(this.citing, n, path);
    this.docs.delete(path);
  }

  get(path: string): DocumentSummary | undefined {
    return this.docs.get(path);
  }

  /** Paths of certificates declaring this Certificate ID. */
  pathsWithId(id: string): string[] {
    return [...(this.byId.get(id) ?? [])];
  }

  /** Paths of checked documents with this file name. */
  pathsWithBaseName(name: string): string[] {
    return [...(this.byBaseName.get(name) ?? [])];
  }

  allDocuments(): DocumentSummary[] {
    return [...this.docs.values()];
  }

  /** The index of `files` (rebuilt when `files` is replaced, kept current by addFile/removeFile). */
  fileIndex(): FileIndex {
    if (this.indexed?.source !== this.files) this.indexed = { source: this.files, index: new FileIndex(this.files) };
    return this.indexed.index;
  }

  /** A file was created (or renamed to `path`). */
  addFile(path: string): void {
    const index = this.fileIndex();
    if (index.has(path)) return;
    index.add(path);
    this.files.push(path);
    this.scannedIds = undefined;
    this.service?.filesChanged();
  }

  /** A file was deleted (or renamed away from `path`). */
  removeFile(path: string): void {
    const index = this.fileIndex();
    if (!index.has(path)) return;
    index.remove(path);
    const i = this.files.indexOf(path);
    if (i >= 0) this.files.splice(i, 1);
    this.scannedIds = undefined;
    this.service?.filesChanged();
  }

  /** A file's content changed on disk: line counts and drift of it are looked at again. */
  fileChanged(path: string): void {
    if (path.toLowerCase().endsWith('.md')) {
      this.scannedIds = undefined;
      this.withoutIds.delete(path);
    }
    this.service?.filesChanged();
  }

  /** Documents (paths) that cite a file with the same name as `path`: re-validate them when it changes. */
  documentsCiting(path: string): string[] {
    return [...(this.citing.get(baseName(path)) ?? [])];
  }

  /** The file names a document cites (as indexed by update()). */
  citedFileNames(docPath: string): string[] {
    return [...(this.docs.get(docPath)?.citedNames ?? [])];
  }

  /** The evidence engine shared by the evidence rules. */
  evidence(host: Host, config: Config): EvidenceService {
    if (!this.service || this.service.host !== host || this.service.config !== config) {
      this.service = new EvidenceService(host, config, () => this.fileIndex());
    }
    return this.service;
  }

  /**
   * Certificate IDs declared by Markdown files of the workspace that are not indexed (when only some files are
   * checked, or in the fixture harness): a plain text scan of their `**Certificate ID**:` lines, done once (until
   * files change) and only when a rule asks. Maps ID -> paths.
   */
  async idsOutsideIndex(host: Host): Promise<Map<string, string[]>> {
    this.scannedIds ??= (async () => {
      const ids = new Map<string, string[]>();
      const pending = this.files.filter((f) => f.toLowerCase().endsWith('.md') && !this.docs.has(f) && !this.withoutIds.has(f));
      for (let i = 0; i < pending.length; i += 32) {
        await Promise.all(
          pending.slice(i, i + 32).map(async (f) => {
            const bytes = await host.readFile(f);
            if (!bytes) return;
            const head = new TextDecoder().decode(bytes.subarray(0, 16384));
            const m = /\*\*Certificate ID\*\*:[ \t]*\**[ \t]*`?([^\s`*]+)/i.exec(head);
            if (m) ids.set(m[1], [...(ids.get(m[1]) ?? []), f]);
          }),
        );
      }
      return ids;
    })();
    const scanned = await this.scannedIds;
    // Documents indexed since the scan speak for themselves.
    const out = new Map<string, string[]>();
    for (const [id, paths] of scanned) {
      const left = paths.filter((p) => !this.docs.has(p));
      if (left.length) out.set(id, left);
    }
    return out;
  }
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

function addTo(map: Map<string, Set<string>>, key: string, value: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (!set.size) map.delete(key);
}
