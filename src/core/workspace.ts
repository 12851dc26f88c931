/**
 * What the core knows about the workspace as a whole: every checked document's summary (summary.ts: its
 * Certificate ID, the certificates and file names it cites), the file list and its index (for evidence), and the
 * reverse indexes over them. The document pass reads the file index only; the workspace pass (rules with
 * `scope: 'workspace'`) reads the summaries only. The CLI fills it once; the language server keeps it current:
 *
 * - `restore(summary)` (or `update(doc)`) / `remove(path)` when a document is checked or deleted; both return the
 *   previous summary, and `affectedBy(before, after)` says whose workspace findings that may change;
 * - `files = await host.listFiles()` once, then `addFile(path)` / `removeFile(path)` on file events, and
 *   `fileChanged(path)` when a file's content changed (cached line counts are re-validated by stat);
 * - `documentsCiting(path)`: the documents whose document pass to repeat after `path` was created, deleted or
 *   changed;
 * - `evidence(host, config)`: the evidence engine the evidence rules share (created on first use, and again when
 *   the host or config object changes).
 */
import type { Config } from './config/schema';
import type { ParsedDocument } from './document';
import type { Host } from './host';
import type { Finding } from './types';
import { FileIndex } from './evidence/file-index';
import { EvidenceService } from './evidence/service';
import { baseName, summarize, type DocumentSummary } from './summary';
import { buildLedger, type Ledger } from './ledger/build';
import { decodeText } from './document';
import { mayHoldCertificateId } from './parse/header';

export { baseName, type DocumentSummary } from './summary';

export class WorkspaceIndex {
  private readonly docs = new Map<string, DocumentSummary>();
  private readonly byId = new Map<string, Set<string>>();
  /** Certificate ID -> documents citing it by that ID. */
  private readonly citingId = new Map<string, Set<string>>();
  private listed: string[] = [];
  private indexed?: { source: string[]; index: FileIndex };
  private service?: EvidenceService;
  /** File name -> documents citing a file of that name. */
  private readonly citing = new Map<string, Set<string>>();
  /** Certificate IDs found by a plain text scan of documents that were not checked (see idsOutsideIndex). */
  private scannedIds?: Promise<Map<string, string[]>>;
  /** Files whose text is known to hold no `**Certificate ID` (ruled out by parse/prescan.ts): never scanned. */
  private readonly withoutIds = new Set<string>();
  /** Reads the Certificate ID of a text as a check would (the engine sets it: its parse and model). */
  readId?: (path: string, text: string) => string | undefined;
  /** Findings said once per workspace (summary.sayOnce), by rule and message -> documents carrying them. */
  private readonly once = new Map<string, Set<string>>();
  /** The review ledger of the indexed summaries, built on first use after any of them changed. */
  private built?: { config: Config; ledger: Ledger };

  /** Files the caller read and found without `**Certificate ID` (e.g. ordinary Markdown), so idsOutsideIndex skips them. */
  knownWithoutIds(paths: Iterable<string>): void {
    for (const p of paths) this.withoutIds.add(p);
    this.scannedIds = undefined;
  }

  /** Indexes a parsed document's summary (what the document pass does with engine.checkDocument's). */
  update(doc: ParsedDocument): DocumentSummary | undefined {
    const summary = summarize(doc);
    const before = summary ? this.restore(summary) : this.remove(doc.path);
    // A text the scan ruled out holds no `**Certificate ID`: idsOutsideIndex need not read it again.
    if (doc.notParsed === 'ordinary') this.withoutIds.add(doc.path);
    else this.withoutIds.delete(doc.path);
    return before;
  }

  /** Indexes a summary (plain data, maybe made in another thread or read from the cache); returns the old one. */
  restore(summary: DocumentSummary): DocumentSummary | undefined {
    const before = this.drop(summary.path);
    if (summary.certificateId) addTo(this.byId, summary.certificateId.value, summary.path);
    for (const c of summary.citedIds ?? []) addTo(this.citingId, c.id, summary.path);
    for (const n of summary.citedNames ?? []) addTo(this.citing, n, summary.path);
    for (const f of summary.sayOnce ?? []) addTo(this.once, onceKey(f), summary.path);
    this.docs.set(summary.path, summary);
    this.keepLedger(before, summary);
    return before;
  }

  /** Drops a document's summary; returns it. */
  remove(path: string): DocumentSummary | undefined {
    const old = this.drop(path);
    if (old) this.built = undefined;
    return old;
  }

  private drop(path: string): DocumentSummary | undefined {
    const old = this.docs.get(path);
    if (!old) return undefined;
    if (old.certificateId) removeFrom(this.byId, old.certificateId.value, path);
    for (const c of old.citedIds ?? []) removeFrom(this.citingId, c.id, path);
    for (const n of old.citedNames ?? []) removeFrom(this.citing, n, path);
    for (const f of old.sayOnce ?? []) removeFrom(this.once, onceKey(f), path);
    this.docs.delete(path);
    return old;
  }

  get(path: string): DocumentSummary | undefined {
    return this.docs.get(path);
  }

  /**
   * Documents whose workspace findings may change when a document's summary went from `before` to `after`
   * (either undefined: added or removed): the document itself, the certificates declaring its old or new ID, and
   * those citing either. Empty when nothing a workspace rule reads changed.
   */
  affectedBy(before: DocumentSummary | undefined, after: DocumentSummary | undefined): Set<string> {
    const out = new Set<string>();
    const ids = new Set<string>();
    const oldId = before?.certificateId?.value;
    const newId = after?.certificateId?.value;
    if (oldId !== newId || !before !== !after) {
      if (oldId) ids.add(oldId);
      if (newId) ids.add(newId);
    }
    for (const id of ids) {
      for (const p of this.byId.get(id) ?? []) out.add(p);
      for (const p of this.citingId.get(id) ?? []) out.add(p);
    }
    const path = after?.path ?? before?.path;
    // What the ledger reads changed (component, date, verdict, Supersedes, freshness, review gates): supersession
    // and gates may move anywhere (aliases and Supersedes join components), so every ledger document is looked at.
    if (ledgerKey(before) !== ledgerKey(after)) {
      for (const d of this.docs.values()) if (d.ledger?.kind === 'certificate' || (d.ledger?.kind === 'checklist' && d.ledger.gates.length)) out.add(d.path);
      if (path) out.add(path);
    }
    if (path && (ids.size || JSON.stringify(before?.citedIds) !== JSON.stringify(after?.citedIds))) out.add(path);
    // A finding said once moves between the document that changed and the first two others that carry it (the
    // first before and after the change are among them); everyone else's stays as it was.
    const onceBefore = new Set((before?.sayOnce ?? []).map(onceKey));
    const onceAfter = new Set((after?.sayOnce ?? []).map(onceKey));
    for (const key of new Set([...onceBefore, ...onceAfter])) {
      if (onceBefore.has(key) && onceAfter.has(key)) continue;
      if (path) out.add(path);
      for (const p of smallest(this.once.get(key), 2)) out.add(p);
    }
    return out;
  }

  /**
   * After a summary changed: the ledger is built again only when what it is built from changed (ledgerKey); an edit
   * elsewhere in a document (every keystroke) keeps it, pointed at the new facts (their positions moved).
   */
  private keepLedger(before: DocumentSummary | undefined, after: DocumentSummary): void {
    if (!this.built) return;
    if (!before || ledgerKey(before) !== ledgerKey(after)) { this.built = undefined; return; }
    const { ledger } = this.built;
    const facts = after.ledger;
    if (facts?.kind === 'certificate') {
      const cert = ledger.byPath.get(after.path);
      if (cert) cert.facts = facts;
    } else if (facts?.kind === 'checklist') {
      const checklist = ledger.checklists.find((c) => c.path === after.path);
      if (checklist) checklist.facts = facts;
    }
  }

  /** The review ledger (ledger/build.ts) of every indexed summary, built once per change of the index. */
  ledger(config: Config): Ledger {
    if (this.built?.config !== config) this.built = { config, ledger: buildLedger(this.docs.values(), config) };
    return this.built.ledger;
  }

  /** The document, first in path order, that says a finding of summary.sayOnce (undefined: none indexed does). */
  firstSaying(f: Finding): string | undefined {
    return smallest(this.once.get(onceKey(f)), 1)[0];
  }

  /** Paths of certificates declaring this Certificate ID. */
  pathsWithId(id: string): string[] {
    return [...(this.byId.get(id) ?? [])];
  }

  allDocuments(): DocumentSummary[] {
    return [...this.docs.values()];
  }

  /** Every file path of the workspace (not only documents), set by the host's listing. */
  get files(): string[] {
    return this.listed;
  }

  /** A new listing: locations resolved against the old one and the scan of unindexed documents are stale. */
  set files(files: string[]) {
    this.listed = files;
    this.scannedIds = undefined;
    this.service?.filesChanged();
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

  /** The evidence engine shared by the evidence rules. */
  evidence(host: Host, config: Config): EvidenceService {
    if (!this.service || this.service.host !== host || this.service.config !== config) {
      this.service = new EvidenceService(host, config, () => this.fileIndex());
    }
    return this.service;
  }

  /**
   * Certificate IDs declared by Markdown files of the workspace that are not indexed (when only some files are
   * checked, or in the fixture harness): their Certificate ID as the model reads it (readId, set by the engine: a
   * parse of the few texts header.ts mayHoldCertificateId lets through), done once (until files change) and only
   * when a rule asks. Maps ID -> paths.
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
            const text = decodeText(bytes).text;
            // The model's own reading (header.ts), after the cheap test that rules most texts out.
            const id = mayHoldCertificateId(text) ? this.readId?.(f, text) : undefined;
            if (id) ids.set(id, [...(ids.get(id) ?? []), f]);
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

/** The ledger facts of a summary without positions (which move with every edit above them). */
function ledgerKey(s: DocumentSummary | undefined): string {
  const l = s?.ledger;
  if (!l) return '';
  if (l.kind === 'checklist') return JSON.stringify([l.title, l.phases.map((p) => [p.number, p.name]), l.gates.map((g) => g.target)]);
  return JSON.stringify([s.certificateId?.value, l.component, l.agent, l.time, l.date, l.verdict, l.supersedes.map((x) => x.id), l.conditions, l.evidence && [l.evidence.total, l.evidence.staleRefs, l.evidence.stale.length, l.evidence.touched, l.evidence.sealed, l.evidence.signed]]);
}

function onceKey(f: Finding): string {
  return `${f.ruleId}\n${f.message}`;
}

/** The `n` smallest paths of a set, in order (one pass: n is 1 or 2). */
function smallest(paths: Set<string> | undefined, n: number): string[] {
  const out: string[] = [];
  for (const p of paths ?? []) {
    let i = out.length;
    while (i > 0 && p < out[i - 1]) i--;
    if (i < n) { out.splice(i, 0, p); out.length = Math.min(out.length, n); }
  }
  return out;
}
