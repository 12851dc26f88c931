// The floor the CLI is compared against: a bare, single-threaded read + remark-parse + remark-gfm parse of the
// given Markdown files (or every .md under a directory), nothing else. Prints the file count and bytes.
// --pieces: each file parsed in pieces of about 16 KB cut before its headings, as signoff parses (micromark is
// superlinear on one big input, so one call on a 2 MB document is not the floor of anything real).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const files = [];
const walk = (p) => {
  if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n));
  else if (p.endsWith('.md')) files.push(p);
};
const pieces = process.argv.includes('--pieces');
for (const a of process.argv.slice(2).filter((x) => x !== '--pieces')) walk(a);
const inPieces = (text) => {
  const out = [];
  let start = 0;
  for (const m of text.matchAll(/^#/gm)) if (m.index - start >= 16 * 1024) { out.push(text.slice(start, m.index)); start = m.index; }
  out.push(text.slice(start));
  return out;
};
const processor = unified().use(remarkParse).use(remarkGfm);
let bytes = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  bytes += text.length;
  if (pieces) for (const p of inPieces(text)) processor.parse(p);
  else processor.parse(text);
}
console.log(JSON.stringify({ files: files.length, chars: bytes }));
