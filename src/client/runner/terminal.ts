/**
 * The terminal runs are shown in: a Pseudoterminal fed by the runner (so exit codes and output are captured
 * exactly, not scraped from a shell). One per checklist, reused by every run of it (RunTerminals), so three runs
 * make one tab, not three. Output written before VS Code opens it is buffered; closing it cancels the running run.
 */
import * as vscode from 'vscode';

export class RunTerminal implements vscode.Disposable {
  readonly terminal: vscode.Terminal;
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  private abort = new AbortController();
  private pending: string[] | undefined = [];
  private closed = false;
  /** Runs shown in this terminal so far. */
  runs = 0;

  constructor(name: string) {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writer.event,
      onDidClose: this.closer.event,
      open: () => {
        const buffered = this.pending ?? [];
        this.pending = undefined;
        for (const s of buffered) this.writer.fire(s);
      },
      close: () => {
        // The user closed the terminal: stop the run (the runner kills the running snippet's process group).
        this.closed = true;
        this.abort.abort();
      },
      // Ctrl+C in the terminal cancels too.
      handleInput: (data) => { if (data === '\x03') { this.write('^C\r\n'); this.abort.abort(); } },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('checklist') });
  }

  /** Starts a run in this terminal: a fresh cancel signal (the previous run's Ctrl+C does not cancel this one). */
  startRun(): AbortSignal {
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.runs++;
    return this.abort.signal;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get isClosed(): boolean {
    return this.closed || this.terminal.exitStatus !== undefined;
  }

  write(text: string): void {
    if (this.closed || !text) return;
    if (this.pending) this.pending.push(text);
    else this.writer.fire(text);
  }

  dispose(): void {
    this.abort.abort();
    this.writer.dispose();
    this.closer.dispose();
  }
}

/** One RunTerminal per checklist (keyed by its URI), created on its first run and reused until the user closes it. */
export class RunTerminals implements vscode.Disposable {
  private readonly byChecklist = new Map<string, RunTerminal>();

  get(key: string, name: string): RunTerminal {
    const open = this.byChecklist.get(key);
    if (open && !open.isClosed) return open;
    open?.dispose();
    const term = new RunTerminal(name);
    this.byChecklist.set(key, term);
    return term;
  }

  dispose(): void {
    for (const t of this.byChecklist.values()) t.dispose();
    this.byChecklist.clear();
  }
}
