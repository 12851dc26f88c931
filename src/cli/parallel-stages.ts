/**
 * The two stages of checking many documents, the same in the main thread (few files) and in each worker thread:
 * stage 1 reads, decodes, parses and indexes each file and runs the rules that need only the document; stage 2,
 * once every document's summary is known, runs the rules that asked about other documents (Engine.checkStaged).
 * Each file is parsed once; only the summaries (plain data) and findings cross threads.
 */
import { decodeText, type Engine, type Finding, type DocumentKind } from '../core/index';
import type { PendingCheck } from '../core/engine';
import type { DocumentSummary } from '../core/workspace';
import type { NodeHost } from '../node/fs-host';

export interface StagedFile {
  path: string;
  kind: DocumentKind;
  bom: boolean;
  /** The index entry of the document (sent to every other thread before stage 2). */
  summary?: DocumentSummary;
  /** Set when stage 1 finished the document; otherwise stage 2 will. */
  findings?: Finding[];
}

export class StagedChecker {
  private readonly pending = new Map<string, PendingCheck>();

  constructor(readonly engine: Engine, readonly host: NodeHost) {}

  async stage1(paths: readonly string[]): Promise<StagedFile[]> {
    const out: StagedFile[] = [];
    for (const rel of paths) {
      const bytes = await this.host.readFile(rel);
      if (!bytes) continue;
      const decoded = decodeText(bytes);
      const { text, ...facts } = decoded;
      const doc = this.engine.parse(rel, text, facts);
      if (!doc.kind) continue;
      this.engine.workspace.update(doc);
      const staged = await this.engine.checkStaged(doc);
      const file: StagedFile = { path: rel, kind: doc.kind, bom: decoded.bom, summary: this.engine.workspace.get(rel) };
      if (staged.pending) this.pending.set(rel, staged.pending);
      else file.findings = staged.findings;
      out.push(file);
    }
    return out;
  }

  /** Indexes summaries made by other threads (this thread's own are already there). */
  restore(summaries: readonly DocumentSummary[]): void {
    for (const s of summaries) if (!this.engine.workspace.get(s.path)) this.engine.workspace.restore(s);
  }

  async stage2(): Promise<{ path: string; findings: Finding[] }[]> {
    const out: { path: string; findings: Finding[] }[] = [];
    for (const [path, p] of this.pending) out.push({ path, findings: await this.engine.checkPending(p) });
    this.pending.clear();
    return out;
  }
}
