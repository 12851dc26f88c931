/**
 * The headings a reference stands under, as a reader uses them to tell same-named files apart: in an inventory
 * certificate with `## AGENT GL-001` then `- tools.py`, the file meant is the one in a folder named `GL-001`. A
 * suffix match that is ambiguous in its folder is narrowed by the heading words that name a folder of the
 * candidates' paths (whole segments, any case); when one candidate is left, that is the file meant.
 */
import type { Heading, RootContent } from 'mdast';
import type { ParsedDocument } from '../document';

/** Per document, once: each top-level node's start and end, the headings in effect after it and the label. */
interface Outline {
  starts: number[];
  ends: number[];
  /** Heading texts in effect after node i, innermost first. */
  chains: string[][];
  /** The label paragraph in effect after node i (since the last heading). */
  labels: (string | undefined)[];
  nodes: RootContent[];
}

const outlines = new WeakMap<ParsedDocument, Outline>();

function outlineOf(doc: ParsedDocument): Outline {
  let o = outlines.get(doc);
  if (o) return o;
  o = { starts: [], ends: [], chains: [], labels: [], nodes: doc.tree.children };
  const stack: { depth: number; text: string }[] = [];
  let chain: string[] = [];
  let label: string | undefined;
  for (const node of doc.tree.children) {
    if (node.type === 'heading') {
      const h = node as Heading;
      while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
      stack.push({ depth: h.depth, text: plainText(h) });
      chain = stack.map((x) => x.text).reverse();
      label = undefined;
    } else if (isLabel(node)) label = plainText(node);
    o.starts.push(node.position?.start.offset ?? 0);
    o.ends.push(node.position?.end.offset ?? 0);
    o.chains.push(chain);
    o.labels.push(label);
  }
  outlines.set(doc, o);
  return o;
}

/**
 * Texts of what a reader takes as the reference's headings, innermost first: the cells of its table row (`| GL-001 |
 * ... | TOOL_SPECIFICATIONS.md |`), the nearest label paragraph above it in its section (`**GL-001:**`), then the
 * headings enclosing it. Computed once per document, then a binary search per reference.
 */
export function enclosingHeadings(doc: ParsedDocument, offset: number): string[] {
  const o = outlineOf(doc);
  let lo = 0;
  let hi = o.starts.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (o.starts[mid] <= offset) { i = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (i < 0) return [];
  const node = o.nodes[i];
  const inside = offset <= o.ends[i];
  // Inside a heading no label applies; inside a label paragraph, the one before it (in the same section).
  let label = o.labels[i];
  if (inside && node.type === 'heading') label = undefined;
  else if (inside && isLabel(node)) label = i > 0 && o.chains[i - 1] === o.chains[i] ? o.labels[i - 1] : undefined;
  let row: string | undefined;
  if (inside && node.type === 'table') {
    const hit = node.children.find((r) => (r.position?.start.offset ?? 0) <= offset && offset <= (r.position?.end.offset ?? 0));
    if (hit) row = plainText(hit as unknown as RootContent);
  }
  return [...(row ? [row] : []), ...(label ? [label] : []), ...o.chains[i]];
}

/** A paragraph that is only a short emphasised label (`**GL-001:**`, `*Agent GL-002*`). */
function isLabel(node: RootContent): boolean {
  if (node.type !== 'paragraph' || node.children.length !== 1) return false;
  const only = node.children[0];
  return (only.type === 'strong' || only.type === 'emphasis') && plainText(only as unknown as RootContent).length <= 80;
}

function plainText(node: Heading | RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join(' ');
  return '';
}

/**
 * The candidates left after keeping, for each heading word that names a folder of some candidates but not of all,
 * only those (innermost heading first). `scope` is the folder the candidates were found in: folders above it say
 * nothing. Returns the narrowed list and the words that narrowed it, or undefined when no word narrows.
 */
export function narrowByHeadings(candidates: readonly string[], scope: string, headings: readonly string[], isFolder?: (path: string) => boolean): { candidates: string[]; words: string[] } | undefined {
  let left = [...candidates];
  const words: string[] = [];
  const folders = (c: string) => c.slice(scope ? scope.length + 1 : 0).toLowerCase().split('/').slice(0, -1);
  for (const heading of headings) {
    for (const word of heading.split(/[^A-Za-z0-9_.-]+/)) {
      const w = word.replace(/^[.-]+|[.-]+$/g, '').toLowerCase();
      if (w.length < 2) continue;
      const kept = left.filter((c) => folders(c).includes(w));
      // The heading names a component folder right under the scope (an identifier such as GL-001, with a digit: a
      // generic word such as "Monitoring" only sorts files) that holds none of them: the file meant is not there.
      // Any heading of the chain counts: `### GL-005 pattern` inside `# GL-006 ...` still says GL-006's file is meant.
      if (!kept.length && /\d/.test(w) && isFolder?.(scope ? `${scope}/${word}` : word)) return { candidates: [], words: [word] };
      if (kept.length && kept.length < left.length) {
        left = kept;
        words.push(word);
      }
    }
  }
  return words.length ? { candidates: left, words } : undefined;
}
