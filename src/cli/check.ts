/**
 * `signoff check`: the document pass over the selected documents (in worker threads when there are many), then
 * the workspace pass on their summaries in this thread; optionally apply the safe fixes.
 */
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Engine, decodeText, applyEdits, mergeFindings, safeFixEdits, type Finding, type DocumentKind } from '../core/index';
import type { NodeHost } from '../node/fs-host';
import { posixRelative } from '../node/paths';
import { writeErrorText, writeFileAtomic } from '../node/atomic-write';
import { selectFiles } from './files';
import { errorLine, UsageError, type CliIO } from './io';
import { documentPass, type CheckedFile as DocumentPassResult } from './document-pass';
import { documentPassInWorkers, workerCount, MIN_FILES_FOR_WORKERS } from './workers';
import { documentCandidates, markdownWithoutIds } from './prescan-files';
import { CheckCache, cacheFile } from './cache';
import { documentsConcerned, loadChangeSet, type ChangeSpec } from './changed-since';
import { openCliWorkspace } from './workspace';
import { explainKinds, namedFiles, skippedFiles, type KindLine, type Skipped } from './kinds';

export interface CheckOptions {
  root: string;
  configPath?: string;
  paths: string[];
  fix: boolean;
  now?: () => Date;
  /** --cache: reuse findings of unchanged documents (ignored with --fix, which must see every file). */
  cache?: boolean;
  cacheLocation?: string;
  /** Version stamped into the cache key. */
  version?: string;
  /** --changed-since REF / --staged: only the documents the change concerns, and evidence-changed findings. */
  changes?: ChangeSpec;
  /** `check -`: text read from stdin, checked as the document at this root-relative path (which need not exist). */
  stdin?: { path: string; bytes: Uint8Array };
  /** --explain-kinds: list each selected Markdown file's kind and why, and check nothing. */
  explainKinds?: boolean;
}

export interface CheckedFile {
  path: string;
  kind: DocumentKind;
  findings: Finding[];
}

export interface CheckResult {
  root: string;
  files: CheckedFile[];
  /** Findings about the configuration file (invalid JSON or schema). */
  configFindings: { path: string; findings: Finding[] };
  fixedFiles: string[];
  /** Files named on the command line that are neither a certificate nor a checklist, and why. */
  skipped?: Skipped[];
  /** --explain-kinds: every selected Markdown file's kind and why (nothing else is checked). */
  kinds?: KindLine[];
}

/** A check of some files: the other Markdown files that hold no Certificate ID (prescan-files.ts), marked as such. */
function otherMarkdownWithoutIds(engine: Engine, selected: readonly string[], host: NodeHost): void {
  const chosen = new Set(selected);
  const others = engine.workspace.files.filter((f) => f.toLowerCase().endsWith('.md') && !chosen.has(f));
  engine.workspace.knownWithoutIds(markdownWithoutIds(host, others, 64));
}

export async function runCheck(options: CheckOptions, io: CliIO): Promise<CheckResult> {
  const root = path.resolve(options.root);
  try {
    const s = await fsp.stat(root);
    if (!s.isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`root is not a directory: ${options.root}`);
  }
  const { engine, host, recording, loaded } = openCliWorkspace(io, { root, config: { file: options.configPath }, now: options.now });
  const configText = loaded.text;
  const configPath = posixRelative(root, loaded.file);
  const stdin = options.stdin;
  const selected = stdin ? [stdin.path] : await selectFiles(host, options.paths, io.cwd, (rel) => engine.isIncluded(rel), (m) => io.stderr(errorLine(m)));
  engine.workspace.files = await host.listFiles();
  if (options.explainKinds) {
    return { root, files: [], configFindings: { path: configPath, findings: loaded.findings }, fixedFiles: [], skipped: [], kinds: await explainKinds(engine, host, selected) };
  }
  // Ordinary Markdown is dropped here, unparsed (prescan-files.ts).
  // Files known to hold no Certificate ID: not read again by idsOutsideIndex (in any thread).
  const candidates = stdin ? { candidates: selected, ordinary: [] } : documentCandidates(host, engine, selected, MIN_FILES_FOR_WORKERS);
  let files = candidates.candidates;
  engine.workspace.knownWithoutIds(candidates.ordinary);
  if (options.paths.length) otherMarkdownWithoutIds(engine, selected, host);
  // --changed-since: the change set rides on the host for evidence-changed; documents unrelated to it are left out.
  let impacted = new Set<string>();
  if (options.changes) {
    host.changeSet = await loadChangeSet(host, options.changes);
    ({ files, impacted } = await documentsConcerned(host, files, host.changeSet));
  }

  // --cache: reuse the document pass of unchanged files (cache.ts); only the rest is parsed and checked.
  const cache = options.cache && !options.fix && !options.changes && !stdin
    ? await CheckCache.open({ file: cacheFile(root, options.cacheLocation), version: options.version ?? '', configText, files: engine.workspace.files, host, now: host.now() })
    : undefined;
  const plan = cache ? await cache.plan(files, host) : { toCheck: files, reused: [] };
  const deps = new Set<string>();

  // The document pass: worker threads share it when there are many files; an injected clock (tests), --fix or a
  // change set (few documents, and the set lives on this host) keep it in this thread.
  const workers = options.fix || options.now || options.changes || stdin ? 0 : workerCount(plan.toCheck.length, io.env);
  const script = path.join(__dirname, 'worker.js');
  let fresh: DocumentPassResult[];
  if (workers > 1 && existsSync(script)) {
    const setup = { root: host.root, configText, files: engine.workspace.files, recordDeps: !!cache };
    fresh = await documentPassInWorkers(script, setup, plan.toCheck, workers, (m) => io.stderr(errorLine(m)), deps);
  } else {
    // Text from stdin stands in for the file at its path; everything it cites is read from disk as usual.
    const source = stdin ? { readFile: (p: string) => (p === stdin.path ? Promise.resolve(stdin.bytes) : host.readFile(p)) } : host;
    fresh = await recording.record(deps, () => documentPass(engine, source, plan.toCheck));
  }
  const byPath = new Map([...fresh, ...plan.reused].map((f) => [f.path, f]));
  const passed = files.flatMap((f) => byPath.get(f) ?? []);
  if (cache) {
    try {
      await cache.save(passed, deps, host);
    } catch (e) {
      io.stderr(errorLine(`could not write the cache ${cache.file}: ${(e as Error).message}`));
    }
  }

  // The workspace pass, on the summaries only, once every document has one.
  for (const f of passed) if (f.summary) engine.workspace.restore(f.summary);
  const checked: DocumentPassResult[] = [];
  for (const f of passed) {
    const findings = f.summary ? mergeFindings(f.findings, await engine.checkWorkspace(f.summary)) : f.findings;
    // A document listed only because it cites what the change touches shows just that (its other findings are
    // not the change's doing); without such a finding it is not listed.
    if (!impacted.has(f.path)) checked.push({ ...f, findings });
    else {
      const changed = findings.filter((x) => x.ruleId === 'evidence-changed');
      if (changed.length) checked.push({ ...f, findings: changed });
    }
  }

  const named = namedFiles(options.paths, io.cwd, root);
  const skipped = named.length ? await skippedFiles(engine, host, named, new Set(passed.map((f) => f.path))) : [];
  const result: CheckResult = { root, files: [], configFindings: { path: configPath, findings: loaded.findings }, fixedFiles: [], skipped };
  for (const file of checked) {
    let findings = file.findings;
    if (options.fix && safeFixEdits(findings).length) {
      // Apply safe fixes, re-parse, re-check; repeat while fixes keep applying (bounded).
      const bytes = await host.readFile(file.path);
      const original = bytes ? decodeText(bytes) : undefined;
      if (original && (original.invalidUtf8At !== undefined || original.binary)) {
        // Writing decoded text back would turn the undecodable bytes into U+FFFD for good: never lose text.
        io.stderr(errorLine(`${file.path}: not fixed, the file is not valid UTF-8 (fix its encoding first)`));
      } else if (original) {
        const { text: originalText, ...facts } = original;
        let text = originalText;
        for (let pass = 0; pass < 5; pass++) {
          const edits = safeFixEdits(findings);
          if (!edits.length) break;
          text = applyEdits(text, edits);
          const doc = engine.parse(file.path, text, facts);
          engine.workspace.update(doc);
          findings = await engine.check(doc);
        }
        if (text !== originalText) {
          const failed = await writeFixes(host.absolute(file.path)!, (file.bom ? '\uFEFF' : '') + text);
          if (failed) {
            // The file is as it was: its findings are those of its text on disk, plus why the fixes are not there.
            io.stderr(errorLine(`${file.path}: the fixes could not be written (${failed}); the file is unchanged`));
            findings = [...file.findings, { ruleId: 'internal-error', severity: 'error', message: `The fixes could not be written (${failed}); the file is unchanged.`, span: { start: 0, end: 0 }, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }];
            engine.workspace.update(engine.parse(file.path, originalText, facts));
          } else result.fixedFiles.push(file.path);
        }
      }
    }
    result.files.push({ path: file.path, kind: file.kind, findings });
  }
  return result;
}

/** Writes a fixed document in one step (atomic-write.ts); the reason when it could not be written. */
async function writeFixes(abs: string, text: string): Promise<string | undefined> {
  try {
    await writeFileAtomic(abs, text);
    return undefined;
  } catch (e) {
    return writeErrorText(e);
  }
}
