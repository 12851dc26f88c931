/**
 * The engine: parses documents and runs the registered rules on them. Ids, docs URLs, severities, suppression,
 * per-rule limits and rule failures are all handled here, in one place, so rules only describe problems.
 */
import type { Config } from './config/schema';
import { DEFAULT_CONFIG } from './config/schema';
import { parseDocument, type DecodedText, type ParsedDocument } from './document';
import type { Host } from './host';
import { matchesAny } from './glob';
import { PieceCache, parseMarkdown } from './parse/markdown';
import { MAX_NESTING } from './parse/limits';
import { LineIndex } from './text/line-index';
import { DEFAULT_VOCABULARY, type StatusVocabulary } from './parse/status';
import { RULES } from './rules/index';
import type { Report, Rule, RuleContext } from './rules/types';
import { Suppressions } from './suppress';
import type { DocumentKind, Finding, Severity } from './types';
import { WorkspaceIndex } from './workspace';

export const DOCS_BASE_URL = 'https://github.com/signoff-dev/signoff/blob/main/docs/rules/';

/** Ids the engine itself reports (not rules of their own): a rule that threw, and a document over a limit. */
export const ENGINE_RULE_IDS = ['internal-error', 'resource-limit', 'config-invalid'] as const;

/**
 * What is left of a document's check after the first stage of Engine.checkStaged: the rules that asked the
 * workspace index about other documents, to run once every document is indexed. The document keeps its text,
 * line index and model but not its tree (trees are about 20 bytes per character; a workspace of them would not fit
 * in memory); a rule that reads `doc.tree` here gets it re-parsed on first access.
 */
export interface PendingCheck {
  doc: ParsedDocument;
  rules: Rule[];
  suppressions: Suppressions;
  /** Findings of the first stage, merged with the rest by checkPending. */
  findings: Finding[];
}

/** Thrown by the guarded workspace when a first-stage rule asks about other documents. */
class NeedsIndex extends Error {}

/**
 * Workspace members that do not depend on other documents, so first-stage rules may use them: the file list, its
 * index and the evidence service built on it. Any other member makes a rule wait for the full index (correct
 * either way; listing a member here only saves keeping the document until stage 2).
 */
export const DOCUMENT_FREE_WORKSPACE_MEMBERS = new Set<string | symbol>(['files', 'fileIndex', 'evidence']);

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
  /** Rules seen asking the index about other documents (checkStaged defers them without trying again). */
  private readonly indexRules = new Set<string>();

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
    const early = this.notParsedFindings(doc);
    if (early) return early;
    const suppressions = new Suppressions(doc.tree, doc.lines.lineCount);
    const now = this.host.now();
    const findings: Finding[] = [];
    for (const rule of this.applicableRules(doc)) {
      const out = await this.runRule(doc, rule, suppressions, this.workspace, now);
      if (out !== 'needs-index') findings.push(...out);
    }
    return sortFindings(findings);
  }

  /**
   * First stage of checking many documents (the CLI), while the workspace index is still being filled: runs
   * every rule that does not ask the index about other documents, and defers those that do (detected, not
   * declared: the workspace they see throws on any such question, and their reports are dropped). Results after
   * checkPending are identical to check() with the full index, since every rule that saw the index saw it full.
   */
  async checkStaged(doc: ParsedDocument): Promise<{ findings: Finding[]; pending?: PendingCheck }> {
    if (!doc.kind) return { findings: [] };
    const early = this.notParsedFindings(doc);
    if (early) return { findings: early };
    const suppressions = new Suppressions(doc.tree, doc.lines.lineCount);
    const now = this.host.now();
    const findings: Finding[] = [];
    const deferred: Rule[] = [];
    let asks = 0; // counted too, in case a rule catches the error itself
    const guarded = new Proxy(this.workspace, {
      get(target, prop, receiver) {
        if (typeof prop === 'symbol' || DOCUMENT_FREE_WORKSPACE_MEMBERS.has(prop)) {
          const value: unknown = Reflect.get(target, prop, receiver);
          // Methods run on the index itself, so their own use of its private state is not mistaken for a rule's.
          return typeof value === 'function' ? value.bind(target) : value;
        }
        asks++;
        throw new NeedsIndex(`workspace.${String(prop)} needs every document indexed`);
      },
    });
    for (const rule of this.applicableRules(doc)) {
      if (this.indexRules.has(rule.meta.id)) { deferred.push(rule); continue; }
      const before = asks;
      const out = await this.runRule(doc, rule, suppressions, guarded, now);
      if (out === 'needs-index' || asks !== before) {
        this.indexRules.add(rule.meta.id);
        deferred.push(rule);
      } else findings.push(...out);
    }
    if (!deferred.length) return { findings: sortFindings(findings) };
    return { findings: [], pending: { doc: withoutTree(doc), rules: deferred, suppressions, findings } };
  }

  /** Second stage: runs the deferred rules with the full index and returns all of the document's findings. */
  async checkPending(pending: PendingCheck): Promise<Finding[]> {
    const findings = [...pending.findings];
    const now = this.host.now();
    for (const rule of pending.rules) {
      const out = await this.runRule(pending.doc, rule, pending.suppressions, this.workspace, now);
      if (out !== 'needs-index') findings.push(...out);
    }
    return sortFindings(findings);
  }

  private applicableRules(doc: ParsedDocument): Rule[] {
    return this.rules.filter((rule) => doc.kind && rule.meta.kinds.includes(doc.kind) && this.severityOf(rule) !== 'off');
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

  /** One rule on one document: its findings (suppressed, capped), one internal-error finding, or 'needs-index'. */
  private async runRule(doc: ParsedDocument, rule: Rule, suppressions: Suppressions, workspace: WorkspaceIndex, now: Date): Promise<Finding[] | 'needs-index'> {
    const configured = this.severityOf(rule);
    if (configured === 'off') return [];
    const findings: Finding[] = [];
    const explicit = this.config.rules[rule.meta.id] !== undefined;
    const reports: Report[] = [];
    const setting = this.config.rules[rule.meta.id];
    let askedIndex = false;
    const ctx: RuleContext = {
      doc,
      config: this.config,
      options: (typeof setting === 'object' && setting.options) || {},
      host: this.host,
      workspace,
      now,
      report: (r) => { reports.push(r); },
    };
    try {
      await rule.check(ctx);
    } catch (e) {
      if (e instanceof NeedsIndex) askedIndex = true;
      else {
        const err = e as Error;
        this.host.log('error', `rule ${rule.meta.id} failed on ${doc.path}: ${err?.stack ?? err}`);
        return [this.finding(doc, 'internal-error', 'error', `Rule ${rule.meta.id} failed on this document: ${err?.message ?? String(e)}. Other rules still ran.`, 0, 0)];
      }
    }
    if (askedIndex) return 'needs-index';
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

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

/** The document without its tree, which is re-parsed (once) only if a deferred rule reads it. */
function withoutTree(doc: ParsedDocument): ParsedDocument {
  return withLazyTree({ ...documentData(doc), lines: doc.lines }, doc.text);
}

function withLazyTree(rest: Record<string, unknown>, text: string): ParsedDocument {
  let tree: ParsedDocument['tree'] | undefined;
  // The getter captures the text only: capturing the document would keep its whole tree alive.
  return Object.defineProperty(rest, 'tree', {
    get: () => (tree ??= parseMarkdown(text)),
    enumerable: true,
    configurable: true,
  }) as unknown as ParsedDocument;
}

/**
 * A pending document as plain data (text, kind, models, evidence, decoding facts: no tree, no line index), for a
 * caller that stores many pending checks compactly (the CLI serialises them: src/cli/parallel-stages.ts).
 * documentFromData turns it back into a document equal to the pending one (line index rebuilt from the text, tree
 * re-parsed on first read).
 */
export type DocumentData = Omit<ParsedDocument, 'tree' | 'lines'>;

export function documentData(doc: ParsedDocument): DocumentData {
  // Own properties, not a destructuring: reading `tree` would run the getter of a document that already lost it.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(doc)) if (k !== 'tree' && k !== 'lines') out[k] = (doc as unknown as Record<string, unknown>)[k];
  return out as unknown as DocumentData;
}

export function documentFromData(data: DocumentData): ParsedDocument {
  const rest: Record<string, unknown> = { ...data, lines: new LineIndex(data.text) };
  return withLazyTree(rest, data.text);
}
