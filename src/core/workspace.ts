/**
 * What the core knows about the workspace as a whole: the checked documents' identities (for cert-id-unique and
 * cert-reference-missing) and the file list. The CLI fills it once; the language server keeps it up to date.
 */
import type { ParsedDocument } from './document';
import type { DocumentKind, Span } from './types';

export interface DocumentSummary {
  path: string;
  kind: DocumentKind;
  certificateId?: { value: string; span: Span; line: number };
}

export class WorkspaceIndex {
  private readonly docs = new Map<string, DocumentSummary>();
  private readonly byId = new Map<string, Set<string>>();
  private readonly byBaseName = new Map<string, Set<string>>();
  /** Every file path of the workspace (not only documents), set by the host's listing. */
  files: string[] = [];

  update(doc: ParsedDocument): void {
    this.remove(doc.path);
    if (!doc.kind) return;
    const summary: DocumentSummary = { path: doc.path, kind: doc.kind };
    const idField = doc.certificate?.header.find((f) => /^certificate id$/i.test(f.key));
    if (idField && idField.value.trim()) {
      summary.certificateId = { value: idField.value.replace(/[*`]/g, '').trim(), span: idField.valueSpan, line: idField.line };
    }
    this.restore(summary);
  }

  /**
   * Indexes a summary (plain data) made by another index, e.g. in a CLI worker thread. update() goes through here
   * too, so anything indexed must be derived from the summary alone.
   */
  restore(summary: DocumentSummary): void {
    this.remove(summary.path);
    if (summary.certificateId) addTo(this.byId, summary.certificateId.value, summary.path);
    addTo(this.byBaseName, baseName(summary.path), summary.path);
    this.docs.set(summary.path, summary);
  }

  remove(path: string): void {
    const old = this.docs.get(path);
    if (!old) return;
    if (old.certificateId) removeFrom(this.byId, old.certificateId.value, path);
    removeFrom(this.byBaseName, baseName(path), path);
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
