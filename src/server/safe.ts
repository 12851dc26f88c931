/**
 * One failing request or notification logs and answers empty; it never takes the server down. A handler that
 * answers with an error on purpose (a ResponseError: invalid params, say) gets that error to the client.
 */
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import type { LogLevel } from '../core/index';

export type Log = (level: LogLevel, message: string) => void;

/** Wraps a request handler: a ResponseError reaches the client; any other throw is logged and answered with `fallback`. */
export function safeRequest<P extends unknown[], R, F>(log: Log, name: string, fallback: F, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R | F> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (e) {
      if (e instanceof ResponseError && e.code === ErrorCodes.PendingResponseRejected) return fallback;
      if (e instanceof ResponseError) throw e;
      log('error', `${name} failed: ${errText(e)}`);
      return fallback;
    }
  };
}

/** Wraps a notification handler: a throw (or rejection) is logged. */
export function safeNotification<P extends unknown[]>(log: Log, name: string, handler: (...args: P) => unknown): (...args: P) => void {
  return (...args: P) => {
    try {
      const r = handler(...args);
      if (r instanceof Promise) r.catch((e: unknown) => log('error', `${name} failed: ${errText(e)}`));
    } catch (e) {
      log('error', `${name} failed: ${errText(e)}`);
    }
  };
}

export function errText(e: unknown): string {
  return e instanceof Error ? e.stack ?? e.message : String(e);
}
