/**
 * The evidence engine as rules use it: one per workspace (held by WorkspaceIndex), owning the path resolver, the
 * drift checker and a per-document memo of resolved references, so the evidence rules of one document resolve each
 * reference once between them.
 */
import type { Config } from '../config/schema';
import type { ParsedDocument } from '../document';
import type { Host } from '../host';
import { DriftChecker } from './drift';
import { evidenceOf } from './of';
import type { FileIndex } from './file-index';
import { PathResolver, type FileFacts, type Location } from './resolve';
import { enclosingHeadings, narrowByHeadings } from './headings';
import type { EvidenceRef } from './types';

export interface ResolvedRef {
  ref: EvidenceRef;
  location: Location;
  /** For a found file: its size, line count or why it was not read. */
  facts?: FileFacts;
}

export class EvidenceService {
  readonly resolver: PathResolver;
  readonly drift: DriftChecker;
  private readonly memo = new WeakMap<ParsedDocument, { gen: number; value: Promise<ResolvedRef[]> }>();

  constructor(readonly host: Host, readonly config: Config, private readonly index: () => FileIndex) {
    this.resolver = new PathResolver(host, config, index);
    this.drift = new DriftChecker(host);
  }

  /** Every reference of the document with its location and file facts (memoised per document and file state). */
  resolve(doc: ParsedDocument): Promise<ResolvedRef[]> {
    const gen = this.resolver.generation;
    const hit = this.memo.get(doc);
    if (hit && hit.gen === gen) return hit.value;
    const value = Promise.all(
      evidenceOf(doc).refs.map(async (ref): Promise<ResolvedRef> => {
        const location = narrowed(await this.resolver.locate(ref.path, doc.path), doc, ref, (p) => this.index().holdsCode(p));
        if (location.status !== 'found') return { ref, location };
        const facts = await this.resolver.fileFacts(location.path);
        if (facts.status === 'outside') return { ref, location: { status: 'outside', reason: `${location.path} is a link to a file outside the workspace` } };
        return { ref, location, facts };
      }),
    );
    this.memo.set(doc, { gen, value });
    return value;
  }

  /** Resolves a path a document cites outside of its references (checklist tasks). */
  locate(path: string, docPath: string): Promise<Location> {
    return this.resolver.locate(path, docPath);
  }

  /** Files were created, deleted or changed on disk. */
  filesChanged(): void {
    this.resolver.filesChanged();
  }
}

/**
 * A suffix match read with the reference's headings (headings.ts): an ambiguous one narrowed by the folders they name;
 * a unique one outside the folder they name is not the file meant (`## AGENT GL-002` then `- flow_meter.py`, found
 * only under GL-005/): it is kept as a candidate, not found. Exact matches are unchanged.
 */
function narrowed(location: Location, doc: ParsedDocument, ref: EvidenceRef, isFolder: (path: string) => boolean): Location {
  if (location.status === 'found' && location.rule === 'nearest-folder') {
    const scope = location.scope ?? '';
    const n = narrowByHeadings([location.path], scope, enclosingHeadings(doc, ref.span.start), isFolder);
    if (n && !n.candidates.length) return { status: 'ambiguous', candidates: [location.path], scope, foreign: location.foreign, headingFolder: `${scope ? scope + '/' : ''}${n.words[0]}` };
    return location;
  }
  if (location.status !== 'ambiguous') return location;
  const n = narrowByHeadings(location.candidates, location.scope, enclosingHeadings(doc, ref.span.start), isFolder);
  if (!n) return location;
  if (!n.candidates.length) return { ...location, headingFolder: `${location.scope ? location.scope + '/' : ''}${n.words[0]}` };
  if (n.candidates.length === 1) return { status: 'found', path: n.candidates[0], via: 'suffix', rule: 'heading', scope: location.scope, headingWords: n.words, foreign: location.foreign };
  return { ...location, candidates: n.candidates };
}
