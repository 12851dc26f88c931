/** Applies fixes (plain text edits) to a document's text. Overlapping edits are skipped, never merged. */
import type { Finding, TextEdit } from '../types';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) continue; // overlaps an edit already applied
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}

/** The safe fixes of these findings whose edits do not overlap each other (first come, first kept). */
export function safeFixEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const overlaps = (e: TextEdit) => chosen.some((c) => e.start < c.end && c.start < e.end || (e.start === e.end && e.start === c.start));
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.safe && !x.path);
    if (!fix) continue;
    if (fix.edits.some(overlaps)) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}
