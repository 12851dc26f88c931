/** Test helpers that drive the real engine in-process, with a real NodeHost on a real folder. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Engine, decodeText, parseConfig, type ChangeSet, type DecodedText, type Finding } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';

export const FIXED_NOW = new Date('2026-01-01T00:00:00Z');

/** Checks one document's text at a workspace-relative path under `root` (default: an empty temp folder). */
export async function checkText(path: string, text: string, opts: { root?: string; config?: string; now?: Date; decoded?: Omit<DecodedText, 'text'>; changeSet?: ChangeSet; indexTree?: boolean } = {}): Promise<Finding[]> {
  const root = opts.root ?? mkdtempSync(join(tmpdir(), 'signoff-'));
  const { config, findings } = parseConfig(opts.config);
  if (findings.length) throw new Error('bad test config: ' + findings[0].message);
  const host = new NodeHost({ root, exclude: config.exclude, now: () => opts.now ?? FIXED_NOW, changeSet: opts.changeSet });
  const engine = new Engine(host, config);
  engine.workspace.files = await host.listFiles();
  // indexTree: the other documents of the tree go through the document pass first, as in a check of the whole
  // workspace, so workspace rules see their summaries (the ledger's supersession, review gates).
  for (const other of opts.indexTree ? engine.workspace.files : []) {
    if (other === path || !other.toLowerCase().endsWith('.md')) continue;
    const bytes = await host.readFile(other);
    const { summary } = await engine.checkDocument(engine.parse(other, decodeText(bytes!).text));
    if (summary) engine.workspace.restore(summary);
  }
  const doc = engine.parse(path, text, opts.decoded);
  engine.workspace.update(doc);
  return engine.check(doc);
}

/** Makes a temp folder holding the given files (path -> content). */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'signoff-tree-'));
  for (const [p, content] of Object.entries(files)) {
    const abs = join(root, p);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export const SHARED = join(__dirname, '..', '..', '..', 'shared');
