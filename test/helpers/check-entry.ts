/**
 * Bundled twice by test/property/gfm-subset.test.ts (once as is, once with the whole of remark-gfm): the real engine
 * over a workspace, each finding reduced to what a user sees of it (file, rule, severity, message, position).
 */
import { checkAll } from './corpus';

export async function findingsOf(root: string, files: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const { doc, findings } of await checkAll(root, files)) {
    for (const f of findings) out.push(`${doc.path}:${f.start.line}:${f.start.column}-${f.end.line}:${f.end.column} ${f.severity} ${f.ruleId} ${f.message}`);
  }
  return out;
}
