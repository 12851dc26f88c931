/**
 * The review ledger on the wire: what `signoff status --format json` prints and what the server answers to
 * `signoff/ledger` (the same object, built by src/core/ledger/status.ts), so the Reviews view shows exactly what
 * the CLI says. Paths are relative to the workspace folder, with `/`.
 */

/** `signoff/ledger` (client -> server request): the ledger of one workspace folder. */
export const LEDGER_REQUEST = 'signoff/ledger';

export interface LedgerParams {
  /** The workspace folder's URI; omitted: the first folder. */
  folderUri?: string;
}

export interface LedgerStatus {
  version: 1;
  components: LedgerComponentStatus[];
  checklists: LedgerChecklistStatus[];
}

/** A reference of the current certificate that no longer holds, and the finding that says why. */
export interface LedgerStaleReference {
  line: number;
  column: number;
  reference: string;
  ruleId: string;
  message: string;
}

export interface LedgerComponentStatus {
  /** The component's name (config `components` canonical name, or the Component field as written). */
  component: string;
  /** The current certificate's canonical verdict, or null when its Status is missing or unknown. */
  verdict: string | null;
  /** The current certificate's path. */
  certificate: string;
  certificateId: string | null;
  /** Its Date as written. */
  date: string | null;
  agent: string | null;
  /** 1-based line to open it at. */
  line: number;
  /** Its evidence all holds; null when it was not checked. */
  fresh: boolean | null;
  evidence: { fresh: number; total: number };
  stale: LedgerStaleReference[];
  sealed: boolean;
  signed: boolean;
  /** Open conditions of a CONDITIONALLY_APPROVED certificate. */
  conditions: string[];
  /** Certificate IDs (paths for certificates without one) of the component's certificates it superseded. */
  supersedes: string[];
  /** With `--changed-since`: the change touches lines the current certificate cites. */
  touched: boolean;
  /** Every certificate of the component, newest first, the current one first of all. */
  history: LedgerHistoryEntry[];
}

export interface LedgerHistoryEntry {
  certificate: string;
  certificateId: string | null;
  date: string | null;
  verdict: string | null;
  line: number;
  /** Path of the certificate that holds instead of this one; null for the current certificate. */
  supersededBy: string | null;
  /** The successor names it in its Supersedes field. */
  explicit: boolean;
}

export interface LedgerChecklistStatus {
  path: string;
  title: string | null;
  phases: LedgerPhaseStatus[];
}

export interface LedgerPhaseStatus {
  phase: number;
  name: string;
  line: number;
  /** The latest recorded run's verdict for this phase (`.signoff/runs/`), or null when it never ran. */
  verdict: 'GO' | 'NO-GO' | 'PENDING' | null;
  at: string | null;
}
