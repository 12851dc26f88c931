/** Builds the checklist model (model/checklist.ts) from the mdast and the source text. */
import type { Code, Heading as MdHeading, ListItem, Nodes, Root } from 'mdast';
import type { ChecklistModel, Expected, Phase, Snippet, Task } from '../model/checklist';
import type { Field, Heading } from '../model/common';
import type { LineIndex } from '../text/line-index';
import type { Span } from '../types';
import { parseFenceOptions } from './fence-options';
import { allHeadings, endOffset, fieldsInRange, plainText, startOffset, toHeading } from './mdast-utils';

// `Phase 2: Name`; not a range such as `Phase 1-4`.
export const PHASE_TITLE = /^\W*Phase\s+(\d+)(?!\d)(?!\s*[-–—]\s*\d)\s*(?:[:.\-–—]\s*)?(.*)$/iu;
const GO_NO_GO = /\bGo\s*\/\s*No[- ]?Go\b/i;
// `# Expected: X` keeps X; `# Should X` keeps `Should X` (a description for a person, classified as prose).
const EXPECTED = /#\s*(?:Expected\b\s*:?\s*|(?=Should\b))(.*?)\s*$/i;
const COMMENT = /^\s*#\s?(.*?)\s*$/;
const CHECKBOX = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(\[[ xX]\])/;

export function extractChecklist(tree: Root, lines: LineIndex): ChecklistModel {
  const text = lines.text;
  const headings = allHeadings(tree);
  const h1s = headings.filter((h) => h.depth === 1).map(toHeading);

  // Metadata: the `---`-framed block is a setext H2 in mdast; otherwise header paragraphs before the first H2.
  const metadata: Field[] = [];
  const firstAtxH2 = tree.children.find((c) => c.type === 'heading' && c.depth === 2 && !isSetext(c, text));
  for (const node of tree.children) {
    if (firstAtxH2 && startOffset(node) >= startOffset(firstAtxH2)) break;
    if (node.type === 'paragraph' || (node.type === 'heading' && isSetext(node, text))) {
      metadata.push(...fieldsInRange(lines, startOffset(node), endOffset(node)));
    }
  }

  const parts = headings.filter((h) => h.depth === 2 && !isSetext(h, text)).map(toHeading);

  // Phases: headings titled `Phase N ...`; each runs to the next heading of the same or a higher level.
  const phases: Phase[] = [];
  const nextIndex = nextHeadingIndex(headings);
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const m = PHASE_TITLE.exec(plainText(h).trim());
    if (!m || isSetext(h, text)) continue;
    const next = headings[nextIndex[i]];
    const end = next ? startOffset(next) : text.length;
    const groups = headings
      .slice(i + 1, nextIndex[i])
      .map((g) => ({ name: plainText(g).replace(/^[^\p{L}\p{N}]+/u, '').trim(), heading: toHeading(g) }));
    phases.push({
      number: Number(m[1]),
      name: m[2].replace(/[*_]+$/g, '').trim(),
      heading: toHeading(h),
      span: { start: startOffset(h), end },
      groups,
      tasks: [],
      goNoGo: undefined,
    });
  }

  // Phases are in document order: binary search for the last one starting at or before the offset, then step back
  // out of any phase that ended before it (only nested phases make that loop run more than once).
  const phaseAt = (offset: number) => {
    let k = lastIndexAtOrBefore(phaseStarts, offset);
    while (k >= 0 && !(offset < phases[k].span.end)) k--;
    return k >= 0 ? phases[k] : undefined;
  };
  const phaseStarts = phases.map((p) => p.span.start);
  const groupAt = (phase: Phase | undefined, offset: number) => {
    let g: string | undefined;
    for (const gr of phase?.groups ?? []) if (gr.heading.span.start <= offset) g = gr.name;
    return g;
  };

  // Tasks: GFM task list items, with the code fences inside them (and a fence that directly follows a task list).
  const tasks: Task[] = [];
  const walk = (nodes: Nodes[]) => {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n.type === 'list') {
        for (const item of n.children) visitItem(item);
        // A fence right after a list (not indented into its last item) belongs to the list's last task.
        const after = nodes[i + 1];
        const lastTask = tasks[tasks.length - 1];
        if (after?.type === 'code' && lastTask && lastTask.span.end <= startOffset(after) && lastTask.span.start >= startOffset(n)) {
          lastTask.snippets.push(toSnippet(after, lines));
        }
      } else if (n.type === 'blockquote') {
        walk(n.children as Nodes[]);
      }
    }
  };
  const visitItem = (item: ListItem) => {
    const isTask = typeof item.checked === 'boolean';
    let task: Task | undefined;
    if (isTask) {
      const start = startOffset(item);
      const line = item.position?.start.line ?? 1;
      const lineText = lines.lineText(line);
      const m = CHECKBOX.exec(lineText);
      const boxOffset = m ? lines.lineStarts[line - 1] + m[0].length - 3 : start;
      const first = item.children[0];
      const firstText = first && first.type === 'paragraph' ? plainText(first) : '';
      const strong = first && first.type === 'paragraph' && first.children[0]?.type === 'strong' ? plainText(first.children[0]).replace(/:$/, '').trim() : undefined;
      const phase = phaseAt(start);
      const inlineCode: Task['inlineCode'] = [];
      if (first && first.type === 'paragraph') {
        for (const c of first.children) if (c.type === 'inlineCode') inlineCode.push({ value: c.value, span: { start: startOffset(c), end: endOffset(c) } });
      }
      task = {
        checked: item.checked === true,
        checkboxSpan: { start: boxOffset, end: boxOffset + 3 },
        label: strong,
        text: firstText.split('\n')[0].trim(),
        line,
        span: { start, end: endOffset(item) },
        snippets: [],
        phase: phase?.number,
        group: groupAt(phase, start),
        inlineCode,
      };
      tasks.push(task);
    }
    // Snippets of this task: code fences among its children (not those of nested tasks, which own theirs).
    for (const child of item.children) {
      if (child.type === 'code' && task) task.snippets.push(toSnippet(child, lines));
      else if (child.type === 'list') {
        for (const sub of child.children) {
          if (typeof sub.checked === 'boolean') visitItem(sub);
          else {
            for (const c of sub.children) if (c.type === 'code' && task) task.snippets.push(toSnippet(c, lines));
            visitItem(sub);
          }
        }
      }
    }
  };
  walk(tree.children as Nodes[]);

  for (const t of tasks) {
    const phase = t.phase === undefined ? undefined : phaseAt(t.span.start);
    phase?.tasks.push(t);
  }

  // Go/No-Go blocks: the first paragraph or heading of a phase that says Go/No-Go (never a task's text nor a code
  // fence: those are inside other nodes), then its GO / NO-GO lines, from the rest of that paragraph and the list
  // right after it.
  const blocks = outerBlocks(tree.children as Nodes[]);
  const blockStarts = blocks.map((b) => startOffset(b));
  for (const phase of phases) {
    let k = lastIndexAtOrBefore(blockStarts, phase.span.start - 1) + 1;
    while (k < blocks.length && blockStarts[k] < phase.span.end && !((blocks[k].type === 'paragraph' || blocks[k].type === 'heading') && GO_NO_GO.test(plainText(blocks[k])))) k++;
    if (k >= blocks.length || blockStarts[k] >= phase.span.end) continue;
    const header = blocks[k];
    const blockStart = startOffset(header);
    const startLine = header.position?.start.line ?? lines.positionAt(blockStart).line;
    let go: Span | undefined;
    let noGo: Span | undefined;
    let last = endOffset(header);
    const consider = (span: Span, lineText: string) => {
      const verdict = goOrNoGo(lineText);
      if (verdict === 'no-go') noGo ??= span;
      else if (verdict === 'go') go ??= span;
    };
    if (header.type === 'paragraph') {
      for (let l = startLine + 1; l <= (header.position?.end.line ?? startLine); l++) {
        const s = lines.lineStarts[l - 1];
        consider({ start: s, end: lines.lineEnd(l) }, lines.lineText(l));
      }
    }
    const next = blocks[k + 1];
    if (next?.type === 'list' && startOffset(next) < phase.span.end) {
      for (const item of next.children) {
        const line = item.position?.start.line ?? 1;
        consider({ start: startOffset(item), end: lines.lineEnd(line) }, lines.lineText(line));
      }
      last = endOffset(next);
    }
    phase.goNoGo = { span: { start: blockStart, end: last }, line: startLine, go, noGo };
  }

  return { kind: 'checklist', h1s, metadata, parts, phases, tasks };
}

/** Top-level blocks in document order, with the blocks of block quotes (not of lists: those belong to items). */
function outerBlocks(nodes: Nodes[]): Nodes[] {
  const out: Nodes[] = [];
  for (const n of nodes) {
    if (n.type === 'blockquote') out.push(...outerBlocks(n.children as Nodes[]));
    else out.push(n);
  }
  return out;
}

/** Whether a line of a Go/No-Go block states the GO or the NO-GO criteria (`- ✅ **GO**: ...`). */
function goOrNoGo(line: string): 'go' | 'no-go' | undefined {
  const lead = line.replace(/^[^\p{L}]+/u, '');
  if (/^NO[\s-]?GO\b/i.test(lead)) return 'no-go';
  if (/^GO\b/i.test(lead)) return 'go';
  // A damaged or unusual prefix: an upper-case GO / NO-GO anywhere in the line.
  if (/\bNO[\s-]?GO\b/.test(line)) return 'no-go';
  if (/\bGO\b/.test(line)) return 'go';
  return undefined;
}

function isSetext(h: MdHeading | Heading | Nodes, text: string): boolean {
  if (!('depth' in h)) return false;
  const start = 'span' in h ? h.span.start : startOffset(h as Nodes);
  return text[start] !== '#';
}

function toSnippet(code: Code, lines: LineIndex): Snippet {
  const line = code.position?.start.line ?? 1;
  const endLine = code.position?.end.line ?? line;
  // A fenced block's code starts on the line after its opening fence and ends before its closing fence (if it has
  // one: an unclosed fence runs to the end of its container); an indented block is code from its first line.
  const startColumn = code.position?.start.column ?? 1;
  const opening = /^(`{3,}|~{3,})/.exec(lines.lineText(line).slice(startColumn - 1));
  const closing = opening && endLine > line && new RegExp(`^[\\s>]*${opening[1][0] === '`' ? '`' : '~'}{${opening[1].length},}\\s*$`).test(lines.lineText(endLine));
  const codeLine = opening ? line + 1 : line;
  const lastCodeLine = opening && closing ? endLine - 1 : endLine;
  const expected: Expected[] = [];
  for (let l = codeLine; l <= lastCodeLine; l++) {
    const lt = lines.lineText(l);
    const m = EXPECTED.exec(lt);
    if (!m) continue;
    const lineStart = lines.lineStarts[l - 1];
    const at = lt.indexOf(m[0]);
    // Inside `python -c "…"` the line may end with the closing quote of the -c argument: drop a quote that closes
    // nothing in the expectation itself (`# Expected: "readme found"` keeps both of its quotes).
    let text = m[1].replace(/(["'])\s*\)?\s*$/, (all, q: string) => (m[1].split(q).length % 2 === 0 ? '' : all)).trim();
    let endLine = l;
    // A description wrapped onto the next comment line (`… organize-directories,` / `# run, select-pipelines`).
    while (/,$/.test(text) && endLine < lastCodeLine) {
      const next = COMMENT.exec(lines.lineText(endLine + 1));
      if (!next || !next[1] || EXPECTED.test(lines.lineText(endLine + 1))) break;
      text = `${text} ${next[1].trim()}`;
      endLine++;
    }
    expected.push({ text, line: l, span: { start: lineStart + at, end: endLine === l ? lineStart + at + m[0].length : lines.lineEnd(endLine) } });
    l = endLine;
  }
  const parsed = parseFenceOptions(code.meta);
  const fenceLine = lines.lineText(line);
  const metaAt = code.meta ? fenceLine.indexOf(code.meta) : -1;
  const metaStart = metaAt >= 0 ? lines.lineStarts[line - 1] + metaAt : startOffset(code);
  return {
    lang: (code.lang ?? '').toLowerCase(),
    code: code.value,
    span: { start: startOffset(code), end: endOffset(code) },
    line,
    codeLine,
    expected,
    options: parsed.options,
    optionProblems: parsed.problems.map((p) => ({ message: p.message, span: { start: metaStart + p.start, end: metaStart + p.end } })),
  };
}

/**
 * For each heading, the index of the next heading of the same or a higher level (headings.length when none), in one
 * pass with a stack, so documents with thousands of headings stay linear.
 */
function nextHeadingIndex(headings: readonly MdHeading[]): number[] {
  const next = new Array<number>(headings.length).fill(headings.length);
  const open: number[] = [];
  for (let i = 0; i < headings.length; i++) {
    while (open.length && headings[open[open.length - 1]].depth >= headings[i].depth) next[open.pop()!] = i;
    open.push(i);
  }
  return next;
}

/** Index of the last value <= target in an ascending array (-1 when none). */
function lastIndexAtOrBefore(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= target) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}
