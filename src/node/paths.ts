/** Native paths to workspace paths: the core's toWorkspacePath (one answer to "is it inside?") on Node's paths. */
import * as path from 'node:path';
import { toWorkspacePath } from '../core/text/workspace-path';

/** A native path written with `/`. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** `target` (absolute, or relative to the cwd) as a path under `root` ('' for the root), or undefined outside it. */
export function workspacePath(root: string, target: string): string | undefined {
  return toWorkspacePath(toPosix(path.resolve(root)), toPosix(path.resolve(target)));
}

/** True when `target` is `root` or under it (lexically: resolve symbolic links first where they matter). */
export function insideRoot(root: string, target: string): boolean {
  return workspacePath(root, target) !== undefined;
}

/** `to` relative to `from`, with `/` (may start with `../`: for output relative to the current directory). */
export function posixRelative(from: string, to: string): string {
  return toPosix(path.relative(from, to));
}
