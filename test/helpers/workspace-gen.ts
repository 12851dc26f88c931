/** Generated certificate workspaces for the parallel, cache and fuzz tests (own text, not the shared corpus). */

/** A certificate with `refs` evidence references to files under src/, an optional reference to another ID. */
export function certificate(i: number, opts: { id?: string; refs?: number; cites?: string; date?: string } = {}): string {
  const id = opts.id ?? `SVC${i}-20250201-080000`;
  const date = opts.date ?? '2025-02-01 08:00:00 UTC';
  const refs: string[] = [];
  for (let r = 0; r < (opts.refs ?? 5); r++) {
    const f = (i * 7 + r) % 12;
    refs.push(`- \`src/module${f}.py:${(r % 9) + 1}\` handles case ${r}` + (r % 4 === 3 ? ` (see \`src/missing${r}.py:3\`)` : ''));
  }
  return `# SERVICE ${i} REVIEW CERTIFICATE

**Component**: service ${i}
**Agent**: reviewer-${i % 3}
**Date**: ${date}
**Certificate ID**: ${id}

## REVIEW SCOPE

Service ${i}, its handlers and configuration.${opts.cites ? ` Follows up certificate ${opts.cites}.` : ''}

## FINDINGS

${refs.join('\n')}

## DECISION/OUTCOME

**Status**: ${i % 5 === 0 ? '**APPROVED**' : 'APPROVED'}
**Rationale**: Handlers are covered.

## EVIDENCE

Reviewed the modules above.

## SIGNATURE

Agent: reviewer-${i % 3}
Timestamp: ${date}
`;
}

/** Source files the certificates cite: 12 modules of 20 lines. */
export function sourceFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let f = 0; f < 12; f++) out[`src/module${f}.py`] = Array.from({ length: 20 }, (_, l) => `x${l} = ${l}`).join('\n') + '\n';
  return out;
}

/** A workspace of n certificates, two of which share an ID and some of which cite others (some missing). */
export function workspace(n: number): Record<string, string> {
  const files: Record<string, string> = sourceFiles();
  for (let i = 0; i < n; i++) {
    const id = i === n - 1 ? 'SVC0-20250201-080000' : undefined; // duplicates certificate 0's ID
    const cites = i % 6 === 1 ? `SVC${(i + 1) % n}-20250201-080000` : i % 6 === 2 ? 'NOPE-20990101-000000' : undefined;
    files[`certs/svc${String(i).padStart(3, '0')}_certificate.md`] = certificate(i, { id, cites });
  }
  files['notes/readme.md'] = '# Notes\n\nNot a certificate.\n';
  return files;
}
