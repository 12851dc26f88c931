/**
 * `resolve_evidence` {document, reference}: how a reference written in a document resolves, with the same engine
 * and the same check the `check` tool runs: the file it points to, the lines, a status (in range, out of range,
 * missing, ambiguous with its candidates, outside, not read, drifted), the findings on it and the cited lines.
 */
import { z } from 'zod';
import type { Finding, ParsedDocument, ResolvedRef } from '../../core/index';
import { escapeControl } from '../../core/text/sanitize';
import { jsonFindings } from '../findings';
import { citedLines, MAX_LINES, splitLines, type CitedLines } from '../lines';
import { ToolError, type Session } from '../workspace';
import { PATH } from './check';
import { defineTool } from './tool';

type Status = 'in-range' | 'out-of-range' | 'found' | 'drifted' | 'missing' | 'ambiguous' | 'outside' | 'not-read';

/** How a reference is compared with what the agent gives: no code-span ticks or emphasis, spaces collapsed. */
function normal(text: string): string {
  return text.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The references written as `reference`: exactly, else those whose text holds it (or that it holds). */
export function matchingRefs(doc: ParsedDocument, refs: readonly ResolvedRef[], reference: string): ResolvedRef[] {
  const wanted = normal(reference);
  if (!wanted) return [];
  const written = refs.map((r) => ({ r, text: normal(doc.text.slice(r.ref.span.start, r.ref.span.end)) }));
  const exact = written.filter((w) => w.text === wanted);
  if (exact.length) return exact.map((w) => w.r);
  return written.filter((w) => w.text.includes(wanted) || (w.text.length >= 3 && wanted.includes(w.text))).map((w) => w.r);
}

function overlaps(f: Finding, r: ResolvedRef): boolean {
  return f.span.start < r.ref.span.end && r.ref.span.start < Math.max(f.span.end, f.span.start + 1);
}

/**
 * "Drift is unknown" (no git, not a repository, a shallow clone, an unreadable history) is said on the Date, not on
 * the reference; its data names the files it concerns.
 */
function driftUnknown(findings: readonly Finding[], path: string): Finding | undefined {
  return findings.find((f) => f.ruleId === 'evidence-drift' && typeof f.data?.unknown === 'object' && f.data.unknown !== null && path in f.data.unknown);
}

async function describe(session: Session, doc: ParsedDocument, r: ResolvedRef, findings: Finding[]) {
  const { ref, location } = r;
  const on = findings.filter((f) => f.ruleId.startsWith('evidence-') && overlaps(f, r));
  const out: Record<string, unknown> = {
    written: doc.text.slice(ref.span.start, ref.span.end),
    line: ref.line,
    form: ref.form,
    path: ref.path,
    ranges: ref.ranges.map((x) => ({ start: x.start, end: x.end })),
  };
  if (ref.binding) out.binding = { how: ref.binding, pathOnLine: ref.boundToLine };
  if (ref.names?.length) out.names = ref.names.map((n) => n.name);
  let status: Status;
  if (location.status === 'found') {
    out.file = location.path;
    if (location.via === 'suffix') out.matchedBy = 'suffix';
    const facts = r.facts;
    if (facts?.status === 'ok') {
      out.lineCount = facts.lineCount;
      if (!ref.ranges.length) status = 'found';
      else status = ref.ranges.some((x) => x.start > x.end || x.end > facts.lineCount) ? 'out-of-range' : 'in-range';
      const text = ref.ranges.length ? await session.engine.workspace.evidence(session.engine.host, session.engine.config).resolver.readText(location.path) : undefined;
      if (text !== undefined) {
        // MAX_LINES in all, however many ranges the reference lists.
        const lines = splitLines(text);
        const shown: CitedLines[] = [];
        let budget = MAX_LINES;
        for (const x of ref.ranges) {
          const c = budget > 0 ? citedLines(lines, x.start, x.end, budget) : undefined;
          if (!c) continue;
          shown.push(c);
          budget -= c.end - c.start + 1 - c.omitted;
        }
        out.lines = shown;
      }
    } else {
      status = 'not-read';
      out.reason = !facts ? 'the file could not be read' : facts.status === 'too-large' ? `the file is ${facts.size} bytes, over evidence.maxFileSize` : facts.status === 'binary' ? 'the file is binary' : facts.status === 'special' ? `the file is ${facts.kind}` : 'the file could not be read';
    }
    const changed = on.find((f) => f.ruleId === 'evidence-drift');
    if (changed && status === 'in-range') status = 'drifted';
    const unknown = changed ? undefined : driftUnknown(findings, location.path);
    if (changed) out.drift = { status: 'changed', message: changed.message };
    else if (unknown) out.drift = { status: 'unknown', message: unknown.message };
  } else if (location.status === 'ambiguous') {
    status = 'ambiguous';
    out.candidates = location.candidates;
  } else if (location.status === 'missing') {
    status = 'missing';
    out.tried = location.tried;
  } else {
    status = 'outside';
    out.reason = location.reason;
  }
  return { status, ...out, findings: jsonFindings(doc.path, doc.kind!, on) };
}

export default defineTool({
  name: 'resolve_evidence',
  title: 'Resolve an evidence reference',
  description:
    'How an evidence reference written in a certificate resolves: the file, the cited lines (capped), and a status: in-range, out-of-range, found (a path without lines), drifted (the cited lines changed in git after the certificate\'s Date), missing, ambiguous (with candidates), outside, not-read; plus the findings on it. `reference` is the reference as written (e.g. `src/pay.py:10-20`); every place it is written is returned. Give `text` to look at unsaved content.',
  input: {
    document: PATH,
    reference: z.string().min(1).describe('The reference as written in the document, e.g. `src/pay.py:10-20` or `lines 5-9 in pay.py`.'),
    text: z.string().optional().describe('The document\'s unsaved content, instead of the file on disk.'),
  },
  async run({ document, reference, text }, workspace) {
    const session = await workspace.open();
    const rel = await workspace.inside(session, document);
    const doc = await workspace.parse(session, rel, text);
    if (!doc.kind) throw new ToolError(`${escapeControl(rel)} is neither a review certificate nor a checklist, so its references are not read`);
    const findings = await session.engine.check(doc);
    const refs = await session.engine.workspace.evidence(session.engine.host, session.engine.config).resolve(doc);
    const hits = matchingRefs(doc, refs, reference);
    if (!hits.length) {
      const some = [...new Set(refs.map((r) => doc.text.slice(r.ref.span.start, r.ref.span.end)))].slice(0, 10);
      throw new ToolError(`no evidence reference "${escapeControl(reference)}" in ${escapeControl(rel)}${some.length ? `; it cites: ${some.map((s) => escapeControl(s)).join(' | ')}` : '; it cites no files'}`);
    }
    return { data: { document: rel, references: await Promise.all(hits.map((r) => describe(session, doc, r, findings))) } };
  },
});
