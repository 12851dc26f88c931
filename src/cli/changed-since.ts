/**
 * `check --changed-since REF` and `--staged`: the change under review read from git (a ChangeSet, see
 * core/evidence/changes.ts), and the documents it concerns: those it changes, and those that may cite a file it
 * changes (their text names the file's base name; the rule then decides on the resolved references).
 *
 * git runs a fixed handful of times whatever the size of the workspace: rev-parse, merge-base, one log of the
 * commits since the merge base, one diff of the uncommitted (or staged) changes, one listing of untracked files.
 */
import type { ChangeSet, FileChange, Host } from '../core/index';
import type { Commit, Hunk, Step } from '../core/evidence/drift';
import { parseHunk } from '../core/evidence/drift';
import { UsageError } from './io';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const LOG_FORMAT = '--format=%x00%H%x09%ct%x09%an%x09%s';
const DIFF_ARGS = ['-p', '-U0', '--no-color', '--no-ext-diff', '--no-renames', '--relative'];
const TIMEOUT = 120_000;
const MAX_OUTPUT = 256 * 1024 * 1024;

export type ChangeSpec = { since: string } | { staged: true };

export async function loadChangeSet(host: Host, spec: ChangeSpec): Promise<ChangeSet> {
  const git = async (args: string[]) => {
    const r = await host.exec!('git', ['-c', 'core.quotepath=off', ...args], { timeoutMs: TIMEOUT, maxOutput: MAX_OUTPUT });
    if (r.code === null) throw new UsageError(`${flag(spec)} needs git, which could not be run${r.timedOut ? ' in time' : ''}`);
    return r;
  };
  const inside = await git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']);
  if (inside.code !== 0 || inside.stdout.split('\n')[0]?.trim() !== 'true') throw new UsageError(`${flag(spec)} needs a git work tree, and the root is not in one`);
  const shallow = inside.stdout.split('\n')[1]?.trim() === 'true';

  const files = new Map<string, FileChange>();
  const add = (path: string, status: FileChange['status'], step: Step) => {
    const f = files.get(path);
    if (!f) files.set(path, { status, steps: [step] });
    else {
      f.steps.push(step);
      // A file created within the change is still new as a whole; otherwise the last word counts.
      if (f.status !== 'added' || status === 'deleted') f.status = status;
    }
  };

  if ('staged' in spec) {
    const hasHead = (await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).code === 0;
    const staged = await git(['diff', '--cached', ...DIFF_ARGS, hasHead ? 'HEAD' : EMPTY_TREE, '--']);
    if (staged.code !== 0) throw new UsageError(`--staged: git diff --cached failed: ${firstLine(staged.stderr)}`);
    for (const [path, d] of parseDiff(staged.stdout)) add(path, d.status, { hunks: d.hunks });
    return { base: 'HEAD', files: Object.fromEntries(files) };
  }

  const ref = spec.since;
  if (ref.startsWith('-')) throw new UsageError(`--changed-since takes a commit, not "${ref}"`);
  const known = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (known.code !== 0) {
    throw new UsageError(`--changed-since ${ref}: no such commit in this repository${shallow ? ' (a shallow clone: fetch it, e.g. `git fetch --depth=100 origin <branch>`, or check out with fetch-depth: 0)' : ' (fetch it first?)'}`);
  }
  const base = await git(['merge-base', known.stdout.trim(), 'HEAD']);
  if (base.code !== 0) {
    throw new UsageError(`--changed-since ${ref}: it has no common ancestor with HEAD here${shallow ? ' (the clone is shallow: deepen it, e.g. `git fetch --deepen=100`, or check out with fetch-depth: 0)' : ''}`);
  }
  const log = await git(['log', '--reverse', '--first-parent', '-m', ...DIFF_ARGS, LOG_FORMAT, `${base.stdout.trim()}..HEAD`, '--']);
  if (log.code !== 0) throw new UsageError(`--changed-since ${ref}: git log failed: ${firstLine(log.stderr)}`);
  for (const record of log.stdout.split('\0')) {
    if (!record.trim()) continue;
    const nl = record.indexOf('\n');
    const head = (nl < 0 ? record : record.slice(0, nl)).split('\t');
    const commit: Commit = { sha: head[0], time: Number(head[1]), author: head[2] ?? '', subject: head.slice(3).join('\t') };
    for (const [path, d] of parseDiff(nl < 0 ? '' : record.slice(nl + 1))) add(path, d.status, { commit, hunks: d.hunks });
  }
  const worktree = await git(['diff', ...DIFF_ARGS, 'HEAD', '--']);
  if (worktree.code === 0) for (const [path, d] of parseDiff(worktree.stdout)) add(path, d.status, { hunks: d.hunks });
  const untracked = await git(['ls-files', '-z', '--others', '--exclude-standard']);
  if (untracked.code === 0) {
    for (const path of untracked.stdout.split('\0')) if (path) add(path, 'added', { hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: Number.MAX_SAFE_INTEGER }] });
  }
  return { base: ref, files: Object.fromEntries(files) };
}

/** Per file of a patch (made with --no-renames): its hunks, and whether the patch creates or deletes it. */
export function parseDiff(out: string): Map<string, { status: FileChange['status']; hunks: Hunk[] }> {
  const map = new Map<string, { status: FileChange['status']; hunks: Hunk[] }>();
  let current: { status: FileChange['status']; hunks: Hunk[] } | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('diff --git ')) {
      // Without renames both sides name the same path: `diff --git a/P b/P`, so P is the first half (this holds
      // for names containing spaces or " b/" too). Names git quotes (control characters) are skipped.
      const rest = line.slice('diff --git a/'.length);
      const path = rest.slice(0, (rest.length - 3) / 2);
      current = line.startsWith('diff --git a/') && rest === `${path} b/${path}` ? { status: 'modified', hunks: [] } : undefined;
      if (current) map.set(path, current);
    } else if (!current) continue;
    else if (line.startsWith('new file mode')) current.status = 'added';
    else if (line.startsWith('deleted file mode')) current.status = 'deleted';
    else if (line.startsWith('@@')) {
      const h = parseHunk(line);
      if (h) current.hunks.push(h);
    }
  }
  return map;
}

/**
 * The documents a change concerns, of `selected`: the ones it changes (not deleted), and those whose text names
 * a changed file's base name (only these can cite one). `impacted` are the latter that the change does not modify.
 */
export async function documentsConcerned(host: Host, selected: string[], changes: ChangeSet): Promise<{ files: string[]; impacted: Set<string> }> {
  const names = new Set(Object.keys(changes.files).map((p) => p.slice(p.lastIndexOf('/') + 1)));
  const decoder = new TextDecoder();
  const files: string[] = [];
  const impacted = new Set<string>();
  for (const path of selected) {
    const change = changes.files[path];
    if (change && change.status !== 'deleted') { files.push(path); continue; }
    const bytes = await host.readFile(path);
    if (!bytes) continue;
    const text = decoder.decode(bytes);
    for (const name of names) {
      if (text.includes(name)) { files.push(path); impacted.add(path); break; }
    }
  }
  return { files, impacted };
}

function flag(spec: ChangeSpec): string {
  return 'staged' in spec ? '--staged' : '--changed-since';
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}
