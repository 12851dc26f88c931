/**
 * Workspace paths: a file's place under the workspace root, written with `/` (how the engine, the file index, run
 * records and every output name files). Pure string work on absolute POSIX-style paths, so the one question "is
 * this inside the root?" has one answer everywhere; the Node side (src/node/paths.ts) converts native paths first.
 *
 * A path is inside when its first segment after the root is not `..` itself: `..notes.md` or `...` at the root are
 * ordinary names, not a way up (a `startsWith('..')` test took them for one).
 */

/** Segments of an absolute path with `.`, `..` and empty segments resolved (`..` never climbs above `/`). */
function segments(abs: string): string[] {
  const out: string[] = [];
  for (const s of abs.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out;
}

/** `abs` relative to `root` with `/` separators ('' for the root itself), or undefined when it is not under root. */
export function toWorkspacePath(root: string, abs: string): string | undefined {
  const r = segments(root);
  const a = segments(abs);
  if (a.length < r.length) return undefined;
  for (let i = 0; i < r.length; i++) if (a[i] !== r[i]) return undefined;
  return a.slice(r.length).join('/');
}

/** True when `abs` is the root or a path under it. */
export function isInside(root: string, abs: string): boolean {
  return toWorkspacePath(root, abs) !== undefined;
}

/** True when a relative path (as `path.relative` gives it, `/`-separated) does not climb out: no leading `..` segment. */
export function isRelativeInside(rel: string): boolean {
  return rel !== '..' && !rel.startsWith('../') && !rel.startsWith('/') && !/^[A-Za-z]:/.test(rel);
}
