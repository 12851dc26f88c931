/**
 * Replaces a file's content all at once: the new bytes go to a temporary file in the same folder, which then is
 * renamed over the original, so a failure (permissions, a full disk, a kill) never leaves a half-written file. The
 * original's mode is kept. A file the user may not write is refused up front: a writable folder would otherwise
 * let the rename replace a read-only file.
 */
import { constants as fsConstants, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  // Through a symbolic link: the target is replaced, not the link.
  const real = await fsp.realpath(file).catch(() => file);
  const st = await fsp.stat(real).catch(() => undefined);
  if (st) await fsp.access(real, fsConstants.W_OK);
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.signoff-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fsp.writeFile(tmp, content, { mode: st ? st.mode & 0o7777 : 0o666, flag: 'wx' });
    if (st) await fsp.chmod(tmp, st.mode & 0o7777); // writeFile's mode is filtered by the umask
    await fsp.rename(tmp, real);
  } catch (e) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** A one-line reason for a failed write: the error code and what it means (`EACCES: permission denied`). */
export function writeErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const m = /^(\w+): ([^,]+)/.exec(err?.message ?? '');
  return m ? `${m[1]}: ${m[2]}` : String(err?.message ?? e);
}
