/**
 * Sampling tool for the precision suite (not a test): prints every finding of the given rules over the corpus with
 * the line it is on, as JSON lines, for a person to judge. `node --import tsx test/precision/dump.ts RULE... [--seeds]`
 */
import { existsSync } from 'node:fs';
import { CORPUS, SEEDS, checkAll, keyOf, markdownFiles } from '../helpers/corpus';

async function main() {
  const args = process.argv.slice(2);
  const seeds = args.includes('--seeds');
  const rules = new Set(args.filter((a) => !a.startsWith('--')));
  const root = seeds ? SEEDS : CORPUS;
  if (!existsSync(root)) throw new Error(`${root} is absent`);
  const files = markdownFiles(root).filter((f) => !seeds || !/checklist/i.test(f));
  for (const { doc, findings } of await checkAll(root, files)) {
    for (const f of findings) {
      if (rules.size && !rules.has(f.ruleId)) continue;
      const lineText = doc.lines.lineText(f.start.line);
      console.log(JSON.stringify({ ...keyOf(doc, f), message: f.message, context: lineText.slice(0, 300) }));
    }
  }
}
void main();
