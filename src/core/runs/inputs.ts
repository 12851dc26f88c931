/**
 * Run inputs: values a checklist needs from whoever runs it (a version, an environment), declared in the document
 * as `<!-- signoff: inputs VERSION, ENVIRONMENT -->`. Before the first phase the declaration applies to every phase;
 * inside a phase, to that phase. Inputs reach the snippets as environment variables; the record keeps them by name,
 * the value masked when the name looks like a secret. A snippet whose input is unset fails without running.
 */

const DECLARATION = /<!--\s*signoff:\s*inputs\b([^>]*?)-->/gi;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names whose values are secrets: in records, diagnostics and reports they are masked (src/runner/mask.ts too). */
export const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL/i;

export interface InputDeclaration {
  names: string[];
  /** Offset of the comment in the text. */
  offset: number;
  /** Names that are not environment-variable names (reported, not used). */
  invalid: string[];
}

export function inputDeclarations(text: string): InputDeclaration[] {
  const out: InputDeclaration[] = [];
  for (const m of text.matchAll(DECLARATION)) {
    const words = m[1].split(/[\s,]+/).filter(Boolean);
    out.push({ names: words.filter((w) => NAME.test(w)), invalid: words.filter((w) => !NAME.test(w)), offset: m.index ?? 0 });
  }
  return out;
}

/** The inputs each phase needs: declarations before the first phase, plus those inside it. */
export function inputsByPhase(text: string, phases: readonly { number: number; span: { start: number; end: number } }[]): Map<number, string[]> {
  const decls = inputDeclarations(text);
  const first = phases.length ? Math.min(...phases.map((p) => p.span.start)) : Infinity;
  const global = decls.filter((d) => d.offset < first).flatMap((d) => d.names);
  const out = new Map<number, string[]>();
  for (const p of phases) {
    const own = decls.filter((d) => d.offset >= p.span.start && d.offset < p.span.end).flatMap((d) => d.names);
    out.set(p.number, [...new Set([...global, ...own])]);
  }
  return out;
}

/** `NAME=VALUE` (the value may be empty or contain `=`); undefined when NAME is not a variable name. */
export function parseInputAssignment(text: string): { name: string; value: string } | undefined {
  const i = text.indexOf('=');
  if (i <= 0) return undefined;
  const name = text.slice(0, i);
  return NAME.test(name) ? { name, value: text.slice(i + 1) } : undefined;
}

export const MASKED_INPUT = '[masked]';

/** The inputs as a record keeps them: every name, the value masked when the name says it is a secret. */
export function recordedInputs(names: readonly string[], values: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = values[n];
    if (v !== undefined) out[n] = SECRET_NAME.test(n) ? MASKED_INPUT : v;
  }
  return out;
}
