/** The public face of the core, for the CLI and the language server. */
export { Engine, docsUrl, mergeFindings, ENGINE_RULE_IDS, DOCS_BASE_URL } from './engine';
export { summarize, type DocumentSummary, type SummaryPlace } from './summary';
export { decodeText, parseDocument, type ParsedDocument, type DecodedText } from './document';
export { mayBeDocument, mayHoldCertificateId } from './parse/prescan';
export type { Host, FileStat, ProcessResult, LogLevel } from './host';
export { parseConfig, CONFIG_FILE, type LoadedConfig } from './config/load';
export { ConfigSchema, DEFAULT_CONFIG, type Config } from './config/schema';
export { RULES } from './rules/index';
export type { Rule, RuleMeta, WorkspaceRuleContext, WorkspaceReport } from './rules/types';
export { applyEdits, safeFixEdits } from './fixes/apply';
export { LineIndex, dominantEol, type Position } from './text/line-index';
export { matchesAny, isGlob, globToRegExp } from './glob';
export { WorkspaceIndex } from './workspace';
export type { Finding, Fix, TextEdit, Severity, Span, DocumentKind, RelatedInfo } from './types';
export type { CertificateModel } from './model/certificate';
export type { ChecklistModel, Phase, Task, Snippet } from './model/checklist';
/**
 * Evidence (references to code in certificates). For editors:
 * - `evidenceOf(doc).refs`: every reference with its spans (document links: `pathSpan`/`span`; hovers: `ranges`).
 * - `engine.workspace.evidence(host, config).resolve(doc)`: each reference with its location (found file,
 *   missing, ambiguous with candidates, outside) and file facts (line count, too large, binary); memoised.
 * - File events: `engine.workspace.addFile(path)`, `removeFile(path)`, `fileChanged(path)`; then re-validate
 *   `engine.workspace.documentsCiting(path)` (documents citing a file of that name).
 * - `citedFiles(doc)`: the paths a document cites as written (for watching or showing them).
 */
export { evidenceOf, citedFiles } from './evidence/index';
export type { DocumentEvidence, EvidenceRef, EvidenceForm, LineRange, Binding, Quote, UnboundLines, IdCitation } from './evidence/types';
export type { EvidenceService, ResolvedRef } from './evidence/service';
export type { Location, FileFacts, ForeignInfo } from './evidence/resolve';
export { FileIndex } from './evidence/file-index';
export { type ChangeSet, type FileChange } from './evidence/changes';
