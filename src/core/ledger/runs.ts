/**
 * The latest recorded verdict of each phase of a checklist, from the run records in `.signoff/runs/` (src/protocol
 * RunRecord; written by `signoff run` and the editor's runner): for each phase the newest record (by endedAt) that
 * ran it. Records are user-writable data: anything that does not read as one is skipped.
 */
import type { Host } from '../host';
import { RUNS_FOLDER, type PhaseVerdictValue } from '../../protocol/index';

export interface PhaseRun {
  verdict: PhaseVerdictValue;
  at: string;
}

/** Records read per checklist, newest first by name: enough for every phase's latest run. */
const MAX_RECORDS = 50;

export async function latestPhaseRuns(host: Host, checklistPath: string): Promise<Map<number, PhaseRun>> {
  const out = new Map<number, PhaseRun>();
  const names = host.listDirectory ? await host.listDirectory(RUNS_FOLDER) : undefined;
  if (!names) return out;
  const stem = checklistPath.slice(checklistPath.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
  const mine = names.filter((n) => n.startsWith(`${stem}-`) && n.endsWith('.json')).sort().reverse().slice(0, MAX_RECORDS);
  for (const name of mine) {
    const bytes = await host.readFile(`${RUNS_FOLDER}/${name}`);
    let raw: unknown;
    try {
      raw = bytes && JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      continue;
    }
    if (!isObj(raw) || raw.checklist !== checklistPath || !Array.isArray(raw.phaseResults)) continue;
    const at = typeof raw.endedAt === 'string' && raw.endedAt ? raw.endedAt : typeof raw.startedAt === 'string' ? raw.startedAt : '';
    if (!at) continue;
    for (const p of raw.phaseResults) {
      if (!isObj(p) || typeof p.phase !== 'number' || (p.verdict !== 'GO' && p.verdict !== 'NO-GO' && p.verdict !== 'PENDING')) continue;
      const prev = out.get(p.phase);
      if (!prev || Date.parse(at) > Date.parse(prev.at)) out.set(p.phase, { verdict: p.verdict, at });
    }
  }
  return out;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
