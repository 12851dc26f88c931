/**
 * The document pass of `signoff check` over a list of files, the same in the main thread (few files) and in each
 * worker thread (workers.ts): read, decode, parse, run the document rules, keep the findings and the summary, and
 * drop the document. Each file is parsed once; nothing of it outlives its own check but plain data.
 */
import { decodeText, type DocumentKind, type Engine, type Finding } from '../core/index';
import type { DocumentSummary } from '../core/workspace';
import type { Host } from '../core/host';

export interface CheckedFile {
  path: string;
  kind: DocumentKind;
  bom: boolean;
  /** Findings of the document pass (the workspace pass adds its own, from the summaries, afterwards). */
  findings: Finding[];
  summary?: DocumentSummary;
}

export async function documentPass(engine: Engine, host: Pick<Host, 'readFile'>, paths: readonly string[]): Promise<CheckedFile[]> {
  const out: CheckedFile[] = [];
  // The next file is read while this one is parsed: reading waits on the thread pool, parsing does not.
  const read = (i: number) => {
    if (i >= paths.length) return undefined;
    const r = host.readFile(paths[i]);
    r.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    return r;
  };
  let next = read(0);
  for (let i = 0; i < paths.length; i++) {
    const bytes = await next;
    next = read(i + 1);
    if (!bytes) continue;
    const { text, ...facts } = decodeText(bytes);
    const doc = engine.parse(paths[i], text, facts);
    if (!doc.kind) continue;
    const { findings, summary } = await engine.checkDocument(doc);
    out.push({ path: paths[i], kind: doc.kind, bom: facts.bom, findings, summary });
  }
  return out;
}
