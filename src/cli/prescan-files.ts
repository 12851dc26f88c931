/**
 * The CLI's file listing without ordinary Markdown: the selected files are read here and the ones that cannot be a
 * certificate or a checklist (parse/prescan.ts, and no kind forced by the config) are dropped before anything is
 * dispatched, so they cost a read and a text scan, never a parse, a worker thread or a second read
 * (idsOutsideIndex skips them: a text the scan rules out has no `**Certificate ID`).
 *
 * The reads here are synchronous (nothing else runs yet): on 1,500 small files 30-60 ms instead of 190-240 ms
 * through fs.promises and a realpath each (the thread pool's round trips). A symbolic link is not followed
 * (O_NOFOLLOW; O_NONBLOCK keeps a FIFO from blocking the open): it is passed on, and the host's own read decides whether it may be read at all. The files kept
 * are read again by the thread that checks them, through the host.
 *
 * Once `enough` files are kept, there are enough documents for the worker threads, which scan every file before
 * parsing it anyway: the rest is passed on unread (reading everything here first would delay the workers).
 */
import { decodeText, mayBeDocument, mayHoldCertificateId, type Engine } from '../core/index';
import type { NodeHost } from '../node/fs-host';
import { readRegularFileSync } from '../node/regular-file';

export interface Candidates {
  /** Files that may be documents, could not be read here, or were not looked at (see above), in the given order. */
  candidates: string[];
  /** Files ruled out: neither kind. */
  ordinary: string[];
}

export function documentCandidates(host: NodeHost, engine: Engine, files: readonly string[], enough: number): Candidates {
  const out: Candidates = { candidates: [], ordinary: [] };
  let i = 0;
  for (; i < files.length && out.candidates.length < enough; i++) {
    const f = files[i];
    const bytes = engine.forcedKind(f) ? undefined : readPlainFile(host.absolute(f));
    if (bytes && !mayBeDocument(decodeText(bytes).text)) out.ordinary.push(f);
    else out.candidates.push(f);
  }
  out.candidates.push(...files.slice(i));
  return out;
}

/**
 * For a check of some files (`signoff check path.md`, the pre-commit case): the other Markdown files that hold no
 * `**Certificate ID`, so that the workspace's scan for the IDs of documents not checked (idsOutsideIndex, which
 * cert-id-unique and cert-reference-missing use) reads only those that may declare one. Stops looking after `limit`
 * files that may (a workspace of many certificates gains nothing from reading them twice).
 */
export function markdownWithoutIds(host: NodeHost, files: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let holding = 0;
  for (const f of files) {
    const bytes = readPlainFile(host.absolute(f));
    if (bytes && !mayHoldCertificateId(decodeText(bytes).text)) out.push(f);
    else if (++holding >= limit) break;
  }
  return out;
}

/** The bytes of a regular file that is not a symbolic link, or undefined. */
function readPlainFile(abs: string | undefined): Uint8Array | undefined {
  if (!abs) return undefined;
  const read = readRegularFileSync(abs, { noFollow: true });
  return 'bytes' in read ? read.bytes : undefined;
}
