/**
 * Sampling tool for the binding labels (not a test): every bare `lines N-M` of the corpus with the file it was bound
 * to (or null), as JSON lines. `node --import tsx test/precision/dump-bindings.ts`
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { Engine, decodeText, evidenceOf, parseConfig } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { CORPUS, markdownFiles } from '../helpers/corpus';

const { config } = parseConfig(undefined);
const engine = new Engine(new NodeHost({ root: CORPUS, exclude: config.exclude }), config);
for (const abs of markdownFiles(CORPUS)) {
  const path = relative(CORPUS, abs).split(sep).join('/');
  const doc = engine.parse(path, decodeText(readFileSync(abs)).text);
  const ev = evidenceOf(doc);
  const rows = [
    ...ev.refs.filter((r) => r.form === 'bare-lines').map((r) => ({ line: r.line, text: doc.text.slice(r.span.start, r.span.end), boundTo: r.path as string | null, binding: r.binding, from: r.boundToLine })),
    ...ev.unbound.map((u) => ({ line: u.line, text: doc.text.slice(u.span.start, u.span.end), boundTo: null, binding: undefined, from: undefined })),
  ].sort((a, b) => a.line - b.line);
  for (const r of rows) console.log(JSON.stringify({ file: path, ...r, context: doc.lines.lineText(r.line).slice(0, 240) }));
}
