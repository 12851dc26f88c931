/**
 * The engine: parses documents and runs the registered rules on them. Ids, docs URLs, severities, suppression,
 * per-rule limits and rule failures are all handled here, in one place, so rules only describe problems.
 */
import type { Config } from './config/schema';
import { DEFAULT_CONFIG } from './config/schema';
import { parseDocument, type DecodedText, type ParsedDocument } from './document';
import type { Host } from './host';
import { matchesAny } from './glob';
import { PieceCache } from './parse/markdown';
import { MAX_NESTING } from './parse/limits';
import { DEFAULT_VOCABULARY, type StatusVocabulary } from './parse/status';
import { RULES } from './rules/index';
import type { Report, Rule, RuleContext, WorkspaceReport } from './rules/types';
import { summarize, type DocumentSummary } from './summary';
import { Suppressions } from './suppress';
import type { DocumentKind, Finding, Severity } from './types';
import { WorkspaceIndex } from './workspace';
import { isRepositoryNote } from './evidence/repository-note';
import { evidenceFacts } from './ledger/facts';

export const DOCS_BASE_URL = 'https://github.com/signoff-dev/signoff/blob/main/docs/rules/';

/** Ids the engine itself reports (not rules of their own): a rule that threw, and a document over a limit. */
export const ENGINE_RULE_IDS = ['internal-error', 'resource-limit', 'config-invalid'] as const;

export interface EngineOptions {
  host: Host;
  config?: Config;
  rules?: readonly Rule[];
  /** Keep parsed pieces between versions of a document (the language server); the CLI parses each file once. */
  reuseParses?: boolean;
}

export class Engine {
  readonly workspace = new WorkspaceIndex();
  readonly rules: readonly Rule[];
  private readonly cache?: PieceCache;
  private vocabulary: StatusVocabulary = DEFAULT_VOCABULARY;

  constructor(readonly host: Host, public config: Config = DEFAULT_CONFIG, rules: readonly Rule[] = RULES, reuseParses = false) {
    this.rules = rules;
    this.cache = reuseParses ? new PieceCache() : undefined;
    this.setConfig(config);
    this.workspace.readId = (path, text) => this.parse(path, text).certificate?.certificateId?.value;
  }

  setConfig(config: Config): void {
    this.config = config;
    this.vocabulary = {
      values: config.statuses.values,
      synonyms: { ...DEFAULT_VOCABULARY.synonyms, ...config.statuses.synonyms },
    };
  }

  /** Whether a workspace-relative path is one the configuration lets us check at all. */
  isIncluded(path: string): boolean {
    return matchesAny(path, this.config.include) && !matchesAny(path, this.config.exclude);
  }

  /** The kind the configuration gives a file whatever its content (`none`: documents.exclude), which always wins. */
  forcedKind(path: string): DocumentKind | 'none' | undefined {
    const d = this.config.documents;
    if (matchesAny(path, d.exclude)) return 'none';
    if (matchesAny(path, d.certificates) || matchesAny(path, this.config.certificates)) return 'certificate';
    if (matchesAny(path, d.checklists) || matchesAny(path, this.config.checklists)) return 'checklist';
    return undefined;
  }

  parse(path: string, text: string, decoded?: Omit<DecodedText, 'text'>): ParsedDocument {
    return parseDocument(path, text, {
      vocabulary: this.vocabulary,
      forcedKind: this.forcedKind(path),
      maxDocumentBytes: this.config.limits.maxDocumentBytes,
      cache: this.cache,
      decoded,
    });
  }

  severityOf(rule: Rule): Severity | 'off' {
    const setting = this.config.rules[rule.meta.id];
    if (setting === undefined) return rule.meta.defaultSeverity;
    if (typeof setting === 'string') return setting;
    return setting.severity ?? rule.meta.defaultSeverity;
  }

  /**
   * Both passes for one document against the current index, its own summary indexed first: what the CLI reports
   * for it once every other document is indexed. Never throws: a failing rule becomes one internal-error finding.
   */
  async check(doc: ParsedDocument): Promise<Finding[]> {
    const { findings, summary } = await this.checkDocument(doc);
    if (!summary) return findings;
    this.workspace.restore(summary);
    return mergeFindings(findings, await this.checkWorkspace(summary));
  }

  /**
   * The document pass: every applicable rule's `check` on the document (its tree, model and the workspace's file
   * index, never other documents), and the document's summary for the workspace pass. The caller indexes the
   * summary (workspace.restore) before the workspace pass of any document.
   */
  async checkDocument(doc: ParsedDocument): Promise<{ findings: Finding[]; summary?: DocumentSummary }> {
    if (!doc.kind) return { findings: [] };
    const early = this.notParsedFindings(doc);
    if (early) return { findings: early, summary: summarize(doc) };
    const suppressions = new Suppressions(doc.tree, doc.lines.lineCount);
    const now = this.host.now();
    const findings: Finding[] = [];
    for (const rule of this.applicableRules(doc.kind)) {
      if (rule.check) findings.push(...(await this.runRule(doc, rule, suppressions, now)));
    }
    const summary = summarize(doc, suppressions);
    // Freshness is what this pass found on the evidence, so the ledger says what `check` says.
    if (summary?.ledger?.kind === 'certificate') summary.ledger.evidence = evidenceFacts(doc, findings, isChanged(this.host, doc.path));
    const once = summary ? findings.filter(isRepositoryNote) : [];
    if (!once.length) return { findings: sortFindings(findings), summary };
    // Said once per workspace, by the workspace pass (checkWorkspace), not by every document.
    summary!.sayOnce = JSON.parse(JSON.stringify(once)) as Finding[];
    return { findings: sortFindings(findings.filter((f) => !isRepositoryNote(f))), summary };
  }

  /**
   * The workspace pass for one document: every applicable rule's `checkWorkspace` on its summary and the index of
   * every summary. Cheap (no parse, no file reads but the index's own), so callers run it again for every
   * document workspace.affectedBy names.
   */
  async checkWorkspace(summary: DocumentSummary): Promise<Finding[]> {
    const now = this.host.now();
    const suppressions = new Suppressions(summary.suppressed ?? []);
    const findings: Finding[] = [];
    for (const f of summary.sayOnce ?? []) if (this.workspace.firstSaying(f) === summary.path) findings.push(f);
    for (const rule of this.applicableRules(summary.kind)) {
      if (!rule.checkWorkspace) continue;
      const reports: WorkspaceReport[] = [];
      try {
        await rule.checkWorkspace({ summary, workspace: this.workspace, config: this.config, options: this.optionsOf(rule), host: this.host, now, report: (r) => { reports.push(r); } });
      } catch (e) {
        findings.push(this.ruleFailed(summary.path, rule, e, (id, severity, message) => ({ ruleId: id, severity, message, span: { start: 0, end: 0 }, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } })));
        continue;
      }
      findings.push(...this.keep(rule, reports, suppressions, (id, severity, message, r) => {
        const at = r?.at;
        return at
          ? { ruleId: id, severity, message, span: { ...at.span }, start: { ...at.start }, end: { ...at.end } }
          : { ruleId: id, severity, message, span: { start: 0, end: 0 }, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
      }));
    }
    return sortFindings(findings);
  }

  /** Rules that apply to a kind and are not off; `workspace` marks those with a workspace part. */
  private applicableRules(kind: DocumentKind): Rule[] {
    return this.rules.filter((rule) => rule.meta.kinds.includes(kind) && this.severityOf(rule) !== 'off');
  }

  private optionsOf(rule: Rule): Record<string, unknown> {
    const setting = this.config.rules[rule.meta.id];
    return (typeof setting === 'object' && setting.options) || {};
  }

  /** The single finding of a document that was not parsed (binary, too large, too deeply nested). */
  private notParsedFindings(doc: ParsedDocument): Finding[] | undefined {
    if (doc.notParsed === 'too-large') {
      return [this.finding(doc, 'resource-limit', 'error', `Document is ${doc.text.length} characters, over the limit of ${this.config.limits.maxDocumentBytes} (limits.maxDocumentBytes); it was not checked.`, 0, 0)];
    }
    if (doc.notParsed === 'too-deep') {
      return [this.finding(doc, 'resource-limit', 'error', `Document nests block quotes or lists more than ${MAX_NESTING} levels deep (found ${doc.nesting ?? MAX_NESTING + 1}); it was not parsed nor checked.`, 0, 0)];
    }
    if (doc.notParsed === 'too-complex' && doc.work) {
      const w = doc.work;
      const what = w.mostly === 'lines' ? 'mostly lines' : `mostly \`${w.mostly}\``;
      const where = w.scope === 'piece'
        ? `a stretch with no heading holds more than ${w.limit.toLocaleString('en-US')} lines and inline markers (${what}), the parse's work budget per stretch`
        : `one paragraph, list item or table row holds more than ${w.limit.toLocaleString('en-US')} inline markers (${what}), the parse's budget per block`;
      return [this.finding(doc, 'resource-limit', 'error', `Document is too complex to parse in bounded time and memory: from line ${w.line}, ${where}; it was not parsed nor checked.`, 0, 0)];
    }
    if (doc.notParsed === 'binary') {
      return [this.finding(doc, 'encoding-invalid', 'error', 'The file contains NUL bytes: it is binary, not a Markdown text document; it was not checked.', 0, 0)];
    }
    return undefined;
  }

  /** One rule's document pass on one document: its findings (suppressed, capped), or one internal-error finding. */
  private async runRule(doc: ParsedDocument, rule: Rule, suppressions: Suppressions, now: Date): Promise<Finding[]> {
    const reports: Report[] = [];
    const ctx: RuleContext = {
      doc,
      config: this.config,
      options: this.optionsOf(rule),
      host: this.host,
      workspace: this.workspace,
      now,
      report: (r) => { reports.push(r); },
    };
    try {
      await rule.check?.(ctx);
    } catch (e) {
      return [this.ruleFailed(doc.path, rule, e, (id, severity, message) => this.finding(doc, id, severity, message, 0, 0))];
    }
    return this.keep(rule, reports, suppressions, (id, severity, message, r) => {
      const f = this.finding(doc, id, severity, message, r?.span.start ?? 0, r?.span.end ?? 0);
      if (r?.fixes?.length) f.fixes = r.fixes;
      return f;
    });
  }

  private ruleFailed(path: string, rule: Rule, e: unknown, make: (id: string, severity: Severity, message: string) => Finding): Finding {
    const err = e as Error;
    this.host.log('error', `rule ${rule.meta.id} failed on ${path}: ${err?.stack ?? err}`);
    return make('internal-error', 'error', `Rule ${rule.meta.id} failed on this document: ${err?.message ?? String(e)}. Other rules still ran.`);
  }

  /**
   * A rule's reports as findings, in one place for both passes: the configured severity (an explicit setting
   * overrides a report's own), suppression comments, and the per-rule cap (limits.maxFindingsPerRule).
   */
  private keep<R extends Omit<Report, 'span' | 'fixes'>>(rule: Rule, reports: R[], suppressions: Suppressions, make: (id: string, severity: Severity, message: string, report?: R) => Finding): Finding[] {
    const configured = this.severityOf(rule);
    if (configured === 'off') return [];
    const explicit = this.config.rules[rule.meta.id] !== undefined;
    const findings: Finding[] = [];
    let kept = 0;
    for (const r of reports) {
      const f = make(rule.meta.id, explicit ? configured : r.severity ?? configured, r.message, r);
      if (suppressions.isSuppressed(rule.meta.id, f.start.line)) continue;
      if (kept >= this.config.limits.maxFindingsPerRule) {
        findings.push(make('resource-limit', 'warning', `${reports.length - kept} more ${rule.meta.id} findings in this document were not listed (limits.maxFindingsPerRule = ${this.config.limits.maxFindingsPerRule}).`));
        break;
      }
      if (r.related?.length) f.related = r.related;
      if (r.data) f.data = r.data;
      findings.push(f);
      kept++;
    }
    return findings;
  }

  private finding(doc: ParsedDocument, ruleId: string, severity: Severity, message: string, start: number, end: number): Finding {
    const s = Math.max(0, Math.min(start, doc.text.length));
    const e = Math.max(s, Math.min(end, doc.text.length));
    return { ruleId, severity, message, span: { start: s, end: e }, start: doc.lines.positionAt(s), end: doc.lines.positionAt(e) };
  }
}

/** The change under review (`--changed-since`) adds or edits this document. */
function isChanged(host: Host, path: string): boolean {
  const change = host.changeSet?.files[path];
  return !!change && change.status !== 'deleted';
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

/** One document's findings of both passes, in document order. */
export function mergeFindings(documentPass: readonly Finding[], workspacePass: readonly Finding[]): Finding[] {
  return workspacePass.length ? sortFindings([...documentPass, ...workspacePass]) : [...documentPass];
}
