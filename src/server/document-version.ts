/**
 * One state per version of an open document, in the style of vscode-markdown-languageservice's workspaceCache.ts:
 * an entry per (URI, version) holds that version's parse, made on first use, and its check's result, which every
 * feature awaits (diagnostics, hovers, code actions, seal info) instead of joining a parse and findings by comparing
 * versions. The check itself is lazy too: the first feature to ask starts it (the typing debounce no longer delays
 * the answer), a check that was already running or scheduled for this version answers everyone. A new version or a
 * closed document replaces the entry; whoever still awaits the old one gets undefined (that version is gone).
 */
import type { ParsedDocument } from '../core/index';
import type { DocState } from './doc-state';

export class DocumentVersion {
  private parse?: ParsedDocument;
  /** The check's result for this version: a DocState, or null when it is no document of ours (or excluded). */
  private result?: DocState | null;
  private started = false;
  private readonly waiters: ((state: DocState | undefined) => void)[] = [];

  constructor(
    readonly uri: string,
    readonly version: number,
    /** The text of this version (taken when the entry is made: the buffer object changes in place on edits). */
    private readonly text: string,
    private readonly parseText: (text: string) => ParsedDocument,
  ) {}

  /** This version's one parse (shared by the check and every feature). */
  get doc(): ParsedDocument {
    this.parse ??= this.parseText(this.text);
    return this.parse;
  }

  /** Whether this version's check has answered. */
  get settled(): boolean {
    return this.result !== undefined;
  }

  /**
   * The checked state of this version; `start` runs the check unless one has already started (a check of this
   * version settles the entry when it ends, whoever started it).
   */
  checked(start: () => void): Promise<DocState | undefined> {
    if (this.result !== undefined) return Promise.resolve(this.result ?? undefined);
    const answer = new Promise<DocState | undefined>((resolve) => this.waiters.push(resolve));
    if (!this.started) {
      this.started = true;
      start();
    }
    return answer;
  }

  /** A check of this version ended (a later re-check, after a cited file changed, replaces the result). */
  settle(state: DocState | undefined): void {
    this.result = state ?? null;
    for (const w of this.waiters.splice(0)) w(state);
  }

  /** A check of this version is under way (so features wait for it instead of starting another). */
  checking(): void {
    this.started = true;
  }

  /** The version is gone (edited or closed): nobody waits for it any longer. */
  drop(): void {
    for (const w of this.waiters.splice(0)) w(undefined);
  }
}
