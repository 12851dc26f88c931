/**
 * How a cited path was resolved, said the same way everywhere: as plain data on findings (`--format json` prints it as
 * `resolution`) and as words in hovers. The rules themselves are resolve.ts's.
 */
import type { Location, ResolutionRule } from './resolve';

export interface Resolution {
  /** The path as written. */
  cited: string;
  status: 'found' | 'ambiguous';
  /** For a found file: the rule that found it. */
  rule?: ResolutionRule;
  /** For the `heading` rule: the heading words naming the folder. */
  headingWords?: string[];
  /** The folder whose subtree was searched by suffix ('' = the workspace root). */
  scope?: string;
  path?: string;
  candidates?: string[];
}

/** The resolution of a found or ambiguous reference; undefined for the others (their findings say why). */
export function resolutionOf(cited: string, location: Location): Resolution | undefined {
  if (location.status === 'found') {
    return { cited, status: 'found', rule: location.rule, ...(location.scope !== undefined ? { scope: location.scope } : {}), ...(location.headingWords ? { headingWords: location.headingWords } : {}), path: location.path };
  }
  if (location.status === 'ambiguous') return { cited, status: 'ambiguous', scope: location.scope, candidates: location.candidates };
  return undefined;
}

/** `{ resolution }` to spread into a finding's data, or nothing. */
export function resolutionData(cited: string, location: Location): { resolution?: Resolution } {
  const r = resolutionOf(cited, location);
  return r ? { resolution: r } : {};
}

/** The folder as a reader sees it: `agents/x/`, or "the workspace root". */
export function folderName(scope: string): string {
  return scope ? `${scope}/` : 'the workspace root';
}

/** Which rule found a file, in words (hover): "relative to the document's folder", ... */
export function describeRule(location: Extract<Location, { status: 'found' }>, cited: string): string {
  if (location.rule === 'document') return "relative to the document's folder";
  if (location.rule === 'root') return 'under the workspace root';
  if (location.rule === 'heading') return `the only file ending in \`${cited}\` under ${folderName(location.scope ?? '')} in a folder its heading names (${(location.headingWords ?? []).join(', ')})`;
  return `the only file ending in \`${cited}\` under ${folderName(location.scope ?? '')}, the nearest folder of the document holding one`;
}
