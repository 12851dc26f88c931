/**
 * Rule ids in `.signoff.json` that name no rule: a typo there would otherwise silently do nothing. Each is one
 * finding on the config file (at its key), naming the closest real id; the rest of the configuration applies.
 */
import type { Finding } from '../types';
import type { LineIndex } from '../text/line-index';
import type { Config } from './schema';
import { RULES } from '../rules/index';

/** Ids the engine reports itself (engine.ts ENGINE_RULE_IDS): configurable like rules. */
const ENGINE_IDS = ['internal-error', 'resource-limit', 'config-invalid'];

export function unknownRuleFindings(config: Config, text: string, lines: LineIndex, file: string): Finding[] {
  const known = [...RULES.map((r) => r.meta.id), ...ENGINE_IDS];
  const out: Finding[] = [];
  for (const id of Object.keys(config.rules)) {
    if (known.includes(id)) continue;
    const near = closest(id, known);
    const offset = Math.max(0, text.indexOf(JSON.stringify(id)));
    const start = lines.positionAt(offset);
    const end = lines.positionAt(offset + JSON.stringify(id).length);
    out.push({
      ruleId: 'config-invalid',
      severity: 'error',
      message: `${file}: rules: "${id}" is not a Signoff rule${near ? ` (did you mean ${near}?)` : ''}; this setting does nothing.`,
      span: { start: offset, end: offset + JSON.stringify(id).length },
      start,
      end,
    });
  }
  return out;
}

/** The known id at the smallest edit distance, when it is close (at most a third of the id's length). */
function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const k of known) {
    const d = distance(id, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
