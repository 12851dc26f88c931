/** What a rule is: metadata as data plus one `check` function. The engine stamps ids and severities. */
import type { Config } from '../config/schema';
import type { ParsedDocument } from '../document';
import type { Host } from '../host';
import type { CertificateModel } from '../model/certificate';
import type { ChecklistModel } from '../model/checklist';
import type { DocumentKind, Fix, RelatedInfo, Severity, Span } from '../types';
import type { DocumentSummary, SummaryPlace } from '../summary';
import type { WorkspaceIndex } from '../workspace';

export interface RuleMeta {
  /** Stable kebab-case id: the file name, the diagnostic code and the config key. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Document kinds the rule runs on. */
  kinds: readonly DocumentKind[];
  /** True when the rule offers fixes (see rules.md). */
  fixable: boolean;
  tags: readonly string[];
  /** True when the rule needs more than the document itself (cited files, git, processes, other documents). */
  usesWorkspace?: boolean;
  /**
   * Which pass runs the rule (default `document`). `document`: `check` sees the document, its tree and model, and
   * the workspace's file index. `workspace`: `checkWorkspace` sees the document's summary and the other
   * documents' summaries only (never a tree), and runs once every document is summarised; such a rule may also
   * have a `check` for the part of its job that needs only the document (cert-reference-missing: by file name).
   */
  scope?: 'document' | 'workspace';
}

export interface Report {
  message: string;
  span: Span;
  fixes?: Fix[];
  related?: RelatedInfo[];
  data?: Record<string, unknown>;
  /** Overrides the rule's severity for this finding (e.g. a warning variant of an error rule). */
  severity?: Severity;
}

export interface RuleContext {
  doc: ParsedDocument;
  config: Config;
  /** This rule's options from the config (`{ severity, options }`), or an empty object. */
  options: Record<string, unknown>;
  host: Host;
  workspace: WorkspaceIndex;
  now: Date;
  report(report: Report): void;
}

export interface CertificateRuleContext extends RuleContext {
  model: CertificateModel;
}

export interface ChecklistRuleContext extends RuleContext {
  model: ChecklistModel;
}

/** A finding of the workspace pass: placed at a place the summary holds (its span and positions). */
export interface WorkspaceReport extends Omit<Report, 'span' | 'fixes'> {
  at: SummaryPlace;
}

export interface WorkspaceRuleContext {
  /** The summary of the document the findings are about. */
  summary: DocumentSummary;
  /** Every summarised document (pathsWithId, get, idsOutsideIndex ...). Reading files or trees here is wrong. */
  workspace: WorkspaceIndex;
  config: Config;
  options: Record<string, unknown>;
  host: Host;
  now: Date;
  report(report: WorkspaceReport): void;
}

export interface Rule {
  meta: RuleMeta;
  /** The document pass (every rule of scope `document`; optional for a `workspace` rule). */
  check?(ctx: RuleContext): void | Promise<void>;
  /** The workspace pass (rules of scope `workspace`). */
  checkWorkspace?(ctx: WorkspaceRuleContext): void | Promise<void>;
}

/** Helpers that give rules a typed model without casts at every use. */
export function certificateRule(meta: RuleMeta, check: (ctx: CertificateRuleContext) => void | Promise<void>): Rule {
  return {
    meta,
    check: (ctx) => (ctx.doc.certificate ? check({ ...ctx, model: ctx.doc.certificate }) : undefined),
  };
}

export function checklistRule(meta: RuleMeta, check: (ctx: ChecklistRuleContext) => void | Promise<void>): Rule {
  return {
    meta,
    check: (ctx) => (ctx.doc.checklist ? check({ ...ctx, model: ctx.doc.checklist }) : undefined),
  };
}
