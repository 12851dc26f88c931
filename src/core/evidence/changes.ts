/**
 * The change under review (`signoff check --changed-since REF`, `--staged`): for each file the diff touches, the
 * commits after the merge base that changed it and the uncommitted changes, as hunks. Plain data (the CLI reads
 * it from git; rule fixtures give it as JSON). A cited range is written in the coordinates of the file as it is
 * now, so the steps are undone newest first (each hunk read backwards) to tell which of them touched it.
 */
import { trackRange } from './drift';
import type { Commit, FileChange, Hunk, Step } from './history-types';

export type { ChangeSet, FileChange } from './history-types';

/** The steps that changed any of `ranges` (lines of the file as it is now); every step when no range is given. */
export function stepsTouching(change: FileChange, ranges: readonly { start: number; end: number }[]): Step[] {
  if (!ranges.length || change.status === 'added') return change.steps;
  const backwards: Step[] = [...change.steps].reverse().map((s) => ({ commit: s.commit, hunks: s.hunks.map(invert) }));
  const touched = new Set<Step>();
  for (const r of ranges) for (const s of trackRange(r.start, Math.max(r.start, r.end), backwards).touchedBy) touched.add(s);
  // Back to oldest first, as the original steps.
  return change.steps.filter((_s, i) => touched.has(backwards[change.steps.length - 1 - i]));
}

function invert(h: Hunk): Hunk {
  return { oldStart: h.newStart, oldCount: h.newCount, newStart: h.oldStart, newCount: h.oldCount };
}

/** `2 commits (abc1234 "Fix rounding", def5678 "Tidy") and uncommitted changes`. */
export function describeSteps(steps: readonly Step[]): string {
  const commits = steps.flatMap((s): Commit[] => (s.commit ? [s.commit] : []));
  const parts: string[] = [];
  if (commits.length) {
    const shown = commits.slice(-3).map((c) => `${c.sha.slice(0, 7)} "${c.subject.slice(0, 60)}"`);
    parts.push(`${commits.length === 1 ? 'commit' : `${commits.length} commits`} ${commits.length > 3 ? '…, ' : ''}${shown.join(', ')}`);
  }
  if (steps.some((s) => !s.commit)) parts.push('uncommitted changes');
  return parts.join(' and ');
}
