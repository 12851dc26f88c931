/**
 * Ticking passing tasks and unticking failed ones: the only change is the character between `[` and `]`. On disk the edit
 * is made on the bytes, so a BOM, CRLF line endings and every other byte stay exactly as they were; in the editor
 * the same edit is a one-character range (see checkboxEdits).
 */
import { promises as fsp } from 'node:fs';
import type { LspRange, RunTaskResult, TaskInfo } from '../protocol/index';

/**
 * Sets `[ ]` to `[x]` at the given UTF-16 offsets of the decoded text (offsets of the `[`, BOM excluded). Offsets
 * where the bytes are not `[ ]` (the file changed) are left alone and reported in `skipped`.
 */
export function tickBytes(bytes: Uint8Array, text: string, boxOffsets: readonly number[]): { bytes: Uint8Array; ticked: number[]; skipped: number[] } {
  const r = setBoxes(bytes, text, boxOffsets.map((offset) => ({ offset, checked: true })));
  return { bytes: r.bytes, ticked: r.changed, skipped: r.skipped };
}

/**
 * The one edit of a run's result on disk: ticks (`[ ]` to `[x]`) and unticks (`[x]`/`[X]` to `[ ]`) at UTF-16
 * offsets of the decoded text, together. A box that is not in the state the change expects is left alone.
 */
export function setBoxes(bytes: Uint8Array, text: string, changes: readonly { offset: number; checked: boolean }[]): { bytes: Uint8Array; changed: number[]; skipped: number[] } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const out = Uint8Array.from(bytes);
  const changed: number[] = [];
  const skipped: number[] = [];
  const enc = new TextEncoder();
  const sorted = [...changes].sort((a, b) => a.offset - b.offset);
  let lastOffset = 0;
  let lastByte = bom;
  for (const { offset, checked } of sorted) {
    // Byte position of this offset: bytes of the text between the previous offset and this one, added up.
    lastByte += enc.encode(text.slice(lastOffset, offset)).length;
    lastOffset = offset;
    const at = lastByte;
    const inside = out[at + 1];
    const box = out[at] === 0x5b && out[at + 2] === 0x5d;
    if (box && checked && inside === 0x20) { out[at + 1] = 0x78; changed.push(offset); }
    else if (box && !checked && (inside === 0x78 || inside === 0x58)) { out[at + 1] = 0x20; changed.push(offset); }
    else skipped.push(offset);
  }
  return { bytes: out, changed, skipped };
}

/** The one-character edits (in LSP coordinates) that tick these unchecked tasks. */
export function checkboxEdits(tasks: readonly Pick<TaskInfo, 'checked' | 'checkboxRange'>[]): { range: LspRange; newText: string }[] {
  return boxEdits(tasks.filter((t) => !t.checked), true);
}

/** One-character edits setting each task's box to `x` (checked) or ` `. */
export function boxEdits(tasks: readonly Pick<TaskInfo, 'checkboxRange'>[], checked: boolean): { range: LspRange; newText: string }[] {
  return tasks.map((t) => ({
    range: {
      start: { line: t.checkboxRange.start.line, character: t.checkboxRange.start.character + 1 },
      end: { line: t.checkboxRange.start.line, character: t.checkboxRange.start.character + 2 },
    },
    newText: checked ? 'x' : ' ',
  }));
}

interface TaskLike {
  phase?: number;
  line: number;
  label?: string;
  text: string;
}

/**
 * The document's task that a result belongs to, after the document may have moved on: same phase, same label and
 * text; among several, the one nearest the line the result was recorded at. `lineBase` is 1 when `tasks` use 1-based
 * lines (the core's model) and 0 for 0-based ones (protocol TaskInfo).
 */
export function matchResult<T extends TaskLike>(result: RunTaskResult, tasks: readonly T[], lineBase: 0 | 1): T | undefined {
  const same = tasks.filter((t) => t.phase === result.phase && (t.label ?? '') === (result.label ?? '') && t.text === result.text);
  let best: T | undefined;
  for (const t of same) {
    const d = Math.abs(t.line + (1 - lineBase) - result.line);
    if (!best || d < Math.abs(best.line + (1 - lineBase) - result.line)) best = t;
  }
  return best;
}

/**
 * Runs `fn` (re-read the file, patch it, write it back) while holding `<file>.signoff-lock`, so that two runs ending
 * at once (different phases of one checklist) never write a version that lacks the other's ticks. The lock file is
 * created exclusively and holds the owner's pid; a lock whose owner is gone (killed mid-write) is taken over. Waits
 * at most `waitMs`, then runs anyway (a lock left on another machine's shared disk must not block a run for good).
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const lock = `${file}.signoff-lock`;
  const deadline = Date.now() + waitMs;
  let held = false;
  for (let delay = 5; !held; delay = Math.min(delay * 2, 100)) {
    try {
      await fsp.writeFile(lock, String(process.pid), { flag: 'wx' });
      held = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') break; // a folder we cannot write: nothing to lock with
      if (await ownerGone(lock)) { await fsp.rm(lock, { force: true }); continue; }
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  try {
    return await fn();
  } finally {
    if (held) await fsp.rm(lock, { force: true }).catch(() => undefined);
  }
}

async function ownerGone(lock: string): Promise<boolean> {
  const pid = Number(await fsp.readFile(lock, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return false; // being written right now
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
