/**
 * What a snippet is to the runner, said once for everyone who asks: which fences run (and with what), how a command
 * is hashed in a run record, and the Python program that checks a snippet parses. The runner runs them; the
 * checklist rules, the server's lenses and the run records read them; all through these functions.
 */
import { sha256Hex } from './sha256';

/** The interpreter a fence language runs with, or undefined when the language is not runnable. */
export function interpreterFor(lang: string): 'bash' | 'sh' | 'python3' | undefined {
  switch (lang.toLowerCase()) {
    case 'bash':
    case 'shell':
    case 'zsh':
      return 'bash';
    case 'sh':
      return 'sh';
    case 'python':
    case 'python3':
    case 'py':
      return 'python3';
    default:
      return undefined;
  }
}

/** Line endings normalised to `\n`, so a CRLF file and an LF file run (and hash) the same snippet. */
export function normalizeCode(code: string): string {
  return code.replace(/\r\n?/g, '\n');
}

/** The hash a run record keeps for a snippet's command: line endings normalised, so CRLF and LF files agree. */
export function commandHash(code: string): string {
  return sha256Hex(normalizeCode(code));
}

export interface SnippetLike {
  lang: string;
  options?: { skip?: boolean; manual?: boolean };
}

/** A snippet the runner runs: a bash/sh/python fence not marked `{skip}` or `{manual}`. */
export function isRunnable(snippet: SnippetLike): boolean {
  return interpreterFor(snippet.lang) !== undefined && !snippet.options?.skip && !snippet.options?.manual;
}

/** A task the runner does not run: none of its snippets is runnable (a person ticks it). */
export function isManualTask(task: { snippets: readonly SnippetLike[] }): boolean {
  return !task.snippets.some(isRunnable);
}

/** A `{manual}` snippet in a runnable language: the task waits for a person even when its other snippets pass. */
export function awaitsManual(task: { snippets: readonly SnippetLike[] }): boolean {
  return task.snippets.some((s) => s.options?.manual && interpreterFor(s.lang) !== undefined);
}

/**
 * The Python program that checks a snippet without running it (the snippet on stdin; `compile()` only compiles):
 * exit 1 and `LINE<TAB>MESSAGE` on stdout when it does not compile. Shared by checklist-snippet-syntax (the core)
 * and the runner's pre-check, which must agree on what "does not parse" means.
 */
export const PYTHON_COMPILE_SCRIPT = [
  'import sys',
  'src = sys.stdin.buffer.read().decode("utf-8", "replace")',
  'try:',
  '    compile(src, "<snippet>", "exec", dont_inherit=True)',
  'except SyntaxError as e:',
  '    sys.stdout.write("%d\\t%s" % (e.lineno or 0, e.msg)); sys.exit(1)',
  'except Exception as e:',
  '    sys.stdout.write("0\\t%s" % e); sys.exit(1)',
].join('\n');
