/**
 * "Which files did this check read": a Host in front of another that notes every path a check reads, stats,
 * resolves or lists, into the set of the check running (AsyncLocalStorage keeps concurrent checks apart). The
 * language server keeps each document's set to know whom a changed file concerns; the CLI cache keeps the union
 * as the files whose size and mtime must still match for cached findings to stand.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Host, LogLevel } from '../core/host';

export class RecordingHost implements Host {
  private readonly current = new AsyncLocalStorage<Set<string>>();

  readonly listDirectory?: Host['listDirectory'];
  readonly readFileCapped?: Host['readFileCapped'];
  readonly exec?: Host['exec'];
  readonly linkProblem?: Host['linkProblem'];
  readonly ignoredFiles?: Host['ignoredFiles'];

  constructor(readonly inner: Host) {
    // Only what the inner host offers: the core falls back (stat then read; no processes) on what is missing.
    const { listDirectory, readFileCapped, exec, linkProblem, ignoredFiles } = inner;
    if (ignoredFiles) this.ignoredFiles = () => ignoredFiles.call(inner);
    if (listDirectory) this.listDirectory = (p) => { this.note(p); return listDirectory.call(inner, p); };
    if (readFileCapped) this.readFileCapped = (p, maxBytes) => { this.note(p); return readFileCapped.call(inner, p, maxBytes); };
    if (linkProblem) this.linkProblem = (p) => { this.note(p); return linkProblem.call(inner, p); };
    if (exec) this.exec = (command, args, options) => exec.call(inner, command, args, options);
  }

  /** Runs `fn`, adding every path the host is asked about meanwhile to `reads`. */
  record<T>(reads: Set<string>, fn: () => Promise<T>): Promise<T> {
    return this.current.run(reads, fn);
  }

  private note(p: string): void {
    this.current.getStore()?.add(p);
  }

  readFile(p: string) { this.note(p); return this.inner.readFile(p); }
  stat(p: string) { this.note(p); return this.inner.stat(p); }
  realPath(p: string) { this.note(p); return this.inner.realPath(p); }
  listFiles() { return this.inner.listFiles(); }
  // Read through, not copied: `check --changed-since` sets the change set on the inner host after the engine exists.
  get seal() { return this.inner.seal; }
  get changeSet() { return this.inner.changeSet; }
  now() { return this.inner.now(); }
  log(level: LogLevel, message: string) { this.inner.log(level, message); }
}
