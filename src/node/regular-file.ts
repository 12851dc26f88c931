/**
 * The one way Signoff opens a file it did not create (documents, evidence, configuration, keys, allowed-signers
 * files): stat first, and read only a regular file. Opening a FIFO blocks until a writer comes (forever), a device
 * may never end; both are refused with one message. The open itself is non-blocking where the platform has it, and
 * the handle is stat'ed again, in case the path was swapped for a FIFO between the stat and the open.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fsp, readSync, statSync, type Stats } from 'node:fs';

export interface RegularFileOptions {
  /** Larger files are not read (`tooLarge` says so). */
  maxBytes?: number;
  /** Refuse a symbolic link at the last segment (O_NOFOLLOW) instead of following it. */
  noFollow?: boolean;
}

export type RegularFileRead =
  | { bytes: Uint8Array; stats: Stats }
  /** Not read: `error` is an errno code (`ENOENT`), `special` the kind of a non-regular file, `tooLarge` its size. */
  | { error: string; special?: string; tooLarge?: number; stats?: Stats };

/** "a FIFO", "a socket", "a character device", "a block device", "a directory", or undefined for a regular file. */
export function specialKind(s: Stats): string | undefined {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return undefined;
}

/** The one message for a path that is not a regular file: `NAME: not a regular file (a FIFO)`. */
export function notRegularMessage(name: string, kind: string): string {
  return `${name}: not a regular file (${kind}), not read`;
}

/** Why a file handed to another program (ssh-keygen's key, allowed signers) must not be: undefined when it may. */
export function regularFileProblem(file: string): string | undefined {
  try {
    const st = statSync(file);
    if (st.isFile()) return undefined;
    return notRegularMessage(file, specialKind(st) ?? (st.isDirectory() ? 'a directory' : 'not a file'));
  } catch (e) {
    return `${file}: cannot read (${String((e as NodeJS.ErrnoException).code ?? e)})`;
  }
}

const NONBLOCK = fsConstants.O_NONBLOCK ?? 0;
const NOFOLLOW = fsConstants.O_NOFOLLOW ?? 0;

function flags(options: RegularFileOptions): number {
  return fsConstants.O_RDONLY | NONBLOCK | (options.noFollow ? NOFOLLOW : 0);
}

function refused(stats: Stats, options: RegularFileOptions): RegularFileRead | undefined {
  if (!stats.isFile()) return { error: 'ENOTREG', special: specialKind(stats) ?? (stats.isDirectory() ? 'a directory' : undefined), stats };
  if (options.maxBytes !== undefined && stats.size > options.maxBytes) return { error: 'EFBIG', tooLarge: stats.size, stats };
  return undefined;
}

/** Reads a regular file (see above); synchronous, for callers that run before anything else does. */
export function readRegularFileSync(file: string, options: RegularFileOptions = {}): RegularFileRead {
  let fd: number | undefined;
  try {
    if (!options.noFollow) {
      const no = refused(statSync(file), options);
      if (no) return no;
    }
    fd = openSync(file, flags(options));
    const stats = fstatSync(fd);
    const no = refused(stats, options);
    if (no) return no;
    // Read what the stat promised, at most: a file that grows meanwhile cannot blow the cap.
    const size = options.maxBytes === undefined ? stats.size : Math.min(stats.size, options.maxBytes);
    const buf = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { bytes: buf.subarray(0, got), stats };
  } catch (e) {
    return { error: String((e as NodeJS.ErrnoException).code ?? e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a regular file (see above). */
export async function readRegularFile(file: string, options: RegularFileOptions = {}): Promise<RegularFileRead> {
  let fh: fsp.FileHandle | undefined;
  try {
    if (!options.noFollow) {
      const no = refused(await fsp.stat(file), options);
      if (no) return no;
    }
    fh = await fsp.open(file, flags(options));
    const stats = await fh.stat();
    const no = refused(stats, options);
    if (no) return no;
    return { bytes: await fh.readFile(), stats };
  } catch (e) {
    return { error: String((e as NodeJS.ErrnoException).code ?? e) };
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
