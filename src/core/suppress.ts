/**
 * Inline suppression comments:
 *   <!-- signoff-disable-next-line rule-id [rule-id ...] -->   (no ids: every rule)
 *   <!-- signoff-disable rule-id -->  ...  <!-- signoff-enable rule-id -->
 * Found in the mdast (html nodes), so comments inside code fences never count.
 */
import type { Root, Nodes } from 'mdast';

const DIRECTIVE = /<!--\s*signoff-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

/** Lines on which a rule (or every rule: `*`) is suppressed. Plain data: document summaries carry them. */
export interface SuppressedRegion { rule: string | '*'; fromLine: number; toLine: number }

export class Suppressions {
  readonly regions: SuppressedRegion[] = [];

  /** The regions of a document's tree, or (workspace pass) the regions a summary carries. */
  constructor(tree: Root | readonly SuppressedRegion[], lineCount = 0) {
    if (Array.isArray(tree)) {
      this.regions.push(...(tree as readonly SuppressedRegion[]));
      return;
    }
    this.scan(tree as Root, lineCount);
  }

  private scan(tree: Root, lineCount: number): void {
    const open = new Map<string, number>();
    const stack: Nodes[] = [tree];
    const directives: { kind: string; rules: string[]; line: number; endLine: number }[] = [];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'html') {
        for (const m of n.value.matchAll(DIRECTIVE)) {
          const rules = m[2].split(/[\s,]+/).filter(Boolean);
          directives.push({ kind: m[1], rules, line: n.position?.start.line ?? 1, endLine: n.position?.end.line ?? 1 });
        }
      }
      if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
    }
    directives.sort((a, b) => a.line - b.line);
    for (const d of directives) {
      const ids = d.rules.length ? d.rules : ['*'];
      if (d.kind === 'disable-next-line') for (const r of ids) this.regions.push({ rule: r, fromLine: d.endLine + 1, toLine: d.endLine + 1 });
      else if (d.kind === 'disable-line') for (const r of ids) this.regions.push({ rule: r, fromLine: d.line, toLine: d.endLine });
      else if (d.kind === 'disable') for (const r of ids) if (!open.has(r)) open.set(r, d.line);
      else {
        for (const r of ids) {
          if (r === '*') {
            for (const [rule, from] of open) this.regions.push({ rule, fromLine: from, toLine: d.line });
            open.clear();
          } else if (open.has(r)) {
            this.regions.push({ rule: r, fromLine: open.get(r)!, toLine: d.line });
            open.delete(r);
          }
        }
      }
    }
    for (const [rule, from] of open) this.regions.push({ rule, fromLine: from, toLine: lineCount });
  }

  isSuppressed(ruleId: string, line: number): boolean {
    return this.regions.some((r) => (r.rule === '*' || r.rule === ruleId) && line >= r.fromLine && line <= r.toLine);
  }
}
