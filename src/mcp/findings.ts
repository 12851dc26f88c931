/**
 * Findings as `signoff check --format json` prints them (the same formatter, so the shapes cannot drift apart),
 * each with what an agent needs next: the rule's one-line description and whether a fix exists.
 */
import type { DocumentKind, Finding } from '../core/index';
import type { CheckResult } from '../cli/check';
import { formatJson } from '../cli/formatters/json';
import { ruleDescription } from './rule-pages';

export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface AnnotatedFinding extends JsonFinding {
  description: string;
  /** The finding carries a fix (offered in the editor as a quick fix). */
  fixable: boolean;
  /** A safe fix: what `signoff check --fix` (and the `fix` tool) applies. */
  safeFix: boolean;
}

export interface JsonReport {
  version: number;
  files: { path: string; kind: DocumentKind; findings: AnnotatedFinding[] }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

/** The JSON report of a check result, findings annotated in the same order as `result.files[i].findings`. */
export function jsonReport(result: CheckResult): JsonReport {
  const report = JSON.parse(formatJson(result)) as JsonReport;
  report.files.forEach((file, i) => {
    file.findings = file.findings.map((f, j) => annotate(f, result.files[i].findings[j]));
  });
  return report;
}

/** Some findings of one document in the same JSON form (resolve_evidence: those on one reference). */
export function jsonFindings(path: string, kind: DocumentKind, findings: Finding[]): AnnotatedFinding[] {
  return jsonReport({ root: '', files: [{ path, kind, findings }], configFindings: { path: '', findings: [] }, fixedFiles: [] }).files[0].findings;
}

function annotate(json: AnnotatedFinding, finding: Finding): AnnotatedFinding {
  return {
    ...json,
    description: ruleDescription(json.ruleId),
    fixable: !!finding.fixes?.length,
    safeFix: !!finding.fixes?.some((x) => x.safe && !x.path),
  };
}
