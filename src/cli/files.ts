/** Which files a `check` looks at: the paths, directories and globs given, or the whole workspace root. */
import { promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';
import { globToRegExp, isGlob } from '../core/glob';
import type { NodeHost } from '../node/fs-host';
import { notRegularMessage, specialKind } from '../node/regular-file';
import { posixRelative, workspacePath } from '../node/paths';
import { UsageError } from './io';

export async function selectFiles(host: NodeHost, args: string[], cwd: string, isIncluded: (rel: string) => boolean, warn: (message: string) => void = () => undefined): Promise<string[]> {
  const all = (await host.listFiles()).filter((f) => f.toLowerCase().endsWith('.md'));
  if (args.length === 0) return regularOnly(host, all.filter(isIncluded), warn);
  const chosen = new Set<string>();
  for (const arg of args) {
    if (isGlob(arg)) {
      // Globs are relative to the current directory, matched against workspace-relative paths.
      const absPattern = path.resolve(cwd, arg);
      const relPattern = posixRelative(host.root, absPattern);
      const re = globToRegExp(relPattern);
      let matched = false;
      for (const f of all) if (re.test(f) && isIncluded(f)) { chosen.add(f); matched = true; }
      if (!matched) throw new UsageError(`no Markdown files match ${arg}`);
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let stat;
    try {
      stat = await fsp.stat(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new UsageError(`${arg} is a symbolic link loop`);
      throw new UsageError(`no such file or directory: ${arg}`);
    }
    const rel = workspacePath(host.root, abs);
    if (rel === undefined) throw new UsageError(`${arg} is outside the root ${host.root} (use --root)`);
    if ((await host.linkProblem(rel)) === 'outside') throw new UsageError(`${arg} is a symbolic link to outside the root ${host.root}`);
    if (stat.isDirectory()) {
      const prefix = rel === '' ? '' : rel + '/';
      for (const f of all) if (f.startsWith(prefix) && isIncluded(f)) chosen.add(f);
    } else {
      const special = specialKind(stat);
      if (special) { warn(notRegularMessage(arg, special)); continue; }
      chosen.add(rel); // an explicitly named file is checked even if include/exclude would skip it
    }
  }
  return regularOnly(host, [...chosen].sort(), warn);
}

/**
 * Drops documents that are FIFOs, sockets or devices (directly or through a symbolic link), saying so: opening one
 * would block, or never end. Synchronous stats (a stat never opens the file, so it cannot block): nothing else runs
 * yet, and on 1,500 files the thread pool's round trips of fs.promises cost about 200 ms where these cost under 20,
 * which matters now that ordinary Markdown is never parsed (bench/docs-repo.mjs).
 */
function regularOnly(host: NodeHost, files: string[], warn: (message: string) => void): string[] {
  return files.filter((f) => {
    let special: string | undefined;
    try {
      special = specialKind(statSync(host.absolute(f)!));
    } catch {
      // Missing, unreadable or a symbolic link loop: the host's own read says what it is.
    }
    if (special) warn(notRegularMessage(f, special));
    return !special;
  });
}
