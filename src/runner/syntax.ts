/**
 * Before a snippet runs, it must parse: asked exactly as the `checklist-snippet-syntax` rule asks
 * (src/core/snippet-syntax.ts: `bash -n` reads without executing, Python's `compile()` only compiles). A snippet
 * that does not parse is reported failed with the interpreter's message and is never started (half a script run is
 * worse than none). When the checker itself cannot run (no interpreter, a timeout), the snippet is not held back:
 * running it reports the real problem.
 */
import { syntaxCheckerFor, syntaxErrorText } from '../core/snippet-syntax';
import { runProcess } from '../node/process';

const TIMEOUT_MS = 10_000;

/** The parse error of a snippet (`line 3: ...`), or undefined when it parses (or could not be checked). */
export async function syntaxError(lang: string, code: string): Promise<string | undefined> {
  const checker = syntaxCheckerFor(lang);
  if (!checker) return undefined;
  const { args, stdin } = checker.invocation(code);
  const r = await runProcess(checker.command, args, { stdin, timeoutMs: TIMEOUT_MS, cwd: process.cwd() });
  if (r.timedOut || r.code === null) return undefined;
  const answer = checker.interpret(r);
  return answer?.kind === 'error' ? syntaxErrorText(answer.error) : undefined;
}
