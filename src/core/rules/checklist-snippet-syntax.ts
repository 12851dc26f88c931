/**
 * Shell and Python snippets of checklist tasks must parse. They are parsed by the real interpreters through
 * `host.exec`, never executed: `bash -n` reads without running, Python's `compile()` only compiles.
 *
 * When the host cannot run processes (no `exec`), or the interpreter is not installed, or it times out, the snippet
 * is skipped silently (once per process, the host log says why). A finding would be wrong there: the snippet is not
 * known to be broken, and an explicit severity in the config would turn such a notice into an error.
 *
 * Results are cached per checker and snippet text for the life of the process, so re-checking a document on each
 * keystroke spawns nothing for snippets that did not change; at most a few checks run at once.
 */
import type { Host, ProcessResult } from '../host';
import type { Snippet } from '../model/checklist';
import { PYTHON_COMPILE_SCRIPT } from '../runs/snippets';
import { checklistRule } from './types';

interface SnippetError {
  /** 1-based line within the snippet, when the interpreter said. */
  line?: number;
  message: string;
}

type Outcome = { kind: 'ok' } | { kind: 'error'; error: SnippetError } | { kind: 'skipped'; why: string };

interface Checker {
  id: string;
  command: string;
  /** Arguments and stdin for one snippet. */
  invocation(code: string): { args: string[]; stdin?: string };
  /** What the interpreter's answer means; undefined when it did not check (treated as skipped). */
  interpret(result: ProcessResult): Outcome | undefined;
}

const TIMEOUT_MS = 10_000;
const MAX_CONCURRENT = 3;
const CACHE_SIZE = 2000;
/** How long an interpreter found missing is not asked again. */
const MISSING_RETRY_MS = 60_000;

function fitsInArgument(code: string): boolean {
  return !code.includes('\0') && new TextEncoder().encode(code).length < 100_000;
}

function shellChecker(command: string): Checker {
  return {
    id: command,
    command,
    // The snippet is passed with -c, because a shell reading a script from plain stdin does not say `line N:`
    // in its messages (and /dev/stdin cannot be opened when stdin is a socket, as Node makes it). Snippets that
    // cannot be one argument (over 128 KiB on Linux, or holding a NUL) go through stdin, reported at their fence
    // when the shell names no line.
    invocation: (code) => (fitsInArgument(code) ? { args: ['-n', '-c', '--', code] } : { args: ['-n'], stdin: code }),
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

const PY_COMPILE = PYTHON_COMPILE_SCRIPT;

const python: Checker = {
  id: 'python3',
  command: 'python3',
  invocation: (code) => ({ args: ['-I', '-S', '-c', PY_COMPILE], stdin: code }),
  interpret(r) {
    if (r.code === 0) return { kind: 'ok' };
    const m = /^(\d+)\t([\s\S]*)$/.exec(r.stdout);
    if (r.code !== 1 || !m) return undefined;
    const line = Number(m[1]);
    return { kind: 'error', error: { line: line > 0 ? line : undefined, message: m[2].trim() } };
  },
};

const bash = shellChecker('bash');
const CHECKERS: Record<string, Checker> = {
  bash,
  sh: bash,
  shell: bash,
  zsh: shellChecker('zsh'),
  python,
  python3: python,
  py: python,
};

/** Checks results by checker and snippet text (most recently used kept), shared by every document. */
const cache = new Map<string, Promise<Outcome>>();
const missingUntil = new Map<string, number>();
const loggedSkips = new Set<string>();
let running = 0;
const waiting: (() => void)[] = [];

/** Runs at most MAX_CONCURRENT jobs at once; a finished job hands its slot to the next waiting one. */
async function limited<T>(job: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

async function runChecker(host: Host, checker: Checker, code: string): Promise<Outcome> {
  const until = missingUntil.get(checker.command);
  if (until !== undefined && host.now().getTime() < until) return { kind: 'skipped', why: `${checker.command} was not found` };
  const { args, stdin } = checker.invocation(code);
  const r = await limited(() => host.exec!(checker.command, args, { stdin, timeoutMs: TIMEOUT_MS }));
  if (r.timedOut) return { kind: 'skipped', why: `${checker.command} timed out after ${TIMEOUT_MS} ms` };
  // A program that cannot be found has no exit code (ENOENT) or exits 127 ("command not found" from a wrapper
  // such as a pyenv shim); it is not asked again for a while. Other spawn failures are not remembered.
  if (r.code === null || r.code === 127) {
    const why = `${checker.command} could not be run (${r.stderr.trim().split('\n')[0] || 'no exit code'})`;
    if (r.code === 127 || /ENOENT|not found/i.test(r.stderr)) missingUntil.set(checker.command, host.now().getTime() + MISSING_RETRY_MS);
    return { kind: 'skipped', why };
  }
  return checker.interpret(r) ?? { kind: 'skipped', why: `${checker.command} gave an unexpected answer (exit ${r.code})` };
}

function check(host: Host, checker: Checker, code: string): Promise<Outcome> {
  const key = `${checker.id}\0${code}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const pending = runChecker(host, checker, code).then((outcome) => {
    // Only definite answers are kept: a skipped check is tried again next time.
    if (outcome.kind === 'skipped') cache.delete(key);
    return outcome;
  });
  cache.set(key, pending);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return pending;
}

/** The document line a snippet-relative line falls on, kept within the snippet's code lines. */
function documentLine(snippet: Snippet, line: number | undefined): number {
  if (line === undefined) return snippet.line;
  const codeLines = Math.max(1, snippet.code.split(/\r\n|\r|\n/).length);
  return snippet.codeLine + Math.min(Math.max(line, 1), codeLines) - 1;
}

export default checklistRule(
  {
    id: 'checklist-snippet-syntax',
    description: 'Shell snippets of tasks pass `bash -n` and Python snippets compile (never executed).',
    defaultSeverity: 'error',
    kinds: ['checklist'],
    fixable: false,
    tags: ['snippets'],
    usesWorkspace: true,
  },
  async ({ model, doc, host, report }) => {
    const jobs = model.tasks.flatMap((task) =>
      task.snippets.filter((s) => CHECKERS[s.lang] && s.code.trim()).map((snippet) => ({ task, snippet, checker: CHECKERS[snippet.lang] })),
    );
    if (!jobs.length) return;
    if (!host.exec) {
      if (!loggedSkips.has('exec')) {
        loggedSkips.add('exec');
        host.log('info', 'checklist-snippet-syntax: this host cannot run processes, so snippet syntax is not checked.');
      }
      return;
    }
    const outcomes = await Promise.all(jobs.map((j) => check(host, j.checker, j.snippet.code)));
    jobs.forEach(({ task, snippet, checker }, i) => {
      const outcome = outcomes[i];
      if (outcome.kind === 'skipped') {
        if (!loggedSkips.has(outcome.why)) {
          loggedSkips.add(outcome.why);
          host.log('info', `checklist-snippet-syntax: ${snippet.lang} snippets not checked: ${outcome.why}.`);
        }
        return;
      }
      if (outcome.kind === 'ok') return;
      const line = documentLine(snippet, outcome.error.line);
      const text = doc.lines.lineText(line);
      const lineStart = doc.lines.lineStarts[line - 1];
      const indent = text.length - text.trimStart().length;
      const tool = checker.command === 'python3' ? 'Python' : `\`${checker.command} -n\``;
      report({
        message: `${tool} rejects the ${snippet.lang} snippet of task "${task.label ?? task.text}": ${outcome.error.message}`,
        span: { start: lineStart + indent, end: lineStart + text.trimEnd().length },
        data: { lang: snippet.lang, snippetLine: outcome.error.line, checker: checker.command },
      });
    });
  },
);
