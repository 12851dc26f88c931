/** Plain data of evidence references: what the extractor finds in a document (see evidence.md). */
import type { Span } from '../types';

/** The ten reference forms of evidence.md, in the order they are tried. */
export type EvidenceForm =
  | 'pytest-node'
  | 'github-anchor'
  | 'colon-lines'
  | 'path-paren-lines'
  | 'path-then-lines'
  | 'lines-in-path'
  | 'label-then-path'
  | 'path-only'
  | 'bare-lines'
  | 'line-count';

/** One item of a line list (`24`, `55-66`), with the exact spans of its numbers for fixes. */
export interface LineRange {
  start: number;
  end: number;
  /** The whole item (`55-66`). */
  span: Span;
  startSpan: Span;
  /** Span of the end number when the item is a range. */
  endSpan?: Span;
}

/** How a bare `lines N-M` found its file (the four binding rules of evidence.md, in order). */
export type Binding = 'same-line' | 'heading' | 'scope' | 'section';

export interface Quote {
  kind: 'inline' | 'fence';
  /** The quoted code as written (fence content without the fence lines). */
  text: string;
  span: Span;
}

export interface EvidenceRef {
  form: EvidenceForm;
  /** The path as written (`/home/u/repo/src/x.py`, `…/x.py`, `x.py`). */
  path: string;
  /** Where the path is written. For a bound bare reference: the path it was bound to. */
  pathSpan: Span;
  /** True when `pathSpan` holds exactly `path` in the source text, so fixes may rewrite it. */
  pathExact: boolean;
  /** The whole reference. */
  span: Span;
  /** 1-based document line of `span.start`. */
  line: number;
  ranges: LineRange[];
  /** `::Name` parts of a pytest node id (parameters stripped). */
  names?: { name: string; span: Span }[];
  /** A line-count claim (`243 lines`). */
  claimedLines?: number;
  /** For a bare reference: how it was bound, and the line of the path it was bound to. */
  binding?: Binding;
  boundToLine?: number;
  /** Found in a code fence (only explicit line references and pytest ids are taken there). */
  inCode: boolean;
  /** Quoted code right after the reference (a code span or the fence that follows). */
  quote?: Quote;
}

/** A bare `lines N-M` that no binding rule attached to a file. Not an error; kept for hovers. */
export interface UnboundLines {
  span: Span;
  line: number;
  ranges: LineRange[];
}

/** A token citing another certificate by its ID (on a line that mentions a certificate). */
export interface IdCitation {
  id: string;
  span: Span;
  line: number;
}

export interface DocumentEvidence {
  /** Every reference with a file, bound bare references included, in document order. */
  refs: EvidenceRef[];
  unbound: UnboundLines[];
  idCitations: IdCitation[];
}
