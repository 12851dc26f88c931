/** What the server keeps of a checked document (certificate or checklist) between checks. */
import type { DocumentKind, Finding, LineIndex } from '../core/index';

export interface DocState {
  path: string;
  kind: DocumentKind;
  /** The checked text's lines (related information of other documents points into them). */
  lines: LineIndex;
  /** Version of the open document that was checked; undefined when checked from disk. */
  version?: number;
  /** Validation is on for this document (signoff.enable); off: no findings, but its summary is indexed. */
  enabled: boolean;
  /** Findings of the document pass. */
  documentFindings: Finding[];
  /** Findings of the workspace pass (empty until the folder is complete). */
  workspaceFindings: Finding[];
  /** Both, as published. */
  findings: Finding[];
  /** Files the check read (for "a cited file changed"). */
  reads: Set<string>;
}
