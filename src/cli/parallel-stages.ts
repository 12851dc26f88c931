/**
 * The two stages of checking many documents, the same in the main thread (few files) and in each worker thread:
 * stage 1 reads, decodes, parses and indexes each file and runs the rules that need only the document; stage 2,
 * once every document's summary is known, runs the rules that asked about other documents (Engine.checkStaged).
 * Each file is parsed once; only the summaries (plain data) and findings cross threads.
 */
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { decodeText, type Engine, type Finding, type DocumentKind } from '../core/index';
import { documentData, documentFromData, type DocumentData, type PendingCheck } from '../core/engine';
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

/**
 * A pending check as kept between the stages: its document's data serialised and deflated (about 4 KB for an 8 KB
 * certificate, against about 30 KB of heap as objects; 10,000 of them did not fit the memory target, and every
 * major GC had to mark them), or, when the data is not plain (never today), the check itself.
 */
type Parked = { rules: PendingCheck['rules']; suppressions: PendingCheck['suppressions']; packed: Uint8Array } | { check: PendingCheck };

export function park(p: PendingCheck): Parked {
  const data = { doc: documentData(p.doc), findings: p.findings };
  if (!isPlainData(data)) return { check: p };
  return { rules: p.rules, suppressions: p.suppressions, packed: exactCopy(deflateRawSync(serialize(data), { level: 1 })) };
}

/**
 * zlib's output under one chunk is a view of a 16 KB ArrayBuffer: kept as is, each parked document would hold 16 KB
 * instead of its 4 KB (160 MB of the 10,000-certificate workspace's peak). A copy owns exactly its bytes.
 */
function exactCopy(b: Buffer): Uint8Array {
  return b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

export function unpark(x: Parked): PendingCheck {
  if ('check' in x) return x.check;
  const data = deserialize(inflateRawSync(x.packed)) as { doc: DocumentData; findings: Finding[] };
  return { doc: documentFromData(data.doc), rules: x.rules, suppressions: x.suppressions, findings: data.findings };
}

/**
 * True when structured cloning returns an equal value: only primitives, plain objects and arrays (a class
 * instance would come back as a plain object without its methods, a function would throw).
 */
function isPlainData(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'function' || typeof v === 'symbol') return false;
    if (typeof v !== 'object' || v === null) continue;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const k of Object.keys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      if (d.get || d.set) return false;
      stack.push(d.value);
    }
    if (Object.getOwnPropertySymbols(v).length) return false;
  }
  return true;
}

export class StagedChecker {
  private readonly pending = new Map<string, Parked>();

  constructor(readonly engine: Engine, readonly host: NodeHost) {}

  async stage1(paths: readonly string[]): Promise<StagedFile[]> {
    const out: StagedFile[] = [];
    // The next file is read while this one is parsed: reading waits on the thread pool (a tenth of one thread's
    // time on 1,000 certificates was idle), parsing does not.
    const read = (i: number) => {
      if (i >= paths.length) return undefined;
      const r = this.host.readFile(paths[i]);
      r.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
      return r;
    };
    let next = read(0);
    for (let i = 0; i < paths.length; i++) {
      const rel = paths[i];
      const bytes = await next;
      next = read(i + 1);
      if (!bytes) continue;
      const decoded = decodeText(bytes);
      const { text, ...facts } = decoded;
      const doc = this.engine.parse(rel, text, facts);
      if (!doc.kind) continue;
      this.engine.workspace.update(doc);
      const staged = await this.engine.checkStaged(doc);
      const file: StagedFile = { path: rel, kind: doc.kind, bom: decoded.bom, summary: this.engine.workspace.get(rel) };
      if (staged.pending) this.pending.set(rel, park(staged.pending));
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
    for (const [path, p] of this.pending) {
      this.pending.delete(path); // deleting the current entry does not disturb a Map's iteration
      out.push({ path, findings: await this.engine.checkPending(unpark(p)) });
    }
    return out;
  }
}
