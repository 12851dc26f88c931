/**
 * The labelled kinds of real Markdown files (labels.json: repository, commit, path, label, why), and their texts read
 * from a local mirror of those repositories: `<mirror>/<owner>+<name>/repo` as a bare git directory, the mirror being
 * $SIGNOFF_KINDS_MIRROR or /work/.mirror. The texts are never stored in this repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type KindLabel = 'certificate' | 'checklist' | 'neither';

export interface LabelledFile {
  repo: string;
  commit: string;
  path: string;
  label: KindLabel;
  reason: string;
}

export const MIRROR = process.env.SIGNOFF_KINDS_MIRROR ?? '/work/.mirror';

export function labels(): LabelledFile[] {
  return (JSON.parse(readFileSync(join(__dirname, 'labels.json'), 'utf8')) as { labels: LabelledFile[] }).labels;
}

export function gitDir(repo: string): string {
  return join(MIRROR, repo.replace('/', '+'), 'repo');
}

/** What is missing to run the suite (a repository or a commit not in the mirror), or undefined. */
export function missing(all: LabelledFile[]): string | undefined {
  for (const { repo, commit } of new Map(all.map((l) => [l.repo + l.commit, l])).values()) {
    const dir = gitDir(repo);
    if (!existsSync(dir)) return `the mirror of ${repo} (${dir}; set SIGNOFF_KINDS_MIRROR, or fetch github:${repo})`;
    try {
      execFileSync('git', ['--git-dir', dir, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
    } catch {
      return `commit ${commit} of ${repo} in ${dir}`;
    }
  }
  return undefined;
}

/** The texts of the labelled files, one `git cat-file --batch` per repository. */
export function texts(all: LabelledFile[]): Map<LabelledFile, string> {
  const out = new Map<LabelledFile, string>();
  const byRepo = new Map<string, LabelledFile[]>();
  for (const l of all) byRepo.set(l.repo, [...(byRepo.get(l.repo) ?? []), l]);
  for (const [repo, files] of byRepo) {
    const raw = execFileSync('git', ['--git-dir', gitDir(repo), 'cat-file', '--batch'], { input: files.map((f) => `${f.commit}:${f.path}`).join('\n') + '\n', maxBuffer: 1 << 30 });
    let pos = 0;
    for (const f of files) {
      const nl = raw.indexOf(10, pos);
      const header = raw.subarray(pos, nl).toString();
      pos = nl + 1;
      if (header.endsWith(' missing')) throw new Error(`${repo}@${f.commit}: ${f.path} is not in the mirror`);
      const size = Number(header.split(' ')[2]);
      out.set(f, raw.subarray(pos, pos + size).toString('utf8'));
      pos += size + 1;
    }
  }
  return out;
}
