/** Plain data shared by the whole core: findings, fixes, severities, spans. No behaviour lives here. */
import type { Position } from './text/line-index';

export type Severity = 'error' | 'warning' | 'info';
export type DocumentKind = 'certificate' | 'checklist';

/** A half-open range of offsets into a document's text (UTF-16 code units, BOM excluded). */
export interface Span {
  start: number;
  end: number;
}

/** One replacement of a span of the document's text. Offsets refer to the text the finding was computed on. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by `check --fix` and `source.fixAll.signoff`; others are offered one at a time. */
  safe: boolean;
  /** Edits to a file other than the document itself (e.g. none today); path relative to the workspace root. */
  path?: string;
}

export interface RelatedInfo {
  /** Workspace-relative path, `/` separators. */
  path: string;
  span?: Span;
  /** 1-based line range, when only lines are known (a cited file). */
  line?: number;
  endLine?: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  span: Span;
  start: Position;
  end: Position;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Rule-specific plain data for editors (e.g. hover details). Must be JSON-serialisable. */
  data?: Record<string, unknown>;
}
