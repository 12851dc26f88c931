/**
 * The real engine over the real corpus (../shared/corpus/lighthouse and ../shared/seeds), as the CLI runs it: every
 * file parsed first (workspace rules need the whole index), then each checked. Shared by the corpus soundness test,
 * the precision suite and its sampling tool. A fresh clone has no ../shared: callers skip, saying so.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Engine, parseConfig, decodeText, type Finding, type ParsedDocument } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { FIXED_NOW, SHARED } from './engine';

export const CORPUS = join(SHARED, 'corpus/lighthouse');
export const SEEDS = join(SHARED, 'seeds');

export interface Checked {
  doc: ParsedDocument;
  findings: Finding[];
}

export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Parses every file first, then checks each in path order (the repository-level drift note comes once, on the first). */
export async function checkAll(root: string, files: string[], configText?: string): Promise<Checked[]> {
  const { config } = parseConfig(configText);
  const host = new NodeHost({ root, exclude: config.exclude, now: () => FIXED_NOW });
  const engine = new Engine(host, config);
  engine.workspace.files = await host.listFiles();
  const docs = files.map((abs) => {
    const { text, ...facts } = decodeText(readFileSync(abs));
    const doc = engine.parse(relative(root, abs).split(sep).join('/'), text, facts);
    engine.workspace.update(doc);
    return doc;
  });
  const out: Checked[] = [];
  for (const doc of docs) out.push({ doc, findings: await engine.check(doc) });
  return out;
}

/** What identifies a finding across runs: its file, rule, 1-based line and the source text it marks. */
export interface FindingKey {
  file: string;
  rule: string;
  line: number;
  text: string;
}

export function keyOf(doc: ParsedDocument, f: Finding): FindingKey {
  return { file: doc.path, rule: f.ruleId, line: f.start.line, text: doc.text.slice(f.span.start, f.span.end).slice(0, 200) };
}

export function sameKey(a: FindingKey, b: FindingKey): boolean {
  return a.file === b.file && a.rule === b.rule && a.line === b.line && a.text === b.text;
}
