/**
 * `signoff status [PATH...] [--format text|json|markdown] [--require LIST] [--changed-since REF]`: the review
 * ledger. The same document pass as `check` (so freshness is what `check` reports on the evidence), then the
 * ledger of the summaries (src/core/ledger/status.ts, which the server's `signoff/ledger` answers with too).
 *
 * Exit 0; 1 when `--require` is not met by a gated component (every component, or with `--changed-since` those
 * whose cited lines the change touches); 2 on a usage error.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { escapeControl } from '../core/text/sanitize';
import { ledgerStatus } from '../core/ledger/status';
import { gateFailures, parseRequirements, type GateFailure, type Requirement } from '../core/ledger/require';
import type { LedgerStatus } from '../protocol/index';
import { parseArgs, type FlagSpec } from './args';
import { openCliWorkspace } from './workspace';
import { posixRelative } from '../node/paths';
import { loadChangeSet } from './changed-since';
import { documentPass } from './document-pass';
import { selectFiles } from './files';
import { errorLine, UsageError, type CliIO } from './io';
import { findRoot } from './root';
import { documentCandidates } from './prescan-files';
import { documentPassInWorkers, MIN_FILES_FOR_WORKERS, workerCount } from './workers';
import { formatStatusText } from './formatters/status-text';
import type { StatusReport } from './formatters/status-cells';
import { formatStatusJson } from './formatters/status-json';
import { formatStatusMarkdown } from './formatters/status-markdown';

export const STATUS_OPTIONS: FlagSpec = {
  root: 'string',
  config: 'string',
  format: 'string',
  require: 'string',
  'changed-since': 'string',
};

const FORMATS = ['text', 'json', 'markdown'];


export async function statusCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, STATUS_OPTIONS);
  const format = (flags.format as string | undefined) ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json or markdown, not "${format}"`);
  let required: Requirement[] | undefined;
  if (flags.require !== undefined) {
    try {
      required = parseRequirements(flags.require as string);
    } catch (e) {
      throw new UsageError(`--require: ${escapeControl((e as Error).message)}`);
    }
  }
  const since = flags['changed-since'] as string | undefined;
  const root = findRoot(io.cwd, flags.root as string | undefined);
  const report = await buildStatus(root, flags.config ? path.resolve(io.cwd, flags.config as string) : undefined, positionals, since, io);
  if (required) report.gate = { required, failures: gateFailures(report.ledger.components, required) };

  if (format === 'json') io.stdout(formatStatusJson(report));
  else if (format === 'markdown') io.stdout(formatStatusMarkdown(report));
  else io.stdout(formatStatusText(report));
  if (!report.gate?.failures.length) return 0;
  for (const f of report.gate.failures) {
    io.stderr(errorLine(`${f.component} (${f.certificate}) does not meet --require ${report.gate.required.join(',')}: ${f.unmet.join('; ')}`));
  }
  return 1;
}

async function buildStatus(root: string, configPath: string | undefined, paths: string[], since: string | undefined, io: CliIO): Promise<StatusReport> {
  const { engine, host, config, loaded } = openCliWorkspace(io, { root, config: { file: configPath } });
  const cfgRel = posixRelative(root, loaded.file);
  const configText = loaded.text;
  for (const f of loaded.findings) io.stderr(errorLine(`${cfgRel}:${f.start.line}:${f.start.column}: ${f.message}`));
  const selected = await selectFiles(host, paths, io.cwd, (rel) => engine.isIncluded(rel), (m) => io.stderr(errorLine(m)));
  engine.workspace.files = await host.listFiles();
  const candidates = documentCandidates(host, engine, selected, MIN_FILES_FOR_WORKERS);
  engine.workspace.knownWithoutIds(candidates.ordinary);
  // The change set rides on the host for evidence-changed, so only this thread can run the pass with it.
  if (since !== undefined) host.changeSet = await loadChangeSet(host, { since });
  const workers = since !== undefined ? 0 : workerCount(candidates.candidates.length, io.env);
  const script = path.join(__dirname, 'worker.js');
  const passed = workers > 1 && existsSync(script)
    ? await documentPassInWorkers(script, { root: host.root, configText, files: engine.workspace.files }, candidates.candidates, workers, (m) => io.stderr(errorLine(m)))
    : await documentPass(engine, host, candidates.candidates);
  for (const f of passed) if (f.summary) engine.workspace.restore(f.summary);
  const touchedOnly = since !== undefined;
  const ledger = await ledgerStatus(engine.workspace, config, host, { touchedOnly, withoutChecklists: touchedOnly });
  return { ledger, changedSince: since, now: host.now() };
}
