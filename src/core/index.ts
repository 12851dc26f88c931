/** The public face of the core, for the CLI and the language server. */
export { Engine, docsUrl, ENGINE_RULE_IDS, DOCS_BASE_URL } from './engine';
export { decodeText, parseDocument, type ParsedDocument, type DecodedText } from './document';
export type { Host, FileStat, ProcessResult, LogLevel } from './host';
export { parseConfig, CONFIG_FILE, type LoadedConfig } from './config/load';
export { ConfigSchema, DEFAULT_CONFIG, type Config } from './config/schema';
export { RULES } from './rules/index';
export type { Rule, RuleMeta } from './rules/types';
export { applyEdits, safeFixEdits } from './fixes/apply';
export { LineIndex, dominantEol, type Position } from './text/line-index';
export { matchesAny, isGlob, globToRegExp } from './glob';
export { WorkspaceIndex } from './workspace';
export type { Finding, Fix, TextEdit, Severity, Span, DocumentKind, RelatedInfo } from './types';
export type { CertificateModel } from './model/certificate';
export type { ChecklistModel, Phase, Task, Snippet } from './model/checklist';
