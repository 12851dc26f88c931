/**
 * Core data -> LSP data, in one place. Core positions are 1-based lines and 1-based UTF-16 columns; LSP positions
 * are 0-based lines and 0-based UTF-16 characters, so converting is a subtraction (both count a surrogate pair as two
 * and treat \r\n, \n and a lone \r as line ends). Nothing else in the server does position arithmetic.
 */
import { rulePageHref } from './rule-docs';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position as LspPosition,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { type Finding, type LineIndex, type Position, type Severity, type Span, type TextEdit } from '../core/index';

export const DIAGNOSTIC_SOURCE = 'signoff';

export function toLspPosition(p: Position): LspPosition {
  return { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
}

export function toCorePosition(p: LspPosition): Position {
  return { line: p.line + 1, column: p.character + 1 };
}

export function spanToRange(lines: LineIndex, span: Span): Range {
  return { start: toLspPosition(lines.positionAt(span.start)), end: toLspPosition(lines.positionAt(span.end)) };
}

/** Offset in the text of an LSP position (clamped to the line, as LSP asks). */
export function offsetAt(lines: LineIndex, p: LspPosition): number {
  return lines.offsetAt(toCorePosition(p));
}

/** Whole lines `line`..`endLine` (1-based, inclusive) as a range ending at the end of the last line. */
export function linesToRange(lines: LineIndex | undefined, line: number, endLine = line): Range {
  const start = { line: Math.max(0, line - 1), character: 0 };
  if (!lines) return { start, end: { line: Math.max(0, endLine), character: 0 } };
  const last = Math.min(Math.max(line, endLine), lines.lineCount);
  return { start, end: toLspPosition(lines.positionAt(lines.lineEnd(last))) };
}

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** How related information reaches other files: their URI and, when known, their line index. */
export interface RelatedResolver {
  uriOf(path: string): string | undefined;
  linesOf(path: string): LineIndex | undefined;
}

export function findingToDiagnostic(f: Finding, related?: RelatedResolver): Diagnostic {
  const d: Diagnostic = {
    range: { start: toLspPosition(f.start), end: toLspPosition(f.end) },
    severity: toLspSeverity(f.severity),
    code: f.ruleId,
    codeDescription: { href: rulePageHref(f.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (f.related?.length && related) {
    const infos: DiagnosticRelatedInformation[] = [];
    for (const r of f.related) {
      const uri = related.uriOf(r.path);
      if (!uri) continue;
      const lines = related.linesOf(r.path);
      let range: Range;
      if (r.span && lines) range = spanToRange(lines, r.span);
      else if (r.line !== undefined) range = linesToRange(lines, r.line, r.endLine ?? r.line);
      else range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      infos.push({ location: { uri, range }, message: r.message });
    }
    if (infos.length) d.relatedInformation = infos;
  }
  return d;
}

/** Core edits (offsets into the text `lines` indexes) -> LSP text edits. */
export function toLspEdits(lines: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: spanToRange(lines, e), newText: e.newText }));
}

/** Same diagnostic (for matching a client's diagnostic to a finding in code actions). */
export function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.message === b.message && a.range.start.line === b.range.start.line
    && a.range.start.character === b.range.start.character && a.range.end.line === b.range.end.line
    && a.range.end.character === b.range.end.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (p: LspPosition, q: LspPosition) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // Touching counts: a cursor at either end of a finding's range is "on" it.
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Whether two lists of findings would publish the same diagnostics (rule, message, place, severity). */
export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].ruleId !== b[i].ruleId || a[i].message !== b[i].message || a[i].span.start !== b[i].span.start || a[i].span.end !== b[i].span.end || a[i].severity !== b[i].severity) return false;
  }
  return true;
}
