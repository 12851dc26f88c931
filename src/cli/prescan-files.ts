/**
 * The CLI's file listing without ordinary Markdown: the selected files are read here and the ones that cannot be a
 * certificate or a checklist (parse/prescan.ts, and no kind forced by the config) are dropped before anything is
 * dispatched, so they cost a read and a text scan, never a parse, a worker thread or a second read
 * (idsOutsideIndex skips them: a text the scan rules out has no `**Certificate ID`). The bytes of the files kept
 * are handed to the thread that checks them (preloadedHost), so they are not read twice either.
 *
 * Once `enough` files are kept, there are enough documents for the worker threads, which scan every file before
 * parsing it anyway: the rest is passed on unread (reading everything here first would delay the workers and
 * read every document twice).
 */
import { decodeText, mayBeDocument, type Engine } from '../core/index';
import type { NodeHost } from '../node/fs-host';

export interface Candidates {
  /** Files that may be documents, could not be read, or were not looked at (see above), in the given order. */
  candidates: string[];
  /** Files ruled out: neither kind. */
  ordinary: string[];
  /** The bytes of the candidates that were read, when all files were looked at (else empty). */
  bytes: Map<string, Uint8Array>;
}

const READS_IN_FLIGHT = 16;

export async function documentCandidates(host: NodeHost, engine: Engine, files: readonly string[], enough: number): Promise<Candidates> {
  const out: Candidates = { candidates: [], ordinary: [], bytes: new Map() };
  let i = 0;
  while (i < files.length && out.candidates.length < enough) {
    const batch = files.slice(i, i + READS_IN_FLIGHT);
    i += batch.length;
    const read = await Promise.all(batch.map((f) => host.readFile(f)));
    batch.forEach((f, k) => {
      const bytes = read[k];
      if (bytes && !engine.forcedKind(f) && !mayBeDocument(decodeText(bytes).text)) {
        out.ordinary.push(f);
        return;
      }
      out.candidates.push(f);
      if (bytes) out.bytes.set(f, bytes);
    });
  }
  if (i < files.length) {
    out.candidates.push(...files.slice(i));
    out.bytes.clear();
  }
  return out;
}

/** The host, except that the first read of each preloaded file returns the bytes already read (then forgets them). */
export function preloadedHost<H extends NodeHost>(host: H, bytes: Map<string, Uint8Array>): H {
  return new Proxy(host, {
    get(target, prop, receiver) {
      if (prop === 'readFile') {
        return (p: string) => {
          const b = bytes.get(p);
          if (b === undefined) return target.readFile(p);
          bytes.delete(p);
          return Promise.resolve(b);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
