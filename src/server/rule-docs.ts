/**
 * Where a diagnostic's rule-id link points: the rule's page shipped inside the extension (docs/rules/<id>.md, in
 * the .vsix next to dist/), so it opens offline; the page on the code host only when no page is bundled.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { docsUrl } from '../core/index';

/** dist/server.js -> ../docs/rules; src/server/*.ts (tests run from source) -> ../../docs/rules. */
const CANDIDATES = [join(__dirname, '..', 'docs', 'rules'), join(__dirname, '..', '..', 'docs', 'rules')];
let folder: string | null | undefined;
const hrefs = new Map<string, string>();

export function rulePageHref(ruleId: string): string {
  let href = hrefs.get(ruleId);
  if (href) return href;
  if (folder === undefined) folder = CANDIDATES.find((d) => existsSync(join(d, 'cert-title.md'))) ?? null;
  const page = folder && /^[a-z0-9-]+$/.test(ruleId) ? join(folder, `${ruleId}.md`) : undefined;
  href = page && existsSync(page) ? URI.file(page).toString() : docsUrl(ruleId);
  hrefs.set(ruleId, href);
  return href;
}
