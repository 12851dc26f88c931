/**
 * Before a snippet runs, it must parse: `bash -n` / `sh -n` read without executing, Python's `compile()` only
 * compiles. A snippet that does not parse is reported failed with the interpreter's message and is never started
 * (half a script run is worse than none). When the checker itself cannot run (no interpreter, a timeout), the
 * snippet is not held back: running it reports the real problem.
 */
import { interpreterFor, normalizeCode, PYTHON_COMPILE_SCRIPT } from '../core/runs/snippets';
import { pipeThrough } from './pipe';

const TIMEOUT_MS = 10_000;


/** The parse error of a snippet, or undefined when it parses (or could not be checked). */
export function syntaxError(lang: string, code: string): Promise<string | undefined> {
  const interpreter = interpreterFor(lang);
  if (!interpreter) return Promise.resolve(undefined);
  const source = normalizeCode(code);
  const [command, args, stdin] = interpreter === 'python3'
    ? ['python3', ['-I', '-S', '-c', PYTHON_COMPILE_SCRIPT], source]
    : [interpreter, ['-n'], source];
  return pipeThrough(command, args, stdin, { timeoutMs: TIMEOUT_MS }).then(({ code, signal, stdout, stderr }) => {
    if (code === null || code === 0 || signal || (code !== 1 && code !== 2)) return undefined;
    const out = stdout + stderr;
    const py = /^(\d+)\t(.*)$/s.exec(out.trim());
    if (interpreter === 'python3' && py) return `line ${py[1]}: ${py[2]}`.slice(0, 500);
    const first = out.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/warning:/i.test(l));
    return (first.join('; ') || `${command} could not parse the snippet`).replace(/^(bash|sh): /, '').slice(0, 500);
  });
}
