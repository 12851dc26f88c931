/**
 * Errors go to the log; the output channel is revealed on the first one only (a window that keeps jumping to a
 * log panel is worse than a missed message), and failures the user must act on also get a notification.
 */
import * as vscode from 'vscode';

export class ErrorReporter {
  private revealed = false;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  report(text: string, notify = false): void {
    this.log.error(text);
    if (!this.revealed) {
      this.revealed = true;
      this.log.show(true);
    }
    if (notify) {
      void vscode.window.showErrorMessage(text, 'Show Output').then((pick) => {
        if (pick) this.log.show();
      });
    }
  }
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
