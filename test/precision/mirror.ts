/**
 * Real public repositories for precision suites, without committing a line of them: a repository fetched as a bare
 * git snapshot (by default under /work/.mirror/<owner>+<name>/repo, or $SIGNOFF_MIRRORS/<owner>+<name>/repo) is read
 * at a pinned commit; its file list and the text of the few files a suite needs are materialised into a temp
 * workspace. Suites skip, saying so, when the snapshot or the commit is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const MIRRORS = process.env.SIGNOFF_MIRRORS ?? '/work/.mirror';

export function gitDirOf(repo: string): string {
  return join(MIRRORS, repo.replace('/', '+'), 'repo');
}

/** Why the snapshot cannot be used (for the skip message), or false when it can. */
export function mirrorAbsent(repo: string, commit: string): string | false {
  const dir = gitDirOf(repo);
  if (!existsSync(dir)) return `no snapshot of ${repo} at ${dir} (fetch it to run this suite)`;
  const r = spawnSync('git', ['--git-dir', dir, 'cat-file', '-e', `${commit}^{commit}`]);
  return r.status === 0 ? false : `the snapshot of ${repo} at ${dir} lacks commit ${commit}`;
}

function git(gitDir: string, args: string[], input?: string): Buffer {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1024 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString()}`);
  return r.stdout;
}

/** Every regular file of the commit's tree (links and submodules left out), as git lists them. */
export function treeFiles(repo: string, commit: string): string[] {
  const out = git(gitDirOf(repo), ['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8');
  const files: string[] = [];
  for (const entry of out.split('\0')) {
    const m = /^(\d+) blob [0-9a-f]+\t(.*)$/s.exec(entry);
    if (m && m[1] !== '120000') files.push(m[2]);
  }
  return files;
}

/**
 * A temp workspace holding `paths` with their text at `commit` (one `git cat-file --batch` for all of them). Files
 * the snapshot lacks (stored over its size limit) are left out; `placeholders` are written empty first. Returns the
 * folder.
 */
export function materialise(repo: string, commit: string, paths: readonly string[], placeholders: readonly string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'signoff-mirror-'));
  // The rest of the tree as empty files: resolution sees every path, and a found file exists (its text is not needed).
  const made = new Set<string>();
  for (const p of placeholders) {
    const dir = dirname(p);
    if (!made.has(dir)) {
      mkdirSync(join(root, dir), { recursive: true });
      made.add(dir);
    }
    writeFileSync(join(root, p), '');
  }
  const input = paths.map((p) => `${commit}:${p}`).join('\n') + '\n';
  const out = git(gitDirOf(repo), ['cat-file', '--batch'], input);
  let at = 0;
  for (const p of paths) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!m) continue; // "<object> missing": not in the snapshot
    const size = Number(m[1]);
    const abs = join(root, p);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, out.subarray(at, at + size));
    at += size + 1;
  }
  return root;
}
