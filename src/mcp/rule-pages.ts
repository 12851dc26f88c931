/**
 * The rules as an agent reads them: each rule's documentation page (docs/rules/<id>.md, shipped next to dist/ in
 * the package and the .vsix) and its one-line description (the rule's metadata; for the few findings the engine
 * itself reports, the page's first paragraph).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../core/index';

/** dist/mcp.js -> ../docs/rules; src/mcp/*.ts (tests run from source) -> ../../docs/rules. */
const CANDIDATES = [join(__dirname, '..', 'docs', 'rules'), join(__dirname, '..', '..', 'docs', 'rules')];
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

let folder: string | null | undefined;

function pagesFolder(): string | undefined {
  if (folder === undefined) folder = CANDIDATES.find((d) => existsSync(join(d, 'cert-title.md'))) ?? null;
  return folder ?? undefined;
}

/** Ids of every rule with a page, sorted. */
export function ruleIds(): string[] {
  const dir = pagesFolder();
  if (!dir) return RULES.map((r) => r.meta.id).sort();
  return readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).filter((id) => RULE_ID.test(id)).sort();
}

/** The page of a rule, or undefined for an id that has none. */
export function rulePage(id: string): string | undefined {
  const dir = pagesFolder();
  if (!dir || !RULE_ID.test(id)) return undefined;
  try {
    return readFileSync(join(dir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

const descriptions = new Map<string, string>(RULES.map((r) => [r.meta.id, r.meta.description]));

/** A rule's one-line description: its metadata, else the first paragraph of its page after the summary line. */
export function ruleDescription(id: string): string {
  let d = descriptions.get(id);
  if (d === undefined) {
    const blocks = (rulePage(id) ?? '').split(/\n\s*\n/).map((b) => b.trim());
    d = blocks.find((b) => b && !b.startsWith('#') && !/^Severity:/.test(b))?.replace(/\s*\n\s*/g, ' ') ?? '';
    descriptions.set(id, d);
  }
  return d;
}
