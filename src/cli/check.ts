/** `signoff check`: read, parse, index and check the selected documents; optionally apply the safe fixes. */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Engine, parseConfig, CONFIG_FILE, decodeText, applyEdits, safeFixEdits, type Finding, type ParsedDocument, type DocumentKind } from '../core/index';
import { NodeHost } from '../node/fs-host';
import { selectFiles } from './files';
import { UsageError, type CliIO } from './io';

export interface CheckOptions {
  root: string;
  configPath?: string;
  paths: string[];
  fix: boolean;
  now?: () => Date;
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
    cfgText = await fsp.readFile(cfgAbs, 'utf8');
  } catch (e) {
    if (configPath) throw new UsageError(`cannot read config file ${configPath}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const loaded = parseConfig(cfgText);
  const host = new NodeHost({
    root,
    exclude: loaded.config.exclude,
    now,
    log: (level, msg) => { if (level === 'error') io.stderr(`signoff: ${msg}\n`); },
  });
  const engine = new Engine(host, loaded.config);
  return { engine, host, config: loaded.config, configFindings: loaded.findings, configPath: path.relative(root, cfgAbs).split(path.sep).join('/') };
}

export async function runCheck(options: CheckOptions, io: CliIO): Promise<CheckResult> {
  const root = path.resolve(options.root);
  try {
    const s = await fsp.stat(root);
    if (!s.isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`root is not a directory: ${options.root}`);
  }
  const { engine, host, configFindings, configPath } = await loadEngine(root, options.configPath, io, options.now);
  const files = await selectFiles(host, options.paths, io.cwd, (rel) => engine.isIncluded(rel));
  engine.workspace.files = await host.listFiles();

  // Parse everything first: workspace rules (unique ids, cross-references) need every document indexed.
  const docs: ParsedDocument[] = [];
  const bom = new Map<string, boolean>();
  for (const rel of files) {
    const bytes = await host.readFile(rel);
    if (!bytes) continue;
    const decoded = decodeText(bytes);
    bom.set(rel, decoded.bom);
    const { text, ...facts } = decoded;
    const doc = engine.parse(rel, text, facts);
    if (!doc.kind) continue;
    engine.workspace.update(doc);
    docs.push(doc);
  }

  const result: CheckResult = { root, files: [], configFindings: { path: configPath, findings: configFindings }, fixedFiles: [] };
  for (let doc of docs) {
    let findings = await engine.check(doc);
    if (options.fix) {
      // Apply safe fixes, re-parse, re-check; repeat while fixes keep applying (bounded).
      let text = doc.text;
      for (let pass = 0; pass < 5; pass++) {
        const edits = safeFixEdits(findings);
        if (!edits.length) break;
        text = applyEdits(text, edits);
        doc = engine.parse(doc.path, text, doc.decoded);
        engine.workspace.update(doc);
        findings = await engine.check(doc);
      }
      if (text !== docs.find((d) => d.path === doc.path)?.text) {
        const abs = host.absolute(doc.path)!;
        const out = (bom.get(doc.path) ? '\uFEFF' : '') + text;
        await fsp.writeFile(abs, out, 'utf8');
        result.fixedFiles.push(doc.path);
      }
    }
    result.files.push({ path: doc.path, kind: doc.kind!, findings });
  }
  return result;
}
