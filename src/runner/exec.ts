/**
 * Runs one snippet in a child process: its own process group (so a timeout or a cancel kills everything it
 * started), output merged and streamed, kept only as a head and a tail (a 50 MB output costs 128 KiB), and hashed
 * as it streams. The snippet ends when its shell exits; anything it left running in its group is then killed, and
 * so is what left the group (by the run id in its environment, or as a holder of the output pipe), so a background
 * process holding the output pipe can never hang the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp, readFileSync, readlinkSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
// Which fences run, and how their code is normalised, are defined once in the pure core (src/core/runs).
import { interpreterFor, normalizeCode } from '../core/runs/snippets';

export { interpreterFor, normalizeCode };

export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_KILL_GRACE_MS = 2_000;
export const DEFAULT_EXCERPT_BYTES = 64 * 1024;
/** Above this size the code goes to the interpreter on stdin rather than as an argument (ARG_MAX per string). */
const MAX_ARG_CODE = 64 * 1024;

export interface Program {
  command: string;
  args: string[];
  /** Code fed on stdin instead of as an argument; otherwise stdin is empty. */
  stdin?: string;
}

export function programFor(lang: string, code: string): Program | undefined {
  const interpreter = interpreterFor(lang);
  if (!interpreter) return undefined;
  const source = normalizeCode(code);
  if (source.length > MAX_ARG_CODE) return { command: interpreter, args: interpreter === 'python3' ? ['-'] : ['-s'], stdin: source };
  return { command: interpreter, args: ['-c', source] };
}

export interface ExecResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the program could not be started (missing interpreter, bad cwd). */
  spawnError?: string;
  durationMs: number;
  totalBytes: number;
  excerpt: string;
  outputSha256: string;
  /** For each watched literal, whether it appeared anywhere in the full output. */
  literalsFound: boolean[];
  /** For each watched pattern, whether it matched a line of the output or the excerpt. */
  patternsMatched: boolean[];
  /** Processes the snippet started that left its process group (`setsid`, daemons) and were ended: "pid command". */
  leftRunning?: string[];
}

export interface ExecOptions {
  cwd: string;
  timeoutMs: number;
  killGraceMs: number;
  excerptBytes: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Texts to look for in the full output (streaming search: exact whatever the output's size). */
  literals?: readonly string[];
  /** Regular expressions tried on each output line (up to 64 KiB long) and on the excerpt. */
  patterns?: readonly RegExp[];
  /** Output as it arrives, decoded; `stream` says which pipe it came from (expectations may look at stdout only). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

export function execProgram(program: Program, options: ExecOptions): Promise<ExecResult> {
  const started = Date.now();
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLen = 0;
  const tail: Buffer[] = [];
  let tailLen = 0;
  let totalBytes = 0;
  const decoder = new StringDecoder('utf8');
  const literals = (options.literals ?? []).map((text) => new LiteralWatch(text));
  const patterns = options.patterns ?? [];
  const patternsMatched = patterns.map(() => false);
  let line = '';
  const LINE_CAP = 64 * 1024;
  const testLine = (l: string) => {
    patterns.forEach((p, i) => { if (!patternsMatched[i] && p.test(l)) patternsMatched[i] = true; });
  };

  const onData = (d: Buffer) => {
    totalBytes += d.length;
    hash.update(d);
    if (headLen < options.excerptBytes) {
      const take = d.subarray(0, options.excerptBytes - headLen);
      head.push(take);
      headLen += take.length;
      d = d.subarray(take.length);
    }
    if (d.length) {
      tail.push(d);
      tailLen += d.length;
      while (tailLen - tail[0].length >= options.excerptBytes) tailLen -= tail.shift()!.length;
    }
  };

  return new Promise((resolve) => {
    let child: ChildProcess;
    let spawnError: string | undefined;
    let timedOut = false;
    let cancelled = false;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let settled = false;
    let timeoutTimer: NodeJS.Timeout | undefined;

    const finish = () => {
      if (settled) return;
      settled = true;
      running.delete(child);
      clearTimeout(timeoutTimer);
      options.signal?.removeEventListener('abort', onAbort);
      const rest = decoder.end();
      if (rest) { options.onOutput?.(rest, 'stdout'); for (const w of literals) w.push(rest); line += rest; }
      if (line) testLine(line);
      const excerpt = excerptOf(head, Buffer.concat(tail), totalBytes, headLen, options.excerptBytes);
      patterns.forEach((p, i) => { if (!patternsMatched[i] && p.test(excerpt)) patternsMatched[i] = true; });
      const result: ExecResult = {
        exitCode,
        signal: exitSignal,
        timedOut,
        cancelled,
        spawnError,
        durationMs: Date.now() - started,
        totalBytes,
        excerpt,
        outputSha256: hash.digest('hex'),
        literalsFound: literals.map((w) => w.found),
        patternsMatched,
      };
      // The pipes closing does not mean the group is gone: a member that closed its output and ignores SIGTERM may
      // still run. Resolve only once the group is dead (SIGKILL after the grace period), so that a caller that exits
      // right after the run (the CLI) leaves nothing behind; then whatever left the group is ended too.
      void reapGroup(child, options.killGraceMs)
        .then(() => strays.end(options.killGraceMs))
        .then(() => {
          const left = strays.ended();
          if (left.length) {
            result.leftRunning = left;
            const note = `\n[signoff: ended ${left.length} process${left.length === 1 ? '' : 'es'} the snippet left running outside its process group: ${left.join(', ')}]\n`;
            result.excerpt += note;
            options.onOutput?.(note, 'stderr');
          }
          resolve(result);
        });
    };
    const strays = new StrayProcesses();

    try {
      child = spawn(program.command, program.args, {
        cwd: options.cwd,
        env: { ...(options.env ?? process.env), [RUN_ID_VAR]: strays.id },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
      });
    } catch (e) {
      spawnError = (e as Error).message;
      finish();
      return;
    }

    strays.group = child.pid;
    running.add(child);
    strays.inodes = pipeInodes(child.pid);
    const kill = () => {
      signalGroup(child, 'SIGTERM');
      void strays.end(options.killGraceMs);
      // A child that ignores SIGTERM (trap '' TERM) still dies: SIGKILL the whole group after the grace period.
      setTimeout(() => signalGroup(child, 'SIGKILL'), options.killGraceMs);
    };
    const onAbort = () => { if (exitCode === null && exitSignal === null) { cancelled = true; kill(); } };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort);
    // Node's timers are 32-bit: a longer delay would fire at once (the callers cap timeouts at 24 h anyway).
    timeoutTimer = setTimeout(() => { timedOut = true; kill(); }, Math.min(options.timeoutMs, MAX_TIMER_MS));

    const stream = (which: 'stdout' | 'stderr') => (d: Buffer) => {
      onData(d);
      const s = decoder.write(d);
      if (!s) return;
      options.onOutput?.(s, which);
      for (const w of literals) w.push(s);
      if (patterns.length) {
        const parts = (line + s).split('\n');
        line = parts.pop()!;
        for (const p of parts) testLine(p);
        if (line.length > LINE_CAP) line = line.slice(-LINE_CAP);
      }
    };
    child.stdout!.on('data', stream('stdout'));
    child.stderr!.on('data', stream('stderr'));
    child.stdin!.on('error', () => { /* the program may exit before reading its input */ });
    child.stdin!.end(program.stdin ?? '');

    child.on('error', (e) => {
      spawnError = e.message;
      finish();
    });
    child.on('exit', (code, sig) => {
      exitCode = code;
      exitSignal = sig;
      // The snippet has ended: what it left behind is ended below, within grace periods, never by its timeout.
      clearTimeout(timeoutTimer);
      // Whatever the snippet left running in its group (`cmd &`) would hold the pipes open: end it too.
      if (groupAlive(child)) {
        signalGroup(child, 'SIGTERM');
        setTimeout(() => signalGroup(child, 'SIGKILL'), options.killGraceMs);
      }
      // And what left the group (`setsid cmd &`) would hold them open as well, with no group to signal.
      void strays.end(options.killGraceMs);
      releasePipesAfter(child, strays, options.killGraceMs, () => settled);
    });
    child.on('close', () => finish());
  });
}

/** Snippets running now, so that a CLI exiting at once (a second Ctrl-C) still ends their process groups. */
const running = new Set<ChildProcess>();

/** SIGKILL to the process group of every snippet still running in this process. */
export function killRunningSnippets(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
}

function signalGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    if (child.pid && process.platform !== 'win32') process.kill(-child.pid, sig);
    else child.kill(sig);
  } catch { /* the group is already gone */ }
}

/** Waits (polling) until the child's process group is gone; SIGKILLs it when the grace period ends first. */
async function reapGroup(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || !groupAlive(child)) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    if (!groupAlive(child)) return;
  }
  signalGroup(child, 'SIGKILL');
}

function groupAlive(child: ChildProcess): boolean {
  if (!child.pid || process.platform === 'win32') return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The longest delay setTimeout takes (2^31 - 1 ms); a longer one overflows and fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The run ends when its snippet ends: if the output pipes are still open a grace period after the snippet exited
 * (and its group and marked strays were ended), whatever still holds them is a process that left the group and
 * dropped the run id (`setsid env -u SIGNOFF_RUN_ID cmd &`). On Linux it is found by the pipes' inodes in
 * /proc/<pid>/fd and ended like the other strays; in any case the pipes are then closed on this side.
 */
function releasePipesAfter(child: ChildProcess, strays: StrayProcesses, graceMs: number, done: () => boolean): void {
  const timer = setTimeout(() => {
    if (done()) return;
    strays.holdersToo = true;
    void strays.end(graceMs).then(() => {
      if (done()) return;
      child.stdout?.destroy();
      child.stderr?.destroy();
    });
  }, 2 * graceMs);
  timer.unref();
}

/** The inodes of the child's ends of its output pipes (`socket:[123]`), read while it runs; [] elsewhere than Linux. */
function pipeInodes(pid: number | undefined): string[] {
  if (!pid || process.platform !== 'linux') return [];
  const out: string[] = [];
  for (const fd of [1, 2]) {
    try { out.push(readlinkSync(`/proc/${pid}/fd/${fd}`)); } catch { /* already gone */ }
  }
  return out;
}

/** Whether a process holds one of the inodes among its open files. */
async function holdsAny(pid: string, inodes: readonly string[]): Promise<boolean> {
  let fds: string[];
  try {
    fds = await fsp.readdir(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    try {
      if (inodes.includes(await fsp.readlink(`/proc/${pid}/fd/${fd}`))) return true;
    } catch { /* closed meanwhile */ }
  }
  return false;
}

/** Set in every snippet's environment: a process it starts carries it even when it leaves the process group. */
export const RUN_ID_VAR = 'SIGNOFF_RUN_ID';

/**
 * The processes of one snippet that left its process group, found by the run id in their environment (on Linux,
 * /proc/<pid>/environ; elsewhere none are found) and ended: SIGTERM, then SIGKILL after the grace period.
 */
class StrayProcesses {
  readonly id = randomBytes(8).toString('hex');
  /** The snippet's own process group (its shell's pid), once it started. */
  group?: number;
  /** Its output pipes' inodes; with holdersToo, a process holding one is a stray as well (releasePipesAfter). */
  inodes: string[] = [];
  holdersToo = false;
  private readonly seen = new Map<number, string>();
  private ending: Promise<void> = Promise.resolve();

  /** "pid command" of each process ended so far. */
  ended(): string[] {
    return [...this.seen].map(([pid, cmd]) => `${pid} ${cmd}`);
  }

  /** Ends every process still carrying the id; calls are chained, so the last one's wait covers them all. */
  end(graceMs: number): Promise<void> {
    this.ending = this.ending.then(async () => {
      const found = await marked(this.id, this.group, this.holdersToo ? this.inodes : []);
      if (!found.length) return;
      for (const p of found) {
        if (!this.seen.has(p.pid)) this.seen.set(p.pid, p.command);
        try { process.kill(p.pid, 'SIGTERM'); } catch { /* gone */ }
      }
      const deadline = Date.now() + graceMs;
      let alive = found;
      while (alive.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        alive = alive.filter((p) => isAlive(p.pid));
      }
      for (const p of alive) try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
    });
    return this.ending;
  }
}

/** State and process group of a live process, from /proc/<pid>/stat; undefined when it is gone. */
function procStat(pid: number): { state: string; pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie (a zombie is dead, waiting for its parent to collect it). */
function isAlive(pid: number): boolean {
  const st = procStat(pid);
  return st !== undefined && st.state !== 'Z';
}

/** Live processes whose environment holds `SIGNOFF_RUN_ID=<id>` (or that hold one of `inodes`), with their command line. */
async function marked(id: string, group: number | undefined, inodes: readonly string[] = []): Promise<{ pid: number; command: string }[]> {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`${RUN_ID_VAR}=${id}\0`);
  let entries: string[];
  try {
    entries = await fsp.readdir('/proc');
  } catch {
    return [];
  }
  const out: { pid: number; command: string }[] = [];
  await Promise.all(
    entries.filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid).map(async (e) => {
      try {
        const env = await fsp.readFile(`/proc/${e}/environ`).catch(() => Buffer.alloc(0));
        if (!env.includes(needle) && !(inodes.length && (await holdsAny(e, inodes)))) return;
        const st = procStat(Number(e));
        // Members of the snippet's own group are ended through the group; only those that left it are strays.
        if (!st || st.state === 'Z' || st.pgrp === group) return;
        const cmd = (await fsp.readFile(`/proc/${e}/cmdline`)).toString('utf8').split('\0').filter(Boolean).join(' ');
        out.push({ pid: Number(e), command: cmd.slice(0, 200) });
      } catch { /* gone, or not ours to read */ }
    }),
  );
  return out.sort((a, b) => a.pid - b.pid);
}

function excerptOf(head: Buffer[], tail: Buffer, total: number, headLen: number, cap: number): string {
  const h = Buffer.concat(head).toString('utf8');
  if (total <= headLen + tail.length) return h + tail.toString('utf8');
  const t = tail.subarray(Math.max(0, tail.length - cap));
  const omitted = total - headLen - t.length;
  return `${h}\n[… ${omitted} bytes of output omitted …]\n${t.toString('utf8')}`;
}

/** Finds a text in a stream of chunks, keeping only as much of the past as the text is long. */
class LiteralWatch {
  found: boolean;
  private carry = '';
  constructor(private readonly text: string) {
    this.found = text.length === 0;
  }
  push(chunk: string): void {
    if (this.found) return;
    const window = this.carry + chunk;
    if (window.includes(this.text)) { this.found = true; this.carry = ''; return; }
    this.carry = window.slice(Math.max(0, window.length - (this.text.length - 1)));
  }
}
