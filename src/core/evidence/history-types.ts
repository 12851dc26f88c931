/**
 * A file's history as plain data: commits, their hunks, and the change under review (`--changed-since`). Types
 * only, importing nothing, so the Host (which carries a ChangeSet) and the drift and change code that read them
 * depend on this file rather than on each other.
 */
export interface Commit {
  sha: string;
  /** Committer time, seconds since the epoch. */
  time: number;
  author: string;
  subject: string;
}

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

/** One change applied to a file: a commit, or the uncommitted working tree (commit undefined). */
export interface Step {
  commit?: Commit;
  hunks: Hunk[];
}

export interface FileChange {
  /** `deleted`: the change removes the file; `added`: it creates it (every line is new). */
  status: 'added' | 'modified' | 'deleted';
  /** Oldest first: the commits, then the uncommitted changes (a step without commit). */
  steps: Step[];
}

export interface ChangeSet {
  /** What the change is compared against, as the user wrote it (`origin/main`, `HEAD` for staged changes). */
  base: string;
  /** Workspace-relative path -> its change. */
  files: Record<string, FileChange>;
}
