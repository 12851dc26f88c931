/**
 * Document symbols and folding ranges. Certificates: the H1 holding its sections (H2) and their sub-headings.
 * Checklists: the H1 holding parts (H2), phases, groups and tasks (named by their label, else their text).
 */
import type { Heading as MdHeading } from 'mdast';
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { ParsedDocument, Span } from '../../core/index';
import type { ChecklistModel } from '../../core/model/checklist';
import { toHeading } from '../../core/parse/mdast-utils';
import { spanToRange } from '../convert';

/** End offset of a span without its trailing blank lines and spaces (ranges end at the last visible character). */
export function trimmedEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return end;
}

function symbol(doc: ParsedDocument, name: string, kind: SymbolKind, span: Span, selection: Span, detail?: string): DocumentSymbol {
  const range = spanToRange(doc.lines, { start: span.start, end: Math.max(trimmedEnd(doc.text, span), selection.end) });
  const selectionRange = spanToRange(doc.lines, { start: selection.start, end: Math.min(selection.end, trimmedEnd(doc.text, selection)) });
  return { name: name.trim() || '(untitled)', kind, range, selectionRange, detail, children: [] };
}

const HEADING_KINDS = [SymbolKind.File, SymbolKind.Namespace, SymbolKind.Module, SymbolKind.String];

export function documentSymbols(doc: ParsedDocument): DocumentSymbol[] {
  if (doc.kind === 'checklist' && doc.checklist) return checklistSymbols(doc, doc.checklist);
  if (doc.kind === 'certificate') return headingSymbols(doc);
  return [];
}

/** Top-level headings nested by depth; each spans to the next heading of the same or a higher level. */
function headingSymbols(doc: ParsedDocument): DocumentSymbol[] {
  const headings = doc.tree.children.filter((n): n is MdHeading => n.type === 'heading').map(toHeading);
  const roots: DocumentSymbol[] = [];
  const stack: { depth: number; sym: DocumentSymbol }[] = [];
  headings.forEach((h, i) => {
    let end = doc.text.length;
    for (let j = i + 1; j < headings.length; j++) if (headings[j].depth <= h.depth) { end = headings[j].span.start; break; }
    const sym = symbol(doc, h.text, HEADING_KINDS[Math.min(h.depth, 4) - 1], { start: h.span.start, end }, h.span);
    while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
    (stack.length ? stack[stack.length - 1].sym.children! : roots).push(sym);
    stack.push({ depth: h.depth, sym });
  });
  return roots;
}

function checklistSymbols(doc: ParsedDocument, cl: ChecklistModel): DocumentSymbol[] {
  const text = doc.text;
  const h1 = cl.h1s[0];
  const root = h1 ? symbol(doc, h1.text, SymbolKind.File, { start: h1.span.start, end: text.length }, h1.span) : undefined;
  const parts = cl.parts.map((p, i) => ({
    span: { start: p.span.start, end: cl.parts[i + 1]?.span.start ?? text.length },
    sym: symbol(doc, p.text, SymbolKind.Namespace, { start: p.span.start, end: cl.parts[i + 1]?.span.start ?? text.length }, p.span),
  }));
  const top = root ? root.children! : [];
  const containerAt = (offset: number): DocumentSymbol[] => {
    const part = parts.find((p) => p.span.start <= offset && offset < p.span.end);
    return part ? part.sym.children! : top;
  };
  for (const p of parts) top.push(p.sym);
  const taskSymbol = (t: ChecklistModel['tasks'][number]) =>
    symbol(doc, oneLine(t.label || t.text), SymbolKind.Event, t.span, { start: t.checkboxSpan.start, end: doc.lines.lineEnd(t.line) }, t.checked ? '[x]' : '[ ]');
  for (const phase of cl.phases) {
    const ps = symbol(doc, phase.name ? `Phase ${phase.number}: ${phase.name}` : `Phase ${phase.number}`, SymbolKind.Module, phase.span, phase.heading.span);
    const groups = phase.groups.map((g, i) => {
      const span = { start: g.heading.span.start, end: phase.groups[i + 1]?.heading.span.start ?? phase.span.end };
      return { span, sym: symbol(doc, g.name, SymbolKind.Package, span, g.heading.span) };
    });
    for (const g of groups) ps.children!.push(g.sym);
    for (const t of phase.tasks) {
      const g = groups.find((x) => x.span.start <= t.span.start && t.span.start < x.span.end);
      (g ? g.sym.children! : ps.children!).push(taskSymbol(t));
    }
    containerAt(phase.span.start).push(ps);
  }
  for (const t of cl.tasks) if (t.phase === undefined) containerAt(t.span.start).push(taskSymbol(t));
  // Children in document order (loose tasks and phases may interleave within a part).
  const sort = (list: DocumentSymbol[]) => {
    list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const s of list) if (s.children?.length) sort(s.children);
  };
  if (root) { sort(root.children!); return [root]; }
  sort(top);
  return top;
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? line.slice(0, 99) + '…' : line;
}

/** Folding: each phase and each part of a checklist, each section of a certificate (heading to last line). */
export function foldingRanges(doc: ParsedDocument): FoldingRange[] {
  const spans: Span[] = [];
  if (doc.kind === 'checklist' && doc.checklist) {
    const cl = doc.checklist;
    cl.parts.forEach((p, i) => spans.push({ start: p.span.start, end: cl.parts[i + 1]?.span.start ?? doc.text.length }));
    for (const phase of cl.phases) spans.push(phase.span);
  } else if (doc.kind === 'certificate' && doc.certificate) {
    for (const s of doc.certificate.sections) spans.push(s.span);
  }
  const out: FoldingRange[] = [];
  for (const span of spans) {
    const startLine = doc.lines.positionAt(span.start).line - 1;
    const endLine = doc.lines.positionAt(trimmedEnd(doc.text, span)).line - 1;
    if (endLine > startLine) out.push({ startLine, endLine });
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
