/**
 * Prints each label file's precision on today's code (not a test; the suite asserts). Run in any checkout that
 * has these labels to compare: `node --import tsx test/precision/measure.ts`
 */
import { existsSync } from 'node:fs';
import { CORPUS, SEEDS, checkAll, markdownFiles } from '../helpers/corpus';
import { countByRule, currentState, evaluate, loadLabels } from './suite';

async function main() {
  if (!existsSync(CORPUS)) throw new Error(`${CORPUS} is absent`);
  const results = await checkAll(CORPUS, markdownFiles(CORPUS));
  const state = currentState(results);
  const seedState = currentState(await checkAll(SEEDS, markdownFiles(SEEDS).filter((f) => !/checklist/i.test(f))));
  console.log('label file                      samples  present  right  precision  wrong-present  right-missing');
  for (const f of loadLabels()) {
    const o = evaluate(f, f.corpus === 'seeds' ? seedState : state);
    console.log(`${(f.corpus === 'seeds' ? `${o.rule} (seeds)` : o.rule).padEnd(32)}${String(o.samples).padStart(7)}${String(o.present).padStart(9)}${String(o.rightPresent).padStart(7)}${(o.precision * 100).toFixed(1).padStart(10)}%${String(o.wrongPresent.length).padStart(15)}${String(o.rightMissing.length).padStart(15)}`);
  }
  console.log(JSON.stringify(countByRule(results)));
}
void main();
