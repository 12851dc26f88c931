/**
 * The explicit rule registry: every rule is imported and listed here (no directory scanning, so the bundle is
 * exactly what is listed). Keep each group in rules.md order; a meta test checks ids, docs pages and fixtures.
 */
import type { Rule } from './types';

// Certificate structure
import certTitle from './cert-title';
import certHeaderField from './cert-header-field';
import certDateFormat from './cert-date-format';
import certDateFuture from './cert-date-future';
import certIdDate from './cert-id-date';
import certFilenameDate from './cert-filename-date';
import certSectionMissing from './cert-section-missing';
import certSectionOrder from './cert-section-order';
import certSectionEmpty from './cert-section-empty';
import certStatusMissing from './cert-status-missing';
import certStatusValue from './cert-status-value';
import certConditionsMissing from './cert-conditions-missing';
import certApprovedWithConditions from './cert-approved-with-conditions';
import certVerdictConflict from './cert-verdict-conflict';
import certRationaleMissing from './cert-rationale-missing';
import certSignature from './cert-signature';
import certScoreMismatch from './cert-score-mismatch';
import certAgentPath from './cert-agent-path';
// Checklist
import checklistTitle from './checklist-title';
import checklistPhaseNumbering from './checklist-phase-numbering';
import checklistGonogoMissing from './checklist-gonogo-missing';
import checklistSnippetLang from './checklist-snippet-lang';
import checklistSnippetSyntax from './checklist-snippet-syntax';
import checklistSnippetOption from './checklist-snippet-option';
import checklistCheckFailed from './checklist-check-failed';
// Encoding
import encodingMojibake from './encoding-mojibake';
import encodingInvalid from './encoding-invalid';
// Evidence and workspace rules
import certIdUnique from './cert-id-unique';
import certReferenceMissing from './cert-reference-missing';
import evidenceFileMissing from './evidence-file-missing';
import evidenceLineRange from './evidence-line-range';
import evidenceAmbiguous from './evidence-ambiguous';
import evidenceOutsideWorkspace from './evidence-outside-workspace';
import evidenceForeignPath from './evidence-foreign-path';
import evidenceLineCount from './evidence-line-count';
import evidencePytestNode from './evidence-pytest-node';
import evidenceQuoteMismatch from './evidence-quote-mismatch';
import evidenceDrift from './evidence-drift';
import evidenceChanged from './evidence-changed';
import checklistDocMissing from './checklist-doc-missing';
// Seal (signoff seal)
import certHashMismatch from './cert-hash-mismatch';
import evidenceStale from './evidence-stale';
import certSealSignature from './cert-seal-signature';
import certUnsealed from './cert-unsealed';
// The review ledger (signoff status)
import certSupersedesUnknown from './cert-supersedes-unknown';
import certSuperseded from './cert-superseded';
import certCurrentConflict from './cert-current-conflict';
import checklistReviewGate from './checklist-review-gate';

export const RULES: readonly Rule[] = [
  // Certificate structure
  certTitle,
  certHeaderField,
  certDateFormat,
  certDateFuture,
  certIdDate,
  certFilenameDate,
  certSectionMissing,
  certSectionOrder,
  certSectionEmpty,
  certStatusMissing,
  certStatusValue,
  certConditionsMissing,
  certApprovedWithConditions,
  certVerdictConflict,
  certRationaleMissing,
  certSignature,
  certScoreMismatch,
  certAgentPath,
  // Checklist
  checklistTitle,
  checklistPhaseNumbering,
  checklistGonogoMissing,
  checklistSnippetLang,
  checklistSnippetSyntax,
  checklistSnippetOption,
  checklistCheckFailed,
  // Encoding
  encodingMojibake,
  encodingInvalid,
  // Evidence and workspace rules
  certIdUnique,
  certReferenceMissing,
  evidenceFileMissing,
  evidenceLineRange,
  evidenceAmbiguous,
  evidenceOutsideWorkspace,
  evidenceForeignPath,
  evidenceLineCount,
  evidencePytestNode,
  evidenceQuoteMismatch,
  evidenceDrift,
  evidenceChanged,
  checklistDocMissing,
  // Seal (signoff seal)
  certHashMismatch,
  evidenceStale,
  certSealSignature,
  certUnsealed,
  // The review ledger (signoff status)
  certSupersedesUnknown,
  certSuperseded,
  certCurrentConflict,
  checklistReviewGate,
];

/** The rules `signoff verify` runs: whether a sealed certificate still holds. */
export const SEAL_RULE_IDS = ['cert-hash-mismatch', 'evidence-stale', 'cert-seal-signature', 'cert-unsealed'] as const;

export type { Rule, RuleMeta, RuleContext } from './types';
