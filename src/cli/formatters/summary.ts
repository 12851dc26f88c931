import type { CheckResult } from '../check';

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(result: CheckResult): Summary {
  const s: Summary = { files: result.files.length, errors: 0, warnings: 0, infos: 0 };
  for (const f of result.files) {
    for (const x of f.findings) {
      if (x.severity === 'error') s.errors++;
      else if (x.severity === 'warning') s.warnings++;
      else s.infos++;
    }
  }
  return s;
}
