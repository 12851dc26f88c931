import { certificateRule } from './types';
import { bindingNote, evidenceService, formatRange, formatRanges, rangeEdits, resolvedRefs } from '../evidence/rule-support';
import { trackRange, type Commit, type Step } from '../evidence/drift';
import type { Fix, TextEdit } from '../types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:UTC|Z|GMT|\+00:?00)?$/i;

export default certificateRule(
  {
    id: 'evidence-drift',
    description: 'The cited lines changed after the certificate\'s Date (git); moved-but-unchanged lines get a re-anchoring fix.',
    defaultSeverity: 'info',
    kinds: ['certificate'],
    fixable: true,
    tags: ['evidence', 'git'],
    usesWorkspace: true,
  },
  async (ctx) => {
    if (!ctx.config.evidence.git) return;
    const dateField = ctx.model.header.find((f) => /^date$/i.test(f.key));
    const m = dateField && DATE.exec(dateField.value.replace(/[*`]/g, '').trim());
    if (!dateField || !m) return; // no usable Date: cert-header-field / cert-date-format say so
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)));
    const resolved = (await resolvedRefs(ctx)).filter((r) => r.location.status === 'found' && r.facts?.status === 'ok');
    if (!resolved.length) return;
    const service = evidenceService(ctx);
    const files = new Map<string, string>();
    for (const r of resolved) {
      if (r.location.status === 'found' && r.facts?.status === 'ok') files.set(r.location.path, `${r.facts.mtimeMs}:${r.facts.size}`);
    }
    const drift = await service.drift.analyze([...files].map(([path, key]) => ({ path, key })), date);
    const signed = dateField.value.trim();

    type Unknown = [string, { status: 'unknown'; reason: string; repo?: boolean }];
    const unknownAll = [...drift].filter(([, d]) => d.status === 'unknown') as Unknown[];
    // A reason that is the repository's (no git, not a repository, a shallow clone) is marked `repository`, so a run
    // over many certificates says it once (signoff check keeps the first); reasons of single files (an unreadable
    // history) are said where those files are cited.
    const repoLevel = unknownAll.filter(([, d]) => d.repo);
    if (repoLevel.length) {
      const reasons = [...new Set(repoLevel.map(([, d]) => d.reason))];
      ctx.report({ message: `Evidence drift is unknown: ${reasons.join('; ')}.`, span: dateField.valueSpan, data: { unknown: Object.fromEntries(repoLevel.map(([p, d]) => [p, d.reason])), repository: true } });
    }
    const unknown = unknownAll.filter(([, d]) => !d.repo);
    if (unknown.length) {
      const reasons = new Set(unknown.map(([, d]) => d.reason));
      const message = unknown.length === files.size && reasons.size === 1
        ? `Evidence drift is unknown: ${[...reasons][0]}.`
        : `Evidence drift is unknown for ${unknown.length} cited file${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).map(([p, d]) => `${p} (${d.reason})`).join('; ')}${unknown.length > 5 ? '; …' : ''}.`;
      ctx.report({ message, span: dateField.valueSpan, data: { unknown: Object.fromEntries(unknown.map(([p, d]) => [p, d.reason])) } });
    }

    const fileReported = new Set<string>();
    for (const { ref, location } of resolved) {
      if (location.status !== 'found') continue;
      const d = drift.get(location.path);
      if (!d || d.status !== 'ok' || !d.steps.length) continue;
      if (!ref.ranges.length) {
        if (fileReported.has(location.path)) continue;
        fileReported.add(location.path);
        ctx.report({ message: `${location.path} changed after the certificate was signed (${signed}): ${describe(d.steps)}.`, span: ref.span, data: { path: location.path, commits: shas(d.steps) } });
        continue;
      }
      const tracked = ref.ranges.map((r) => ({ r, t: trackRange(r.start, r.end, d.steps) }));
      const touched = tracked.filter((x) => x.t.touchedBy.length);
      const where = `${location.path}${bindingNote(ref)}`;
      if (touched.length) {
        const steps = unique(touched.flatMap((x) => x.t.touchedBy));
        ctx.report({
          message: `Evidence changed since the certificate was signed (${signed}): ${formatRanges(touched.map((x) => x.r))} of ${where} ${steps.length === 1 ? 'was' : 'were'} modified by ${describe(steps)}.`,
          span: ref.span,
          data: { path: location.path, commits: shas(steps) },
        });
        continue;
      }
      const moved = tracked.filter((x) => x.t.start !== x.r.start || x.t.end !== x.r.end);
      if (!moved.length) continue;
      const edits: TextEdit[] = moved.flatMap((x) => rangeEdits(x.r, x.t.start, x.t.end));
      const now = moved.map((x) => formatRange({ start: x.t.start, end: x.t.end })).join(', ');
      const fix: Fix = { title: `Re-anchor to ${now}`, edits, safe: false };
      ctx.report({
        message: `Cited ${formatRanges(moved.map((x) => x.r))} of ${where} moved since the certificate was signed (${signed}), unchanged: now ${now} (${describe(d.steps)}).`,
        span: ref.span,
        fixes: [fix],
        data: { path: location.path, commits: shas(d.steps) },
      });
    }
  },
);

function unique(steps: Step[]): Step[] {
  return [...new Set(steps)];
}

function shas(steps: Step[]): string[] {
  return steps.map((s) => s.commit?.sha ?? 'working-tree');
}

function describe(steps: Step[]): string {
  const commits = steps.filter((s): s is Step & { commit: Commit } => !!s.commit).map((s) => s.commit);
  const parts: string[] = [];
  if (commits.length) {
    const shown = commits.slice(-3).map((c) => `${c.sha.slice(0, 7)} "${c.subject.slice(0, 60)}"`);
    parts.push(`${commits.length} commit${commits.length > 1 ? 's' : ''} (${commits.length > 3 ? '…, ' : ''}${shown.join(', ')})`);
  }
  if (steps.some((s) => !s.commit)) parts.push('uncommitted changes');
  return parts.join(' and ');
}
