/**
 * Where a reference points inside its file, as whole lines: the cited range, or for a pytest node id
 * (`tests/test_x.py::TestX::test_y`) the `def test_y` nested in `class TestX`, with its body. Links, hovers and
 * go-to-definition all open the same lines, so they share this computation.
 */
import type { EvidenceRef, LineRange } from './types';

/** 1-based, inclusive. */
export interface TargetLines {
  start: number;
  end: number;
}

/**
 * The lines a reference opens. Needs the file's text only for a pytest node id (then undefined when a name is not
 * defined); a reference without lines or names targets nothing in particular (undefined).
 */
export function referenceTarget(ref: { ranges: readonly LineRange[]; names?: EvidenceRef['names'] }, fileText?: string): TargetLines | undefined {
  const r = ref.ranges[0];
  if (r) return { start: Math.min(r.start, r.end), end: Math.max(r.start, r.end) };
  if (ref.names?.length && fileText !== undefined) return pythonDefinition(fileText, ref.names.map((n) => n.name));
  return undefined;
}

/**
 * The definition of a dotted Python name path (`TestX`, `test_y`): each name is looked up inside the body of the
 * previous one. Its body ends before the next non-blank line indented no deeper than the `def`/`class` line.
 */
export function pythonDefinition(text: string, names: readonly string[]): TargetLines | undefined {
  const lines = text.split(/\r\n|\n|\r/);
  let from = 0;
  let to = lines.length;
  let minIndent = -1;
  let found: TargetLines | undefined;
  for (const name of names) {
    const def = new RegExp(String.raw`^([ \t]*)(?:async[ \t]+)?(?:def|class)[ \t]+${name}\b`);
    let hit = -1;
    let indent = 0;
    for (let i = from; i < to; i++) {
      const m = def.exec(lines[i]);
      if (m && m[1].length > minIndent) { hit = i; indent = m[1].length; break; }
    }
    if (hit < 0) return undefined;
    const last = bodyEnd(lines, hit, indent, to);
    found = { start: hit + 1, end: last + 1 };
    from = hit + 1;
    to = last + 1;
    minIndent = indent;
  }
  return found;
}

/**
 * The 0-based index of the last line of the body under line `at` (indented `indent`): the lines before the next
 * non-blank one indented no deeper, up to `to`. A closing bracket at the def's own indent still belongs to it.
 */
export function bodyEnd(lines: readonly string[], at: number, indent: number, to = lines.length): number {
  let last = at;
  for (let j = at + 1; j < to; j++) {
    const l = lines[j];
    if (!l.trim()) continue;
    if (l.length - l.trimStart().length <= indent && !/^\s*[)\]}]/.test(l)) break;
    last = j;
  }
  return last;
}

/**
 * The URI fragment that makes VS Code's opener select the lines whole: from column 1 of the first line to column 1
 * of the line after the last (`L7,1-L10,1` for lines 7-9; the editor clamps a line past the end).
 */
export function wholeLinesFragment(t: TargetLines): string {
  return `L${t.start},1-L${t.end + 1},1`;
}
