/**
 * Evidence in the editor: every resolved reference is a document link whose target opens the cited file at the
 * cited range (`file:///…/x.py#L10-L20`, the fragment VS Code's opener selects), and hovering a reference shows the
 * cited lines (capped) and their state: in range, past the end, ambiguous with its candidates, missing, outside,
 * and whatever the last check said about it (drift, quotes, line counts). Extraction and resolution are the core's.
 */
import { MarkupKind, type DocumentLink, type Hover, type Position } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { Finding, ParsedDocument } from '../../core/index';
import { extensionOf } from '../../core/evidence/paths';
import type { ResolvedRef } from '../../core/evidence/service';
import type { EvidenceRef, LineRange } from '../../core/evidence/types';
import { referenceTarget, wholeLinesFragment, type TargetLines } from '../../core/evidence/targets';
import { describeRule, folderName } from '../../core/evidence/resolution';
import { offsetAt, spanToRange } from '../convert';
import type { Folder } from '../folders';

/** Lines of a cited file shown in a hover, at most. */
export const HOVER_MAX_LINES = 15;
/** Findings whose message says what the hover's location line already does. */
const RESTATED = new Set(['evidence-file-missing', 'evidence-ambiguous', 'evidence-outside-workspace']);

function service(folder: Folder) {
  return folder.engine.workspace.evidence(folder.engine.host, folder.engine.config);
}

export async function resolvedRefs(folder: Folder, doc: ParsedDocument): Promise<ResolvedRef[]> {
  return service(folder).resolve(doc);
}

/** The fragment selecting a reference's first range whole (`L7,1-L10,1` for lines 7-9); empty without lines. */
export function rangeFragment(ranges: readonly LineRange[]): string {
  const t = referenceTarget({ ranges });
  return t ? wholeLinesFragment(t) : '';
}

/**
 * The lines a resolved reference opens: its range, or a pytest node id's `def` (read from the file). The one place
 * links and hovers (and go-to-definition) get their target from.
 */
export async function targetLines(folder: Folder, ref: EvidenceRef, path: string): Promise<TargetLines | undefined> {
  if (ref.ranges.length || !ref.names?.length) return referenceTarget(ref);
  return referenceTarget(ref, await service(folder).resolver.readText(path));
}

function fileUri(folder: Folder, path: string, fragment = ''): string {
  return URI.file(folder.absolute(path)).with({ fragment }).toString();
}

export async function documentLinks(folder: Folder, doc: ParsedDocument): Promise<DocumentLink[]> {
  const links: DocumentLink[] = [];
  for (const r of await resolvedRefs(folder, doc)) {
    if (r.location.status !== 'found') continue;
    const lines = describeRanges(r.ref.ranges);
    const target = await targetLines(folder, r.ref, r.location.path);
    links.push({
      range: spanToRange(doc.lines, r.ref.span),
      target: fileUri(folder, r.location.path, target ? wholeLinesFragment(target) : ''),
      tooltip: `Open ${r.location.path}${lines ? `, ${lines}` : ''}`,
    });
  }
  return links;
}

function describeRanges(ranges: readonly LineRange[]): string {
  if (!ranges.length) return '';
  if (ranges.length === 1) return ranges[0].start === ranges[0].end ? `line ${ranges[0].start}` : `lines ${ranges[0].start}-${ranges[0].end}`;
  return 'lines ' + ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(', ');
}

/** Markdown fence language for a file extension (the common ones; otherwise the extension itself). */
function fenceLanguage(path: string): string {
  const ext = extensionOf(path);
  const map: Record<string, string> = { py: 'python', ts: 'typescript', tsx: 'tsx', js: 'javascript', mjs: 'javascript', cjs: 'javascript', yml: 'yaml', sh: 'bash', rs: 'rust', rb: 'ruby', md: 'markdown', kt: 'kotlin', cs: 'csharp' };
  return map[ext] ?? ext;
}

/** A fence that its content cannot close. */
function fence(lang: string, body: string): string {
  let ticks = '```';
  while (body.includes(ticks)) ticks += '`';
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

export async function evidenceHover(folder: Folder, doc: ParsedDocument, position: Position, findings: readonly Finding[] | undefined): Promise<Hover | null> {
  const offset = offsetAt(doc.lines, position);
  const refs = await resolvedRefs(folder, doc);
  let hit: ResolvedRef | undefined;
  for (const r of refs) {
    if (r.ref.span.start <= offset && offset <= r.ref.span.end && (!hit || r.ref.span.end - r.ref.span.start < hit.ref.span.end - hit.ref.span.start)) hit = r;
  }
  if (!hit) return null;
  const { ref, location } = hit;
  const parts: string[] = [];
  const lines = describeRanges(ref.ranges);
  if (location.status === 'found') {
    parts.push(`**${location.path}**${lines ? ` · ${lines}` : ''}`);
    const facts = hit.facts;
    if (facts?.status === 'ok') {
      const last = Math.max(0, ...ref.ranges.map((r) => Math.max(r.start, r.end)));
      const test = !ref.ranges.length && ref.names?.length ? await targetLines(folder, ref, location.path) : undefined;
      if (test) {
        // A pytest node id: the test it names, from its `def` line.
        parts.push(`\`${ref.names!.map((n) => n.name).join('::')}\` · line ${test.start}`);
        const text = await service(folder).resolver.readText(location.path);
        if (text !== undefined) parts.push(citedLines(text, test, location.path));
      } else if (!ref.ranges.length) parts.push(`The file has ${facts.lineCount} lines.`);
      else if (ref.ranges.some((r) => r.start > r.end)) parts.push('⚠ A range starts after it ends.');
      else if (last <= facts.lineCount) parts.push(`✓ In range (the file has ${facts.lineCount} lines).`);
      else parts.push(`⚠ Past the end: the file has ${facts.lineCount} lines.`);
      const text = ref.ranges.length ? await service(folder).resolver.readText(location.path) : undefined;
      if (text !== undefined) parts.push(citedLines(text, ref.ranges[0], location.path));
    } else if (facts) {
      parts.push(facts.status === 'too-large' ? `Not read: the file is ${facts.size} bytes, over evidence.maxFileSize.` : facts.status === 'binary' ? 'Not shown: the file is binary.' : 'The file could not be read.');
    }
    // Which rule found it (evidence.md "Resolution"), so a reader sees why this file and not another.
    parts.push(`Resolved ${describeRule(location, ref.path)}.`);
  } else if (location.status === 'ambiguous') {
    parts.push(`**Ambiguous**: \`${ref.path}\` matches ${location.candidates.length} files:`);
    parts.push(location.candidates.slice(0, 20).map((c) => `- [${c}](${fileUri(folder, c, rangeFragment(ref.ranges))})`).join('\n'));
    parts.push(location.headingFolder
      ? `None is under ${folderName(location.headingFolder)}, the folder its heading names: the file meant is not there.`
      : `Looked for under ${folderName(location.scope)}, the nearest folder of the document holding a match.`);
  } else if (location.status === 'missing') {
    parts.push(`**Not found**: no file \`${location.tried}\` in the workspace.`);
  } else {
    parts.push(`**Not read**: ${location.reason}.`);
  }
  // What the last check found on this reference (drift, quotes, counts), in its own words.
  // Missing, ambiguous and outside are already the hover's first line: not said twice.
  const notes = (findings ?? []).filter((f) => f.ruleId.startsWith('evidence-') && !RESTATED.has(f.ruleId) && f.span.start < ref.span.end && ref.span.start < Math.max(f.span.end, f.span.start + 1));
  for (const f of notes) parts.push(`${f.ruleId === 'evidence-drift' ? '↻ Drifted' : '⚠'}: ${f.message}`);
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range: spanToRange(doc.lines, ref.span) };
}

/** The first cited range's lines, at most HOVER_MAX_LINES, fenced in the file's language. */
function citedLines(text: string, range: { start: number; end: number }, path: string): string {
  const all = text.split(/\r\n|\r|\n/);
  const start = Math.max(1, Math.min(range.start, range.end));
  const end = Math.min(all.length, Math.max(range.start, range.end));
  if (start > all.length) return '';
  const shown = all.slice(start - 1, Math.min(end, start + HOVER_MAX_LINES - 1));
  const more = end - start + 1 - shown.length;
  return fence(fenceLanguage(path), shown.join('\n')) + (more > 0 ? `\n\n… ${more} more lines` : '');
}
