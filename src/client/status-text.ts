/** What the status bar shows for a document the server described. Pure, so it is unit-tested without VS Code. */
import type { DocumentInfo } from '../protocol/index';

const STATUS_ICONS: Record<string, string> = {
  APPROVED: '$(verified)',
  CONDITIONALLY_APPROVED: '$(pass)',
  REJECTED: '$(error)',
};

/** Text, tooltip and whether to warn, for a document the server described; undefined hides the item. */
export function describe(info: DocumentInfo | undefined): { text: string; tooltip: string; warn: boolean } | undefined {
  if (!info) return undefined;
  if (info.kind === 'certificate') {
    const id = info.certificateId ? `Certificate ${info.certificateId}` : 'Certificate';
    if (!info.status) return { text: '$(question) no status', tooltip: `${id}: no **Status** line`, warn: true };
    const value = info.status.value;
    if (!value) return { text: `$(warning) ${info.status.raw}`, tooltip: `${id}: status "${info.status.raw}" is not in the vocabulary`, warn: true };
    return { text: `${STATUS_ICONS[value] ?? '$(info)'} ${value}`, tooltip: `${id}: ${value}`, warn: false };
  }
  if (info.kind === 'checklist') {
    const { done, total } = info.progress ?? { done: 0, total: 0 };
    const phases = (info.phases ?? []).map((p) => `Phase ${p.number}: ${p.done}/${p.total}${p.lastRun ? ` · ${p.lastRun.verdict}` : ''}`);
    return { text: `$(checklist) ${done}/${total}`, tooltip: [info.title ?? 'Checklist', ...phases].join('\n'), warn: false };
  }
  return undefined;
}
