// The floor the CLI is compared against: a bare, single-threaded read + remark-parse + remark-gfm parse of the
// given Markdown files (or every .md under a directory), nothing else. Prints the file count and bytes.
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
for (const a of process.argv.slice(2)) walk(a);
const processor = unified().use(remarkParse).use(remarkGfm);
let bytes = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  bytes += text.length;
  processor.parse(text);
}
console.log(JSON.stringify({ files: files.length, chars: bytes }));
