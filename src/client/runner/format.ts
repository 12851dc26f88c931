/**
 * What the run terminal shows, as plain strings (no `vscode` import, so it is unit-tested directly): commands,
 * output with terminal line endings, how each snippet ended, and the per-phase verdicts. Everything Signoff writes
 * around the output that comes from the document (phase names, task labels, commands, expectations, reasons) goes
 * through `esc` (escapeControl), so no document can move the terminal; the snippet's own output stays raw.
 */
import type { RunSnippetResult, RunTaskResult } from '../../protocol/index';
import { escapeControl as esc, expectationLabel, quotedExpectation, snippetFailed, snippetPending, type PhaseResult, type RunnerPhase, type RunnerTask } from '../../runner/index';

/** Output shown per snippet before the rest is elided (the record still hashes all of it and keeps head and tail). */
export const DISPLAY_CAP = 1024 * 1024;

const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/** A pseudoterminal wants CRLF: a bare LF only moves down a line. Lone CRs (progress bars) pass through. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Passes output through until DISPLAY_CAP characters, then says once that the rest is not shown. */
export class DisplayLimiter {
  private shown = 0;
  private elided = false;
  constructor(private readonly cap = DISPLAY_CAP) {}
  reset(): void {
    this.shown = 0;
    this.elided = false;
  }
  take(chunk: string): string {
    if (this.shown >= this.cap) {
      if (this.elided) return '';
      this.elided = true;
      return `\r\n${DIM}[… more output not shown here; the run record keeps its start, its end and its sha-256]${RESET}\r\n`;
    }
    const part = chunk.slice(0, this.cap - this.shown);
    this.shown += part.length;
    return toTerminal(part) + (part.length < chunk.length ? this.take(chunk.slice(part.length)) : '');
  }
}

export function phaseHeader(p: RunnerPhase): string {
  return `\r\n${BOLD}== Phase ${p.number}: ${esc(p.name)} ==${RESET}\r\n`;
}

export function taskHeader(t: RunnerTask): string {
  return `\r\n${BOLD}-- line ${t.line}: ${esc(t.label ?? t.text)}${RESET}\r\n`;
}

export function commandLines(code: string, program: string): string {
  const lines = code.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return `${DIM}[${program}]${RESET}\r\n` + lines.map((l) => `${YELLOW}$ ${esc(l)}${RESET}\r\n`).join('');
}

export function snippetEnd(r: RunSnippetResult): string {
  const secs = `${(r.durationMs / 1000).toFixed(1)} s`;
  const want = r.expectedExit ?? 0;
  const failed = snippetFailed(r);
  const parts = [
    r.syntaxError ? `does not parse, not run: ${esc(r.syntaxError)}`
      : r.setupError ? esc(r.setupError)
      : r.timedOut ? `timed out (limit ${(r.timeoutMs ?? 0) / 1000} s), killed after ${secs}`
      : r.cancelled ? 'cancelled'
      : r.exitCode === null ? (r.signal ? `killed by ${r.signal}` : `could not start: ${esc(r.outputExcerpt)}`)
      : `exit code ${r.exitCode}${r.exitCode === want ? '' : ` (expected ${want})`} in ${secs}`,
  ];
  const lines: string[] = [];
  for (const e of r.expected) {
    if (e.error) { parts.push(esc(e.error)); continue; }
    if (e.class === 'prose' && e.literalMatch) { parts.push(`expected ${esc(quotedExpectation(e.text))}: met (word for word)`); continue; }
    if (e.class === 'prose') { lines.push(`${YELLOW}   needs a person: ${esc(e.text)}${RESET}`); continue; }
    const what = esc(expectationLabel(e));
    parts.push(e.met ? `expected ${what}: met${e.actual ? ` (${esc(e.actual)})` : ''}` : `expected ${what}: NOT met${e.actual ? `, the output shows ${esc(e.actual)}` : ''}`);
    if (!e.met && e.diff) lines.push(...e.diff.split('\n').map((l) => colorDiffLine(esc(l))));
  }
  const color = failed ? RED : snippetPending(r) ? YELLOW : GREEN;
  return `${color}=> ${parts.join('; ')}${RESET}\r\n` + lines.map((l) => `${l}\r\n`).join('');
}

function colorDiffLine(l: string): string {
  if (l.startsWith('+') && !l.startsWith('+++')) return `${GREEN}${l}${RESET}`;
  if (l.startsWith('-') && !l.startsWith('---')) return `${RED}${l}${RESET}`;
  return `${DIM}${l}${RESET}`;
}

export function taskEnd(r: RunTaskResult): string {
  if (r.status === 'skipped') return `${DIM}   skipped: line ${r.line} ${esc(r.label ?? r.text)}${RESET}\r\n`;
  if (r.status === 'pending') return `${YELLOW}   waits for a person${RESET}\r\n`;
  if (r.reviewGate) return `${RED}   failed, not run: ${esc(r.reviewGate)}${RESET}\r\n`;
  return r.status === 'passed' ? `${GREEN}   passed${RESET}\r\n` : `${RED}   failed${RESET}\r\n`;
}

export function verdictLine(v: PhaseResult, name: string): string {
  const color = v.verdict === 'GO' ? GREEN : v.verdict === 'PENDING' ? YELLOW : RED;
  const waits = [v.pending ? `${v.pending} to review` : '', v.manualOpen ? `${v.manualOpen} manual unticked` : '', v.passed + v.failed + v.manual === 0 ? 'nothing to check' : ''].filter(Boolean).join(', ');
  const why = v.verdict === 'PENDING' && waits ? ` (waits for a person: ${waits})` : '';
  return `${BOLD}Phase ${v.phase}${name ? ` (${esc(name)})` : ''}: ${color}${v.verdict}${RESET} — ${v.passed} passed, ${v.failed} failed, ${v.pending ?? 0} pending, ${v.manual} manual, ${v.skipped} skipped${why}\r\n`;
}

/** The line that separates one run from the previous one in the checklist's reused terminal. */
export function runSeparator(n: number, at: Date): string {
  return `\r\n${DIM}──────── run ${n} · ${at.toLocaleTimeString()} ────────${RESET}\r\n`;
}

/** "Phase 1: GO · Phase 2: NO-GO" for the notification. */
export function verdictSummary(results: readonly PhaseResult[]): string {
  return results.map((v) => `Phase ${v.phase}: ${v.verdict}`).join(' · ');
}
