/**
 * The explicit rule registry: every rule is imported and listed here (no directory scanning, so the bundle is
 * exactly what is listed). Keep each group in rules.md order; a meta test checks ids, docs pages and fixtures.
 */
import type { Rule } from './types';

// Certificate structure
import certTitle from './cert-title';
// Checklist
import checklistTitle from './checklist-title';
import checklistPhaseNumbering from './checklist-phase-numbering';
import checklistGonogoMissing from './checklist-gonogo-missing';
import checklistSnippetLang from './checklist-snippet-lang';
import checklistSnippetSyntax from './checklist-snippet-syntax';
import checklistCheckFailed from './checklist-check-failed';
// Encoding
import encodingMojibake from './encoding-mojibake';
import encodingInvalid from './encoding-invalid';
// Evidence and workspace rules

export const RULES: readonly Rule[] = [
  // Certificate structure
  certTitle,
  // Checklist
  checklistTitle,
  checklistPhaseNumbering,
  checklistGonogoMissing,
  checklistSnippetLang,
  checklistSnippetSyntax,
  checklistCheckFailed,
  // Encoding
  encodingMojibake,
  encodingInvalid,
  // Evidence and workspace rules
];

export type { Rule, RuleMeta, RuleContext } from './types';
