/**
 * The terminal a run is shown in: a Pseudoterminal fed by the runner (so exit codes and output are captured
 * exactly, not scraped from a shell). Output written before VS Code opens it is buffered; closing it cancels the run.
 */
import * as vscode from 'vscode';

export class RunTerminal implements vscode.Disposable {
  readonly terminal: vscode.Terminal;
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  private readonly abort = new AbortController();
  private pending: string[] | undefined = [];
  private closed = false;

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

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get isClosed(): boolean {
    return this.closed;
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
