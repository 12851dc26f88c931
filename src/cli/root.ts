/**
 * The workspace root a command works in, found the way developers expect (as eslint, prettier and git do): `--root`
 * when given; else the nearest folder from the current directory up that holds `.signoff.json`, not above the git
 * work tree; else the git work tree's root; else the current directory. So `signoff check docs/x_review.md` run from
 * a subfolder resolves evidence exactly as it does from the root.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from '../core/index';

export function findRoot(cwd: string, flag: string | undefined): string {
  const start = path.resolve(cwd);
  if (flag !== undefined) return path.resolve(start, flag);
  const top = gitTopLevel(start);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, CONFIG_FILE))) return dir;
    // The search stops at the work tree's root: a configuration above the repository is not the repository's. The
    // folder is returned as reached from the current directory (git prints it with links resolved), so paths
    // printed relative to the current directory stay right.
    if (top && sameFolder(dir, top)) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return top ?? start;
}

/** The git work tree holding `cwd`, or undefined (no git, not in a work tree, or inside `.git`). */
function gitTopLevel(cwd: string): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    return out ? path.resolve(out) : undefined;
  } catch {
    return undefined;
  }
}

function sameFolder(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
