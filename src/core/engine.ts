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
import { DEFAULT_VOCABULARY, type StatusVocabulary } from './parse/status';
import { RULES } from './rules/index';
import type { Report, Rule, RuleContext } from './rules/types';
import { Suppressions } from './suppress';
import type { DocumentKind, Finding, Severity } from './types';
import { WorkspaceIndex } from './workspace';

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

  forcedKind(path: string): DocumentKind | undefined {
    if (matchesAny(path, this.config.certificates)) return 'certificate';
    if (matchesAny(path, this.config.checklists)) return 'checklist';
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

  /** Runs every applicable rule on a document. Never throws: a failing rule becomes one internal-error finding. */
  async check(doc: ParsedDocument): Promise<Finding[]> {
    if (!doc.kind) return [];
    const findings: Finding[] = [];
    if (doc.notParsed === 'too-large') {
      findings.push(this.finding(doc, 'resource-limit', 'error', `Document is ${doc.text.length} characters, over the limit of ${this.config.limits.maxDocumentBytes} (limits.maxDocumentBytes); it was not checked.`, 0, 0));
      return findings;
    }
    if (doc.notParsed === 'binary') {
      findings.push(this.finding(doc, 'encoding-invalid', 'error', 'The file contains NUL bytes: it is binary, not a Markdown text document; it was not checked.', 0, 0));
      return findings;
    }
    const suppressions = new Suppressions(doc.tree, doc.lines.lineCount);
    const now = this.host.now();
    for (const rule of this.rules) {
      if (!rule.meta.kinds.includes(doc.kind)) continue;
      const configured = this.severityOf(rule);
      if (configured === 'off') continue;
      const explicit = this.config.rules[rule.meta.id] !== undefined;
      const reports: Report[] = [];
      const setting = this.config.rules[rule.meta.id];
      const ctx: RuleContext = {
        doc,
        config: this.config,
        options: (typeof setting === 'object' && setting.options) || {},
        host: this.host,
        workspace: this.workspace,
        now,
        report: (r) => { reports.push(r); },
      };
      try {
        await rule.check(ctx);
      } catch (e) {
        const err = e as Error;
        this.host.log('error', `rule ${rule.meta.id} failed on ${doc.path}: ${err?.stack ?? err}`);
        findings.push(this.finding(doc, 'internal-error', 'error', `Rule ${rule.meta.id} failed on this document: ${err?.message ?? String(e)}. Other rules still ran.`, 0, 0));
        continue;
      }
      let kept = 0;
      for (const r of reports) {
        const severity = explicit ? configured : r.severity ?? configured;
        const f = this.finding(doc, rule.meta.id, severity, r.message, r.span.start, r.span.end);
        if (suppressions.isSuppressed(rule.meta.id, f.start.line)) continue;
        if (kept >= this.config.limits.maxFindingsPerRule) {
          findings.push(this.finding(doc, 'resource-limit', 'warning', `${reports.length - kept} more ${rule.meta.id} findings in this document were not listed (limits.maxFindingsPerRule = ${this.config.limits.maxFindingsPerRule}).`, 0, 0));
          break;
        }
        if (r.fixes?.length) f.fixes = r.fixes;
        if (r.related?.length) f.related = r.related;
        if (r.data) f.data = r.data;
        findings.push(f);
        kept++;
      }
    }
    findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
    return findings;
  }

  private finding(doc: ParsedDocument, ruleId: string, severity: Severity, message: string, start: number, end: number): Finding {
    const s = Math.max(0, Math.min(start, doc.text.length));
    const e = Math.max(s, Math.min(end, doc.text.length));
    return { ruleId, severity, message, span: { start: s, end: e }, start: doc.lines.positionAt(s), end: doc.lines.positionAt(e) };
  }
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
