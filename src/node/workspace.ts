/**
 * Opening a workspace on Node: the one place that turns a root folder and its `.signoff.json` into a host and an
 * engine. Every CLI command (check, run, seal, verify, attest), the CLI's worker threads and the language server's
 * folders open their workspace here, so they read the same configuration the same way and say the same thing about
 * it (the wording of config warnings is shared, not copied).
 */
import * as path from 'node:path';
import { CONFIG_FILE, Engine, parseConfig, type Config, type Finding } from '../core/index';
import type { EngineOptions } from '../core/engine';
import { loadConfigFile } from './config-file';
import { NodeHost, type NodeHostOptions } from './fs-host';
import { RecordingHost } from './recording-host';

/** A configuration file named explicitly (`--config`) that cannot be read: the command cannot go on. */
export class ConfigFileError extends Error {}

/** What `.signoff.json` (or the file given) amounts to: the configuration, its findings, and what to tell the user. */
export interface WorkspaceConfig {
  config: Config;
  /** Invalid JSON or schema problems, reported on the configuration file. */
  findings: Finding[];
  /** The configuration file, absolute (it may not exist). */
  file: string;
  /** The effective text (with `extends` merged), or the file's own; undefined without a file. A worker rebuilds the configuration from it. */
  text?: string;
  /** Why the file was not used although it is there (one line, the same in the CLI and the editor). */
  warning?: string;
}

/**
 * Reads the workspace's configuration: `file` when given (an error when it cannot be read), else `<root>/.signoff.json`
 * (missing: the defaults).
 */
export function loadWorkspaceConfig(root: string, file?: string): WorkspaceConfig {
  const abs = file ? path.resolve(file) : path.join(root, CONFIG_FILE);
  // Size caps, extends limits and the FIFO guard live in loadConfigFile (config-file.ts).
  const read = loadConfigFile(abs, root, !!file);
  if (read.text === undefined && read.error && !read.loaded.findings.length && file) throw new ConfigFileError(`cannot read config file ${file}: ${read.error}`);
  return { config: read.loaded.config, findings: read.loaded.findings, file: abs, text: read.loaded.effectiveText ?? read.text, warning: read.warning };
}

/** Where the configuration comes from. */
export type ConfigSource =
  /** `<root>/.signoff.json`, or the file given (`--config`). */
  | { file?: string }
  /** The effective text another thread already read (a CLI worker). */
  | { text: string | undefined }
  /** The defaults for now: the caller loads the file later (the language server, when it scans the folder). */
  | { defaults: true };

export interface OpenWorkspaceOptions extends Omit<EngineOptions, 'host' | 'config'> {
  root: string;
  config?: ConfigSource;
  /** Adjusts the configuration read before the engine gets it (`signoff verify` turns every seal rule on). */
  adjust?: (config: Config) => Config;
  log?: NodeHostOptions['log'];
  now?: NodeHostOptions['now'];
  files?: NodeHostOptions['files'];
  /** Whether the workspace is trusted (the editor says); untrusted: no git is run at all. Default: trusted. */
  trusted?: () => boolean;
}

export interface OpenedWorkspace {
  host: NodeHost;
  /** The engine's host: notes which files each check read (the CLI cache, the server's re-checks). */
  recording: RecordingHost;
  engine: Engine;
  config: Config;
  /** The configuration as read (findings, file, text, warning); the defaults' for `{ defaults: true }`. */
  loaded: WorkspaceConfig;
}

export function openWorkspace(options: OpenWorkspaceOptions): OpenedWorkspace {
  const source = options.config ?? {};
  let loaded: WorkspaceConfig;
  if ('defaults' in source) loaded = { ...parseConfig(undefined), file: path.join(options.root, CONFIG_FILE) };
  else if ('text' in source) loaded = { ...parseConfig(source.text), file: path.join(options.root, CONFIG_FILE), text: source.text };
  else loaded = loadWorkspaceConfig(options.root, source.file);
  const config = options.adjust ? options.adjust(loaded.config) : loaded.config;
  const hostOptions: NodeHostOptions = { root: options.root, exclude: config.exclude, log: options.log, now: options.now, files: options.files };
  const host = options.trusted ? new TrustAwareHost(hostOptions, options.trusted) : new NodeHost(hostOptions);
  const recording = new RecordingHost(host);
  const engine = new Engine(recording, config, options.rules, options.reuseParses);
  if (options.files) engine.workspace.files = [...options.files];
  return { host, recording, engine, config, loaded };
}

/**
 * A NodeHost that runs no git in an untrusted workspace: a repository's own git config (core.fsmonitor, hooks) can
 * run programs. The file list then comes from a directory walk, and drift is "unknown".
 */
class TrustAwareHost extends NodeHost {
  constructor(options: NodeHostOptions, private readonly trusted: () => boolean) {
    super(options);
  }

  override exec(command: string, args: string[], options: { stdin?: string; timeoutMs: number; cwd?: string; maxOutput?: number }) {
    if (command === 'git' && !this.trusted()) {
      return Promise.resolve({ code: null, stdout: '', stderr: 'git is not run in an untrusted workspace', timedOut: false });
    }
    return super.exec(command, args, options);
  }
}

