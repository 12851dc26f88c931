/**
 * The workspace a `signoff mcp` server answers for: one root and its configuration, and the guard every path a tool
 * is given goes through. Each tool call loads the engine afresh, as `signoff check` does (loadEngine), so whatever
 * the agent wrote since its last call is seen, with nothing to watch and no state to go stale between calls.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText, type ParsedDocument } from '../core/index';
import { openCliWorkspace } from '../cli/workspace';
import type { OpenedWorkspace } from '../node/workspace';
import type { Finding } from '../core/index';
import { escapeControl } from '../core/text/sanitize';
import { workspacePath } from '../node/paths';

export interface McpOptions {
  root: string;
  configPath?: string;
  /** `--allow-write`: offer the tools that change files (fix, seal). */
  allowWrite: boolean;
  version: string;
}

/** A refusal or a problem with the arguments, said to the agent as the tool's error (the server carries on). */
export class ToolError extends Error {}

export type Session = OpenedWorkspace & {
  /** The configuration's findings, and its file as the CLI names it (relative to the root). */
  configFindings: Finding[];
  configPath: string;
  /** What loading said on stderr (an unreadable config...), for the agent rather than the server's log. */
  notes: string[];
};

export class Workspace {
  constructor(readonly options: McpOptions) {}

  get root(): string {
    return this.options.root;
  }

  /** The engine on the current files and config, as `signoff check` loads it. */
  async open(): Promise<Session> {
    const notes: string[] = [];
    const opened = openCliWorkspace({ stderr: (s) => notes.push(s.trim()) }, { root: this.root, config: { file: this.options.configPath } });
    opened.engine.workspace.files = await opened.host.listFiles();
    return { ...opened, configFindings: opened.loaded.findings, configPath: workspacePath(this.root, opened.loaded.file) ?? opened.loaded.file, notes };
  }

  /**
   * A path argument (workspace-relative, or absolute under the root) as a workspace-relative path; a path outside
   * the root, or a symbolic link leading out of it, is refused, as `signoff check` refuses it.
   */
  async inside(session: Session, given: string): Promise<string> {
    if (given.includes('\0')) throw new ToolError('a path cannot contain a NUL character');
    const abs = path.resolve(this.root, given);
    let rel = toRelative(this.root, abs);
    // The host works from the root's real path: an absolute path through it (e.g. /private/tmp on macOS) counts.
    if (rel === undefined && session.host.root !== this.root) rel = toRelative(session.host.root, abs);
    if (rel === undefined) throw new ToolError(`${escapeControl(given)} is outside the workspace root ${escapeControl(this.root)}`);
    if (rel === '') throw new ToolError(`${escapeControl(given)} is the workspace root, not a file`);
    if ((await session.host.linkProblem(rel)) === 'outside') throw new ToolError(`${escapeControl(given)} is a symbolic link to outside the workspace root`);
    return rel;
  }

  /** The text of a workspace file, or a ToolError saying why there is none. */
  async readText(session: Session, rel: string): Promise<{ text: string; bom: boolean; invalidUtf8At?: number; binary: boolean }> {
    const bytes = await session.host.readFile(rel);
    if (!bytes) {
      const st = await fsp.stat(session.host.absolute(rel) ?? '').catch(() => undefined);
      throw new ToolError(st ? `${escapeControl(rel)} is not a regular file that can be read` : `no such file in the workspace: ${escapeControl(rel)}`);
    }
    return decodeText(bytes);
  }

  /** A document parsed from its text on disk, or from `text` (unsaved: the file need not exist yet). */
  async parse(session: Session, rel: string, text?: string): Promise<ParsedDocument> {
    const { text: body, ...facts } = text === undefined ? await this.readText(session, rel) : decodeText(new TextEncoder().encode(text));
    return session.engine.parse(rel, body, facts);
  }
}

function toRelative(root: string, abs: string): string | undefined {
  return workspacePath(root, abs);
}

