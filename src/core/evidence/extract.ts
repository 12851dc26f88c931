/**
 * Finds every evidence reference of evidence.md in a document, with exact source spans. Linear: each form is one
 * left-to-right pass over a segment's text with sticky (anchored) patterns, and a match consumes its text. Bare
 * `lines N-M` are bound afterwards by the four binding rules, with per-line / per-section lookups.
 */
import type { Heading, Nodes, Root } from 'mdast';
import type { LineIndex } from '../text/line-index';
import type { Span } from '../types';
import { allHeadings, plainText } from '../parse/mdast-utils';
import { collectSegments, sourceEnd, type Segment } from './segments';
import { matchPath, extensionOf } from './paths';
import type { DocumentEvidence, EvidenceForm, EvidenceRef, IdCitation, LineRange, Quote, UnboundLines } from './types';

interface Occurrence {
  start: number;
  end: number;
  path: string;
}

interface Bare {
  span: Span;
  line: number;
  ranges: LineRange[];
  quote?: Quote;
  /** The wording names a target that is not a file (`Spec Lines 40-60`, `lines 12-30 in the proposal`). */
  nonFile: boolean;
}

const TOKEN = /[A-Za-z0-9_@+.\-/~…]+/g;
const PYTEST_PART = /::([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]\n]{0,200}\])?/y;
const ANCHOR = /#L(\d{1,9})(?:-L?(\d{1,9}))?(?![\dA-Za-z])/y;
const COLON = /:(?=\d)/y;
/** An extensionless path counts when a line reference follows it (`../../etc/passwd:1`, `bin/tool#L3`). */
const LOOSE_FOLLOW = /(?::\d|#L\d)/y;
const PAREN_OPEN = /[ \t]*\([ \t]*lines?[ \t]+/iy;
const PAREN_CLOSE = /[ \t]*\)/y;
// Patterns are written so that no two adjacent parts can match the same spaces (no quadratic backtracking).
const THEN = /[ \t]*(?:[,:][ \t]*|[-–—][ \t]+)?(?:(?:at|on)[ \t]+)?lines?[ \t]+(?=\d)/iy;
const COUNT = /[ \t]*(?:[-–—:,][ \t]*|\([ \t]*)(?:~[ \t]*|about[ \t]+|approx(?:imately|\.)?[ \t]+|over[ \t]+)?(\d{1,3}(?:,\d{3})+|\d{1,9})\+?[ \t]+(?:total[ \t]+)?lines?\b(?:[ \t]+of[ \t]+code)?\)?/iy;
/** "200+ lines of duplicated setup" is a part of the file, not its size; after `Lines 10-230 in x.py` it sizes the range. */
const COUNT_OF = /[ \t]+of\b/y;
const RANGE_BEFORE = /\blines?[ \t]+\d[\d \t,–—&-]*(?:and[ \t]+\d+[ \t]*)?(?:in|of|from|within)[ \t]+[`'"]?$/i;
const LINES_WORD = /\blines?[ \t]+(?=\d)/gi;
const IN_PATH = /[ \t]+(?:in|of|from|within)[ \t]+/iy;
const LABEL_PATH = /[ \t]*:[ \t]*/y;
const NUM = /\d{1,9}/y;
const RANGE_SEP = /[ \t]*[-–—][ \t]*L?(?=\d)/y;
const ITEM_SEP = /[ \t]*(?:,[ \t]*(?:and[ \t]+)?|&[ \t]*|and[ \t]+)(?=\d)/y;
const BAD_AFTER = /(?:\.\d|%|\/\d|\d|:\d)/y;
const QUOTE_GAP = /[ \t:=(→>–—-]*/y;
const GAP_CHAR = /[\s:.]/;
/** Wording that introduces code to write, not code that is there: such a fence is not a quote. */
const CHANGE_WORDS = /\b(?:should|must|replace|change|fix|add|recommend|suggest|propos|instead|update|becomes?|rewrite|patch|to read|example)/i;
/** Words naming a document, not a file, right before `lines` (`Spec Lines 40-60`) or after the range (`of the design`). */
const NON_FILE_NOUN = String.raw`(?:spec(?:ification)?s?|design|plan|proposal|document(?:ation)?|docs?|hld|lld|adr|rfc|report|runbook|checklist|transcript|conversation|pr|issue|ticket)`;
/** Right before the range (`HLD lines 3-4`), or before `(` only for a document's own name (`the proposal (lines 3-4)`). */
const NON_FILE_BEFORE = new RegExp(String.raw`(?:\b${NON_FILE_NOUN}[\s'’s*_:]*|\b(?:hld|lld|adr|rfc|proposal|design|plan|document|spec)[\s*_]*\([\s]*)$`, 'i');
const NON_FILE_AFTER = new RegExp(String.raw`^[\s)*_]*(?:above|below|(?:in|of|from|within)\s+(?:the\s+|this\s+|that\s+|our\s+|its\s+)?(?:above|below|previous|original|same|${NON_FILE_NOUN}\b))`, 'i');
const ID_TOKEN = /(?<![A-Za-z0-9_\-./])[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+){2,}(?![A-Za-z0-9_-]|\.[A-Za-z0-9])/g;
const ID_DATE = /(?:19|20)\d{2}[-_]?[01]\d[-_]?[0-3]\d/;
const MENTIONS_CERT = /\bcert(?:ificate)?s?\b/i;

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

/** Parses `24`, `55-66`, `24,55-66,135-163`, `90, 135`, `10 and 20` at `pos`. */
function parseLineList(seg: Segment, pos: number): { ranges: LineRange[]; end: number } | undefined {
  const s = seg.clean;
  const ranges: LineRange[] = [];
  let at = pos;
  let listEnd = pos;
  for (;;) {
    const a = sticky(NUM, s, at);
    if (!a) break;
    let end = at + a[0].length;
    let b: RegExpExecArray | null = null;
    let bStart = -1;
    const sep = sticky(RANGE_SEP, s, end);
    if (sep) {
      bStart = end + sep[0].length;
      b = sticky(NUM, s, bStart);
      if (b) end = bStart + b[0].length;
    }
    if (sticky(BAD_AFTER, s, end)) break;
    const startNum = Number(a[0]);
    const range: LineRange = {
      start: startNum,
      end: b ? Number(b[0]) : startNum,
      span: span(seg, at, end),
      startSpan: span(seg, at, at + a[0].length),
    };
    if (b) range.endSpan = span(seg, bStart, end);
    ranges.push(range);
    listEnd = end;
    const more = sticky(ITEM_SEP, s, end);
    at = end;
    if (!more) break;
    at = end + more[0].length;
    if (!sticky(NUM, s, at)) { at = end; break; }
  }
  if (!ranges.length) return undefined;
  return { ranges, end: listEnd };
}

function span(seg: Segment, a: number, b: number): Span {
  return { start: seg.toSource(a), end: sourceEnd(seg, b) };
}

function overlaps(consumed: Uint8Array, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (consumed[i]) return true;
  return false;
}

export function extractEvidence(tree: Root, lines: LineIndex): DocumentEvidence {
  const text = lines.text;
  const refs: EvidenceRef[] = [];
  const bares: Bare[] = [];
  const idCitations: IdCitation[] = [];
  for (const seg of collectSegments(tree, lines)) scanSegment(seg, text, lines, refs, bares, idCitations);
  refs.sort((a, b) => a.span.start - b.span.start);
  const unbound = bind(tree, lines, refs, bares);
  refs.sort((a, b) => a.span.start - b.span.start);
  return { refs, unbound, idCitations };
}

function scanSegment(seg: Segment, text: string, lines: LineIndex, refs: EvidenceRef[], bares: Bare[], ids: IdCitation[]): void {
  const s = seg.clean;
  if (!s) return;
  const consumed = new Uint8Array(s.length);
  const occs: Occurrence[] = [];
  const occAt = new Map<number, Occurrence>();
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m; m = TOKEN.exec(s)) {
    const prev = s[m.index - 1];
    if (prev === '$' || prev === '%' || prev === '{' || prev === '\\') continue;
    const end = m.index + m[0].length;
    const p = matchPath(m[0]) ?? (sticky(LOOSE_FOLLOW, s, end) ? matchPath(m[0], true) : undefined);
    if (!p || notEvidence(s, m.index, p)) continue;
    const o = { start: m.index, end: m.index + p.length, path: p };
    occs.push(o);
    occAt.set(o.start, o);
  }
  const segRefs: { ref: EvidenceRef; cleanEnd: number }[] = [];
  const make = (form: EvidenceForm, o: Occurrence, start: number, end: number, ranges: LineRange[]): EvidenceRef => {
    const pathSpan = span(seg, o.start, o.end);
    const ref: EvidenceRef = {
      form,
      path: o.path,
      pathSpan,
      pathExact: text.slice(pathSpan.start, pathSpan.end) === o.path,
      span: span(seg, start, end),
      line: 0,
      ranges,
      inCode: seg.code,
    };
    ref.line = lines.positionAt(ref.span.start).line;
    for (let i = start; i < end; i++) consumed[i] = 1;
    segRefs.push({ ref, cleanEnd: end });
    refs.push(ref);
    return ref;
  };

  // Path first: pytest ids, anchors, colon lists, `(lines ...)`, `, lines ...`, line-count claims.
  for (const o of occs) {
    if (consumed[o.start]) continue;
    let m: RegExpExecArray | null;
    if (extensionOf(o.path) === 'py' && (m = sticky(PYTEST_PART, s, o.end))) {
      const names: { name: string; span: Span }[] = [];
      let at = o.end;
      while ((m = sticky(PYTEST_PART, s, at))) {
        names.push({ name: m[1], span: span(seg, at + 2, at + 2 + m[1].length) });
        at += m[0].length;
      }
      make('pytest-node', o, o.start, at, []).names = names;
      continue;
    }
    if ((m = sticky(ANCHOR, s, o.end))) {
      const a = Number(m[1]);
      const aStart = o.end + 2;
      const r: LineRange = { start: a, end: m[2] ? Number(m[2]) : a, span: span(seg, aStart, o.end + m[0].length), startSpan: span(seg, aStart, aStart + m[1].length) };
      if (m[2]) { const bStart = o.end + m[0].length - m[2].length; r.endSpan = span(seg, bStart, bStart + m[2].length); }
      make('github-anchor', o, o.start, o.end + m[0].length, [r]);
      continue;
    }
    if (sticky(COLON, s, o.end)) {
      const list = parseLineList(seg, o.end + 1);
      if (list) { make('colon-lines', o, o.start, list.end, list.ranges); continue; }
    }
    if ((m = sticky(PAREN_OPEN, s, o.end))) {
      const list = parseLineList(seg, o.end + m[0].length);
      const close = list && sticky(PAREN_CLOSE, s, list.end);
      if (list && close) { make('path-paren-lines', o, o.start, list.end + close[0].length, list.ranges); continue; }
    }
    if (!seg.code && (m = sticky(COUNT, s, o.end)) && !sticky(COUNT_OF, s, o.end + m[0].length) && !RANGE_BEFORE.test(s.slice(Math.max(0, o.start - 60), o.start))) {
      make('line-count', o, o.start, o.end + m[0].length, []).claimedLines = Number(m[1].replace(/,/g, ''));
      continue;
    }
    if (!seg.code && (m = sticky(THEN, s, o.end))) {
      const list = parseLineList(seg, o.end + m[0].length);
      if (list) { make('path-then-lines', o, o.start, list.end, list.ranges); continue; }
    }
  }

  // Lines first: `Lines a-b in path`, `**Lines a-b**: path`, else a bare `lines a-b`.
  LINES_WORD.lastIndex = 0;
  for (let m = LINES_WORD.exec(s); m; m = LINES_WORD.exec(s)) {
    if (consumed[m.index]) continue;
    const list = parseLineList(seg, m.index + m[0].length);
    if (!list || overlaps(consumed, m.index, list.end)) continue;
    let g: RegExpExecArray | null;
    let o: Occurrence | undefined;
    if ((g = sticky(IN_PATH, s, list.end)) && (o = occAt.get(list.end + g[0].length)) && !consumed[o.start]) {
      make('lines-in-path', o, m.index, o.end, list.ranges);
    } else if ((g = sticky(LABEL_PATH, s, list.end)) && (o = occAt.get(list.end + g[0].length)) && !consumed[o.start]) {
      make('label-then-path', o, m.index, o.end, list.ranges);
    } else if (!seg.code && !insideCodeSpan(seg, m.index)) {
      // (A bare `line 5` inside a code span is quoted code, not a reference.)
      for (let i = m.index; i < list.end; i++) consumed[i] = 1;
      const bSpan = span(seg, m.index, list.end);
      const nonFile = NON_FILE_BEFORE.test(s.slice(Math.max(0, m.index - 40), m.index)) || NON_FILE_AFTER.test(s.slice(list.end, list.end + 80));
      const bare: Bare = { span: bSpan, line: lines.positionAt(bSpan.start).line, ranges: list.ranges, nonFile };
      bare.quote = findQuote(seg, list.end, consumed);
      bares.push(bare);
    }
    LINES_WORD.lastIndex = Math.max(LINES_WORD.lastIndex, list.end);
  }

  // Whatever path is left is a path-only reference (not in code: commands and code name files they make or use).
  if (!seg.code) for (const o of occs) if (!overlaps(consumed, o.start, o.end)) make('path-only', o, o.start, o.end, []);

  if (!seg.code) {
    for (const { ref, cleanEnd } of segRefs) if (ref.ranges.length) ref.quote = findQuote(seg, cleanEnd, consumed);
    ID_TOKEN.lastIndex = 0;
    for (let m = ID_TOKEN.exec(s); m; m = ID_TOKEN.exec(s)) {
      if (!ID_DATE.test(m[0]) || overlaps(consumed, m.index, m.index + m[0].length)) continue;
      const sp = span(seg, m.index, m.index + m[0].length);
      const line = lines.positionAt(sp.start).line;
      const lineText = lines.lineText(line);
      if (!MENTIONS_CERT.test(lineText) || /certificate\s+hash|\bhash\b/i.test(lineText)) continue;
      if (text.slice(sp.start, sp.end) !== m[0]) continue;
      ids.push({ id: m[0], span: sp, line });
    }
  }
}

/** An option's value on a command line (`--weights best.ckpt`, `-c cfg.yaml`, `--config=cfg.yaml`). */
const OPTION_BEFORE = /(?:^|[\s`])--?[A-Za-z][\w-]*(?:[ \t]+|=)$/;
const GENERIC_AFTER = /^[`'"]?[ \t]+files\b/i;
/** Objects whose attributes read like file names (`self.cfg.yaml`, `request.json`, `window.alert`). */
const OBJECT_STEM = /^(?:self|this|cls|window|document|request|response|req|res|resp|ctx|os|sys|logger|console)\./;

/**
 * Tokens that look like paths but are not evidence: a command's option values, calls (`response.json()`) and
 * attribute chains of a single name (`self.cfg.yaml`, `request.json`).
 */
function notEvidence(s: string, at: number, path: string): boolean {
  if (OPTION_BEFORE.test(s.slice(Math.max(0, at - 40), at))) return true;
  if (path.includes('/')) return false;
  if (s[at + path.length] === '(') return true;
  // A kind of file, not one file: "the `__init__.py` files", "all conftest.py files".
  if (GENERIC_AFTER.test(s.slice(at + path.length, at + path.length + 12))) return true;
  return OBJECT_STEM.test(path);
}

/** Where the segment's trailing `:`/`.`/space run starts (a reference ending there is followed by nothing). */
const tails = new WeakMap<Segment, { tail: number; change: boolean }>();
function segmentFacts(seg: Segment) {
  let f = tails.get(seg);
  if (!f) {
    let tail = seg.clean.length;
    while (tail > 0 && GAP_CHAR.test(seg.clean[tail - 1])) tail--;
    f = { tail, change: CHANGE_WORDS.test(seg.clean) };
    tails.set(seg, f);
  }
  return f;
}
function tailStart(seg: Segment): number {
  return segmentFacts(seg).tail;
}
function changeWording(seg: Segment): boolean {
  return segmentFacts(seg).change;
}

/** The code span starting exactly at a clean index (spans are in order: binary search). */
function codeStartingAt(seg: Segment, at: number) {
  let lo = 0;
  let hi = seg.codes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = seg.codes[mid];
    if (c.start === at) return c;
    if (c.start < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Whether a clean index lies in a code span (a mask built once per segment, on first use). */
const codeMasks = new WeakMap<Segment, Uint8Array>();
function insideCodeSpan(seg: Segment, at: number): boolean {
  let mask = codeMasks.get(seg);
  if (!mask) {
    mask = new Uint8Array(seg.clean.length);
    for (const c of seg.codes) mask.fill(1, c.start, c.end);
    codeMasks.set(seg, mask);
  }
  return mask[at] === 1;
}

/** Quoted code right after a line reference: a code span after `:`/`-`/`(`, or the fence after the paragraph. */
function findQuote(seg: Segment, cleanEnd: number, consumed: Uint8Array): Quote | undefined {
  const gap = sticky(QUOTE_GAP, seg.clean, cleanEnd);
  const at = cleanEnd + (gap ? gap[0].length : 0);
  const piece = codeStartingAt(seg, at);
  // A code span that is a path or file name (the reference's own, written again) is not quoted code.
  if (piece && !overlaps(consumed, piece.start, piece.end) && piece.value.trim().length >= 3 && matchPath(piece.value.trim()) !== piece.value.trim()) {
    return { kind: 'inline', text: piece.value, span: { start: seg.toSource(piece.start), end: sourceEnd(seg, piece.end) } };
  }
  const next = seg.next;
  if (next?.type === 'code' && cleanEnd >= tailStart(seg) && next.value.trim() && !changeWording(seg)) {
    return { kind: 'fence', text: next.value, span: { start: next.position?.start.offset ?? 0, end: next.position?.end.offset ?? 0 } };
  }
  return undefined;
}

interface HeadingInfo {
  start: number;
  depth: number;
  title: string;
  parent: number;
  /** Index of the H2 (or shallower) heading this one sits under (itself when depth <= 2); -1 for none. */
  h2: number;
  scope: boolean;
}

export function normalizeTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[*_`#]/g, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.):]?|[ivx]+\.)\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Binds bare line references (evidence.md's four rules, in order); returns those left unbound. */
function bind(tree: Root, lines: LineIndex, refs: EvidenceRef[], bares: Bare[]): UnboundLines[] {
  if (!bares.length) return [];
  const headings: HeadingInfo[] = [];
  const parents: number[] = [];
  for (const h of allHeadings(tree) as Heading[]) {
    while (parents.length && headings[parents[parents.length - 1]].depth >= h.depth) parents.pop();
    const parent = parents.length ? parents[parents.length - 1] : -1;
    const idx = headings.length;
    const title = plainText(h);
    const h2 = h.depth === 2 ? idx : h.depth < 2 ? -1 : parent >= 0 ? headings[parent].h2 : -1;
    headings.push({ start: h.position?.start.offset ?? 0, depth: h.depth, title: normalizeTitle(title), parent, h2, scope: h.depth === 2 && /scope/i.test(title) });
    parents.push(idx);
  }
  const headingStarts = headings.map((h) => h.start);
  const sectionOf = (offset: number): number => lastAtOrBefore(headingStarts, offset);

  const pathRefs = refs.filter((r) => !r.inCode);
  const byLine = new Map<number, EvidenceRef[]>();
  const bySection = new Map<number, EvidenceRef[]>();
  const byH2 = new Map<number, EvidenceRef[]>();
  const scope = new Map<string, EvidenceRef>();
  for (const r of pathRefs) {
    push(byLine, r.line, r);
    const sec = sectionOf(r.span.start);
    push(bySection, sec, r);
    const h2 = sec >= 0 ? headings[sec].h2 : -1;
    push(byH2, h2, r);
    if (h2 >= 0 && headings[h2].scope) {
      const lineText = lines.lineText(r.line);
      const col = r.pathSpan.start - lines.lineStarts[r.line - 1];
      const title = normalizeTitle(lineText.slice(0, Math.max(0, col)).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/\s+(?:at|in)\s*[`(]*\s*$/i, ''));
      if (title && !scope.has(title)) scope.set(title, r);
    }
  }

  // Top-level blocks: a bare range binds within its own block, or to a label paragraph right above it.
  const blocks = tree.children.map((c) => c.position?.start.offset ?? 0);
  const items = listItems(tree);
  const blockOf = (offset: number): number => lastAtOrBefore(blocks, offset);
  const blockIsParagraph = (i: number) => i >= 0 && tree.children[i]?.type === 'paragraph';
  /** Whether heading `anc` is `sec` or one of its ancestors (the section fallback never crosses into a sibling). */
  const within = (sec: number, anc: number): boolean => {
    for (let h = sec; h >= 0; h = headings[h].parent) if (h === anc) return true;
    return anc === -1;
  };

  const unbound: UnboundLines[] = [];
  for (const b of bares) {
    let target: EvidenceRef | undefined;
    let binding: EvidenceRef['binding'];
    const sameLine = byLine.get(b.line);
    if (sameLine?.length) {
      const dist = (r: EvidenceRef) => (r.span.end <= b.span.start ? b.span.start - r.span.end : Math.abs(r.span.start - b.span.end));
      target = sameLine.reduce((best, r) => (dist(r) < dist(best) ? r : best));
      binding = 'same-line';
    }
    const sec = sectionOf(b.span.start);
    // A range that names a non-file target (`HLD lines 40-60`, `lines 12-30 of the proposal`) binds only to a path
    // on its own line.
    if (!target && b.nonFile) { unbound.push({ span: b.span, line: b.line, ranges: b.ranges }); continue; }
    if (!target) {
      // The nearest preceding path of the same section, in the same block or a label paragraph just above it.
      const before = preceding(bySection.get(sec), b);
      const block = blockOf(b.span.start);
      if (before) {
        const at = blockOf(before.span.start);
        const near = at === block || (at === block - 1 && blockIsParagraph(at));
        // Not a path inside an earlier item's sub-list (item 2's detail is not item 3's file), and not one of
        // several files named on the same line (which of them is meant cannot be told).
        const single = new Set((byLine.get(before.line) ?? []).map((r) => r.path)).size === 1;
        if (near && single && items.reaches(before.span.start, b.span.start)) { target = before; binding = 'heading'; }
      }
    }
    if (!target && scope.size) {
      for (let h = sec; h >= 0 && !target; h = headings[h].parent) {
        const title = headings[h].title;
        if (!title) continue;
        // The heading's title, or a word prefix of it of at least 8 characters, names a scope line.
        let hit = scope.get(title);
        const words = title.split(' ');
        for (let k = words.length - 1; !hit && k >= 1; k--) {
          const prefix = words.slice(0, k).join(' ');
          if (prefix.length >= 8) hit = scope.get(prefix);
        }
        if (hit) { target = hit; binding = 'scope'; }
      }
    }
    const laterInSection = (bySection.get(sec) ?? []).some((r) => r.span.start > b.span.start);
    if (!target && !laterInSection && sec >= 0 && headings[sec].h2 >= 0) {
      // The one file named earlier in this H2 section, outside any sibling H3/H4 subsection (and none named later in
      // its own subsection, which would more likely be the one meant).
      const inH2 = (byH2.get(headings[sec].h2) ?? []).filter((r) => r.span.end <= b.span.start && within(sec, sectionOf(r.span.start)));
      const distinct = new Set(inH2.map((r) => r.path));
      if (distinct.size === 1) { target = inH2[inH2.length - 1]; binding = 'section'; }
    }
    if (!target) { unbound.push({ span: b.span, line: b.line, ranges: b.ranges }); continue; }
    refs.push({
      form: 'bare-lines',
      path: target.path,
      pathSpan: target.pathSpan,
      pathExact: false,
      span: b.span,
      line: b.line,
      ranges: b.ranges,
      inCode: false,
      binding,
      boundToLine: target.line,
      quote: b.quote,
    });
  }
  return unbound;
}

/**
 * The list items of a document, to tell whether a path can speak for a later line: it can when the item that holds
 * the path's own list (or the document, outside lists) also holds the later line, so a path in a sibling item or
 * in a label above counts, and one in an earlier item's sub-list does not.
 */
function listItems(tree: Root): { reaches(from: number, to: number): boolean } {
  const starts: number[] = [];
  const ends: number[] = [];
  const parents: number[] = [];
  const walk = (nodes: readonly Nodes[], parent: number) => {
    const stack: { nodes: readonly Nodes[]; i: number; parent: number }[] = [{ nodes, i: 0, parent }];
    while (stack.length) {
      const f = stack[stack.length - 1];
      if (f.i >= f.nodes.length) { stack.pop(); continue; }
      const n = f.nodes[f.i++];
      let p = f.parent;
      if (n.type === 'listItem') {
        p = starts.length;
        starts.push(n.position?.start.offset ?? 0);
        ends.push(n.position?.end.offset ?? 0);
        parents.push(f.parent);
      }
      if ('children' in n && n.type !== 'paragraph' && n.type !== 'heading') stack.push({ nodes: n.children as Nodes[], i: 0, parent: p });
    }
  };
  walk(tree.children as Nodes[], -1);
  const innermost = (o: number): number => {
    let i = lastAtOrBefore(starts, o);
    while (i >= 0 && ends[i] <= o) i = parents[i];
    return i;
  };
  return {
    reaches(from, to) {
      const item = innermost(from);
      const holder = item >= 0 ? parents[item] : -1;
      return holder < 0 || (starts[holder] <= to && to < ends[holder]);
    },
  };
}

/** Index of the last sorted start at or before `offset` (-1 for none). */
function lastAtOrBefore(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** The last reference of a list sorted by position that ends before the bare range, on an earlier line. */
function preceding(sorted: EvidenceRef[] | undefined, b: Bare): EvidenceRef | undefined {
  if (!sorted?.length) return undefined;
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].span.end <= b.span.start && sorted[mid].line < b.line) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 ? sorted[found] : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
