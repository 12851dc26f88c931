/**
 * Shell and Python snippets of checklist tasks must parse. They are parsed by the real interpreters through
 * `host.exec`, never executed, asked and understood as the runner asks them before a run (src/core/snippet-syntax.ts).
 *
 * When the host cannot run processes (no `exec`), or the interpreter is not installed, or it times out, the snippet
 * is skipped silently (once per process, the host log says why). A finding would be wrong there: the snippet is not
 * known to be broken, and an explicit severity in the config would turn such a notice into an error.
 *
 * Results are cached per checker and snippet text for the life of the process, so re-checking a document on each
 * keystroke spawns nothing for snippets that did not change; at most a few checks run at once.
 */
import type { Host } from '../host';
import type { Snippet } from '../model/checklist';
import { syntaxCheckerFor, type SyntaxAnswer, type SyntaxChecker } from '../snippet-syntax';
import { checklistRule } from './types';

type Outcome = SyntaxAnswer | { kind: 'skipped'; why: string };

const TIMEOUT_MS = 10_000;
const MAX_CONCURRENT = 3;
const CACHE_SIZE = 2000;
/** How long an interpreter found missing is not asked again. */
const MISSING_RETRY_MS = 60_000;

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

async function runChecker(host: Host, checker: SyntaxChecker, code: string): Promise<Outcome> {
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

function check(host: Host, checker: SyntaxChecker, code: string): Promise<Outcome> {
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
      task.snippets.flatMap((snippet) => {
        const checker = snippet.code.trim() ? syntaxCheckerFor(snippet.lang) : undefined;
        return checker ? [{ task, snippet, checker }] : [];
      }),
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
