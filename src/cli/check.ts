/** `signoff check`: read, parse, index and check the selected documents; optionally apply the safe fixes. */
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Engine, parseConfig, CONFIG_FILE, decodeText, applyEdits, safeFixEdits, type Finding, type DocumentKind } from '../core/index';
import { NodeHost } from '../node/fs-host';
import { writeErrorText, writeFileAtomic } from '../node/atomic-write';
import { selectFiles } from './files';
import { UsageError, type CliIO } from './io';
import { StagedChecker } from './parallel-stages';
import { checkInThread, checkInWorkers, workerCount, type CheckedFile as StagedResult } from './parallel';
import { CheckCache, cacheFile, recordingHost } from './cache';

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
}

export async function loadEngine(root: string, configPath: string | undefined, io: Pick<CliIO, 'stderr'>, now?: () => Date) {
  const cfgAbs = configPath ? path.resolve(configPath) : path.join(root, CONFIG_FILE);
  let cfgText: string | undefined;
  try {
    // A FIFO named .signoff.json would block the read forever: only a regular file is read.
    const st = await fsp.stat(cfgAbs);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    cfgText = await fsp.readFile(cfgAbs, 'utf8');
  } catch (e) {
    if (configPath) throw new UsageError(`cannot read config file ${configPath}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    if ((e as NodeJS.ErrnoException).code === 'not a regular file') io.stderr(`signoff: ${CONFIG_FILE} is not a regular file: not read, the defaults apply\n`);
  }
  const loaded = parseConfig(cfgText);
  const host = new NodeHost({
    root,
    exclude: loaded.config.exclude,
    now,
    log: (level, msg) => { if (level === 'error') io.stderr(`signoff: ${msg}\n`); },
  });
  const engine = new Engine(host, loaded.config);
  return { engine, host, config: loaded.config, configFindings: loaded.findings, configPath: path.relative(root, cfgAbs).split(path.sep).join('/'), configText: cfgText };
}

export async function runCheck(options: CheckOptions, io: CliIO): Promise<CheckResult> {
  const root = path.resolve(options.root);
  try {
    const s = await fsp.stat(root);
    if (!s.isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`root is not a directory: ${options.root}`);
  }
  const { engine, host, configFindings, configPath, configText } = await loadEngine(root, options.configPath, io, options.now);
  const files = await selectFiles(host, options.paths, io.cwd, (rel) => engine.isIncluded(rel), (m) => io.stderr(`signoff: ${m}\n`));
  engine.workspace.files = await host.listFiles();

  // --cache: reuse what still stands (cache.ts); only the rest is parsed and checked.
  const cache = options.cache && !options.fix
    ? await CheckCache.open({ file: cacheFile(root, options.cacheLocation), version: options.version ?? '', configText, files: engine.workspace.files, host, now: host.now() })
    : undefined;
  const plan = cache ? await cache.plan(files, host) : { toCheck: files, reused: [], summaries: [] };
  const deps = new Set<string>();

  // Two stages (parallel-stages.ts): parse, index and check what needs only the document; then the rules that
  // need every document indexed. Worker threads share the work when there are many files; an injected clock
  // (tests) or --fix keep it in this thread.
  const workers = options.fix || options.now ? 0 : workerCount(plan.toCheck.length, io.env);
  const script = path.join(__dirname, 'worker.js');
  let fresh: StagedResult[];
  if (workers > 1 && existsSync(script)) {
    const setup = { root: host.root, configText, files: engine.workspace.files, recordDeps: !!cache };
    fresh = await checkInWorkers(script, setup, plan.toCheck, workers, (m) => io.stderr(`signoff: ${m}\n`), { summaries: plan.summaries, deps });
  } else {
    let checkEngine = engine;
    if (cache) {
      checkEngine = new Engine(recordingHost(host, deps), engine.config);
      checkEngine.workspace.files = engine.workspace.files;
    }
    fresh = await checkInThread(new StagedChecker(checkEngine, host), plan.toCheck, plan.summaries);
  }
  const byPath = new Map([...fresh, ...plan.reused].map((f) => [f.path, f]));
  const checked = files.flatMap((f) => byPath.get(f) ?? []);
  if (cache) {
    try {
      await cache.save(checked, deps, host);
    } catch (e) {
      io.stderr(`signoff: could not write the cache ${cache.file}: ${(e as Error).message}\n`);
    }
  }

  const result: CheckResult = { root, files: [], configFindings: { path: configPath, findings: configFindings }, fixedFiles: [] };
  for (const file of checked) {
    let findings = file.findings;
    if (options.fix && safeFixEdits(findings).length) {
      // Apply safe fixes, re-parse, re-check; repeat while fixes keep applying (bounded).
      const bytes = await host.readFile(file.path);
      const original = bytes ? decodeText(bytes) : undefined;
      if (original && (original.invalidUtf8At !== undefined || original.binary)) {
        // Writing decoded text back would turn the undecodable bytes into U+FFFD for good: never lose text.
        io.stderr(`signoff: ${file.path}: not fixed, the file is not valid UTF-8 (fix its encoding first)\n`);
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
            io.stderr(`signoff: ${file.path}: the fixes could not be written (${failed}); the file is unchanged\n`);
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
