/**
 * Evidence drift through git (evidence.md "Drift"). One `git log` per cited file (its whole first-parent history
 * with zero-context patches, cached for the process), one batched `git diff HEAD` for the working tree of the files
 * a document cites, and a one-time look at the repository. A cited range is written in the coordinates of the file
 * at the certificate's Date; the patches of the commits after that Date are replayed over it in order, which tells
 * both whether the cited lines were touched and, when they were not, where they are now (re-anchoring).
 * Without git, outside a repository, in a shallow clone or without history at the Date, drift is "unknown".
 */
import type { Host } from '../host';
import type { Commit, Hunk, Step } from './history-types';

export type { Commit, Hunk, Step } from './history-types';

export type FileDrift =
  | { status: 'ok'; steps: Step[] }
  /** `repo`: the reason is the repository's (no git, not a repository, a shallow clone), the same for every file. */
  | { status: 'unknown'; reason: string; repo?: boolean };

/** Said once per run when a shallow clone hides the history drift needs. */
export const SHALLOW_REASON = 'the repository is a shallow clone without history at the Date; drift needs that history (in CI, check out with fetch-depth: 0)';

export type RepoState = { ok: true; shallow: boolean } | { ok: false; reason: string };

interface History {
  /** Oldest first. */
  commits: { commit: Commit; hunks: Hunk[]; creates: boolean }[];
  truncated: boolean;
}

/** Why a file's history could not be read, in the user's words (git's own text is never shown). */
type Unreadable = { unreadable: string };

const LOG_FORMAT = '--format=%x00%H%x09%ct%x09%an%x09%s';
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const MAX_OUTPUT = 32 * 1024 * 1024;
const TIMEOUT = 60_000;

export class DriftChecker {
  private repo?: Promise<RepoState>;
  private readonly histories = new Map<string, Promise<History | Unreadable>>();
  private readonly worktree = new Map<string, { key: string; hunks: Hunk[] }>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  /** git processes started (for tests and the benchmark: the batching is a promise worth checking). */
  processes = 0;

  constructor(private readonly host: Host) {}

  /** Forget everything (HEAD moved, a commit was made). */
  invalidate(): void {
    this.repo = undefined;
    this.histories.clear();
    this.worktree.clear();
  }

  repoState(): Promise<RepoState> {
    this.repo ??= (async (): Promise<RepoState> => {
      if (!this.host.exec) return { ok: false, reason: 'this host cannot run git' };
      const r = await this.git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']);
      if (r.code === null) return { ok: false, reason: 'git is not available' };
      if (r.code !== 0) return { ok: false, reason: 'the workspace is not a git repository' };
      const out = r.stdout.split('\n');
      if (out[0]?.trim() !== 'true') return { ok: false, reason: 'the workspace is not a git work tree' };
      return { ok: true, shallow: out[1]?.trim() === 'true' };
    })();
    return this.repo;
  }

  /**
   * The changes after `date` to each file, keyed by path. `keys` identify the working-tree state of each file
   * (mtime + size), so the batched `git diff HEAD` runs again only for files that changed on disk.
   */
  async analyze(files: { path: string; key: string }[], date: Date): Promise<Map<string, FileDrift>> {
    const out = new Map<string, FileDrift>();
    const repo = await this.repoState();
    if (!repo.ok) {
      for (const f of files) out.set(f.path, { status: 'unknown', reason: repo.reason, repo: true });
      return out;
    }
    const stale = files.filter((f) => this.worktree.get(f.path)?.key !== f.key);
    if (stale.length) await this.loadWorktree(stale);
    const since = Math.floor(date.getTime() / 1000);
    await Promise.all(
      files.map(async (f) => {
        const history = await this.history(f.path);
        out.set(f.path, this.toDrift(history, since, repo.shallow, this.worktree.get(f.path)?.hunks ?? []));
      }),
    );
    return out;
  }

  private toDrift(history: History | Unreadable, since: number, shallow: boolean, worktree: Hunk[]): FileDrift {
    if ('unreadable' in history) return { status: 'unknown', reason: history.unreadable };
    if (history.truncated) return { status: 'unknown', reason: 'its history is too large to read' };
    if (!history.commits.length) return { status: 'unknown', reason: 'it is not in git history' };
    const before = history.commits.filter((c) => c.commit.time <= since);
    if (!before.length) {
      if (shallow) return { status: 'unknown', reason: SHALLOW_REASON, repo: true };
      return { status: 'unknown', reason: `it was first committed after the certificate's Date (${history.commits[0].commit.sha.slice(0, 7)})` };
    }
    const steps: Step[] = history.commits.filter((c) => c.commit.time > since).map((c) => ({ commit: c.commit, hunks: c.hunks }));
    if (worktree.length) steps.push({ hunks: worktree });
    return { status: 'ok', steps };
  }

  /**
   * A file's history, following renames. Rename detection reads other files' contents, so one unreadable object
   * anywhere (a partial mirror, a damaged pack, a large file left out) fails `--follow`: then the file's own history
   * is read without rename following, and only when that fails too is this file's drift unknown.
   */
  private history(path: string): Promise<History | Unreadable> {
    let hit = this.histories.get(path);
    if (!hit) {
      hit = (async () => {
        const args = (follow: boolean) => ['-c', 'core.quotepath=off', 'log', ...(follow ? ['--follow'] : []), '-m', '--first-parent', '-p', '-U0', '--no-color', '--no-ext-diff', LOG_FORMAT, '--', path];
        let r = await this.git(args(true));
        if (r.code !== 0 && r.stdout === '' && /does not have any commits/.test(r.stderr)) return { commits: [], truncated: false };
        if (r.code !== 0) r = await this.git(args(false));
        if (r.code !== 0) return { unreadable: unreadableReason(r) };
        return parseLog(r.stdout, r.stdout.length >= MAX_OUTPUT);
      })();
      this.histories.set(path, hit);
    }
    return hit;
  }

  /** One `git diff HEAD` for several files: their uncommitted changes. */
  private async loadWorktree(files: { path: string; key: string }[]): Promise<void> {
    for (let i = 0; i < files.length; i += 200) {
      const chunk = files.slice(i, i + 200);
      const r = await this.git(['-c', 'core.quotepath=off', 'diff', '--relative', '-U0', '--no-color', '--no-ext-diff', '--no-renames', 'HEAD', '--', ...chunk.map((f) => f.path)]);
      const byFile = r.code === 0 ? parseDiff(r.stdout) : new Map<string, Hunk[]>();
      for (const f of chunk) this.worktree.set(f.path, { key: f.key, hunks: byFile.get(f.path) ?? [] });
    }
  }

  private async git(args: string[]) {
    while (this.running >= 4) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    this.processes++;
    try {
      return await this.host.exec!('git', args, { timeoutMs: TIMEOUT, maxOutput: MAX_OUTPUT });
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

function unreadableReason(r: { code: number | null; stderr: string; timedOut?: boolean }): string {
  if (r.timedOut) return 'reading its history with git timed out';
  if (/unable to read|bad object|missing|corrupt|damaged|invalid object|loose object|packfile|could not read|promisor/i.test(r.stderr)) return 'its history cannot be read: an object in the repository is missing or damaged';
  return `git could not read its history (exit code ${r.code ?? 'none'})`;
}

function parseLog(out: string, truncated: boolean): History {
  const commits: History['commits'] = [];
  for (const record of out.split('\0')) {
    if (!record.trim()) continue;
    const nl = record.indexOf('\n');
    const head = (nl < 0 ? record : record.slice(0, nl)).split('\t');
    const commit: Commit = { sha: head[0], time: Number(head[1]), author: head[2] ?? '', subject: head.slice(3).join('\t') };
    const hunks: Hunk[] = [];
    let creates = false;
    for (const line of nl < 0 ? [] : record.slice(nl + 1).split('\n')) {
      if (line.startsWith('@@')) {
        const h = parseHunk(line);
        if (h) hunks.push(h);
      } else if (line === '--- /dev/null' || line.startsWith('new file mode')) creates = true;
    }
    commits.push({ commit, hunks, creates });
  }
  commits.reverse();
  return { commits, truncated };
}

function parseDiff(out: string): Map<string, Hunk[]> {
  const map = new Map<string, Hunk[]>();
  let current: Hunk[] | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      const m = / b\/(.*)$/.exec(line);
      if (m) map.set(m[1], (current = []));
    } else if (line.startsWith('@@') && current) {
      const h = parseHunk(line);
      if (h) current.push(h);
    }
  }
  return map;
}

export function parseHunk(line: string): Hunk | undefined {
  const m = HUNK.exec(line);
  if (!m) return undefined;
  return { oldStart: Number(m[1]), oldCount: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newCount: m[4] === undefined ? 1 : Number(m[4]) };
}

export interface Tracked {
  /** Steps whose changes touched the range. */
  touchedBy: Step[];
  /** Where the range is after all steps (exact when untouched). */
  start: number;
  end: number;
}

/**
 * Follows a line range through a sequence of changes. A change touches the range when it replaces or removes one
 * of its lines, or inserts lines strictly inside it; changes wholly above it shift it.
 */
export function trackRange(start: number, end: number, steps: Step[]): Tracked {
  let s = start;
  let e = end;
  const touchedBy: Step[] = [];
  for (const step of steps) {
    let shiftStart = 0;
    let shiftEnd = 0;
    let touched = false;
    for (const h of step.hunks) {
      const delta = h.newCount - h.oldCount;
      if (h.oldCount === 0) {
        // Insertion after old line h.oldStart.
        if (h.oldStart < s) { shiftStart += delta; shiftEnd += delta; } else if (h.oldStart < e) { touched = true; shiftEnd += delta; }
      } else {
        const last = h.oldStart + h.oldCount - 1;
        if (last < s) { shiftStart += delta; shiftEnd += delta; } else if (h.oldStart <= e) { touched = true; shiftEnd += delta; }
      }
    }
    s += shiftStart;
    e = Math.max(s, e + shiftEnd);
    if (touched) touchedBy.push(step);
  }
  return { touchedBy, start: s, end: e };
}
