/**
 * "Does this snippet parse?": one answer for the `checklist-snippet-syntax` rule (through `host.exec`) and for
 * `signoff run` and the editor's runner before they start a snippet (src/runner/syntax.ts, through the Node process
 * spawner). Which interpreter checks which language, how it is asked (`bash -n -c`, Python's `compile()` on stdin;
 * nothing is ever executed) and what its answer means live here; running the process is the caller's.
 */
import type { ProcessResult } from './host';
import { PYTHON_COMPILE_SCRIPT } from './runs/snippets';

export interface SnippetSyntaxError {
  /** 1-based line within the snippet, when the interpreter said. */
  line?: number;
  message: string;
}

/** ok: it parses; error: it does not; undefined: the interpreter did not answer the question (not checked). */
export type SyntaxAnswer = { kind: 'ok' } | { kind: 'error'; error: SnippetSyntaxError };

export interface SyntaxChecker {
  id: string;
  command: string;
  /** Arguments and stdin that make the interpreter parse `code` without running it. */
  invocation(code: string): { args: string[]; stdin?: string };
  /** What the interpreter's answer means; undefined when it did not check (no answer either way). */
  interpret(result: ProcessResult): SyntaxAnswer | undefined;
}

/** Line ends as the runner hands the code to the interpreter. */
function lf(code: string): string {
  return code.replace(/\r\n?/g, '\n');
}

function fitsInArgument(code: string): boolean {
  return !code.includes('\0') && new TextEncoder().encode(code).length < 100_000;
}

function shellChecker(command: string): SyntaxChecker {
  return {
    id: command,
    command,
    // The snippet is passed with -c, because a shell reading a script from plain stdin does not say `line N:`
    // in its messages (and /dev/stdin cannot be opened when stdin is a socket, as Node makes it). Snippets that
    // cannot be one argument (over 128 KiB on Linux, or holding a NUL) go through stdin, reported at their fence
    // when the shell names no line.
    invocation(code) {
      const source = lf(code);
      return fitsInArgument(source) ? { args: ['-n', '-c', '--', source] } : { args: ['-n'], stdin: source };
    },
    interpret(r) {
      if (r.code === 0) return { kind: 'ok' };
      if (r.code !== 1 && r.code !== 2) return undefined;
      const lines = r.stderr.split(/\r?\n/).filter((l) => l.trim() && !/warning:/i.test(l));
      for (const l of lines) {
        const m = /line (\d+): (.*)$/.exec(l);
        if (m && !/^`.*'$/.test(m[2])) return { kind: 'error', error: { line: Number(m[1]), message: m[2].trim() } };
      }
      return { kind: 'error', error: { message: (lines[0] ?? `${command} -n exited with ${r.code}`).replace(/^\S*: /, '').trim() } };
    },
  };
}

const python: SyntaxChecker = {
  id: 'python3',
  command: 'python3',
  invocation: (code) => ({ args: ['-I', '-S', '-c', PYTHON_COMPILE_SCRIPT], stdin: lf(code) }),
  interpret(r) {
    if (r.code === 0) return { kind: 'ok' };
    const m = /^(\d+)\t([\s\S]*)$/.exec(r.stdout);
    if (r.code !== 1 || !m) return undefined;
    const line = Number(m[1]);
    return { kind: 'error', error: { line: line > 0 ? line : undefined, message: m[2].trim() } };
  },
};

const bash = shellChecker('bash');
const CHECKERS: Record<string, SyntaxChecker> = {
  bash,
  sh: bash,
  shell: bash,
  zsh: shellChecker('zsh'),
  python,
  python3: python,
  py: python,
};

/** The checker for a snippet's language; undefined for languages that are not checked. */
export function syntaxCheckerFor(lang: string): SyntaxChecker | undefined {
  return Object.hasOwn(CHECKERS, lang.toLowerCase()) ? CHECKERS[lang.toLowerCase()] : undefined;
}

/** One line for a run record or a terminal: `line 3: syntax error near unexpected token ...`. */
export function syntaxErrorText(error: SnippetSyntaxError): string {
  return (error.line !== undefined ? `line ${error.line}: ${error.message}` : error.message).slice(0, 500);
}
