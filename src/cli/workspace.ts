/**
 * A CLI command's workspace: node/workspace.ts openWorkspace, with what goes wrong said on stderr the CLI's way
 * (`signoff: ...`, an unreadable `--config` a usage error) and the one config warning the editor logs too.
 */
import { ConfigFileError, openWorkspace, type OpenedWorkspace, type OpenWorkspaceOptions } from '../node/workspace';
import { errorLine, UsageError, type CliIO } from './io';

export function openCliWorkspace(io: Pick<CliIO, 'stderr'>, options: Omit<OpenWorkspaceOptions, 'log'>): OpenedWorkspace {
  let opened: OpenedWorkspace;
  try {
    opened = openWorkspace({ ...options, log: (level, message) => { if (level === 'error') io.stderr(errorLine(message)); } });
  } catch (e) {
    if (e instanceof ConfigFileError) throw new UsageError(e.message);
    throw e;
  }
  if (opened.loaded.warning) io.stderr(errorLine(opened.loaded.warning));
  return opened;
}
