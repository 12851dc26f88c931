/**
 * The runner's commands, registered at activation, with the runner itself in its own bundle (dist/runner.js, built
 * from ./index.ts): activation loads only these few lines. The bundle is loaded right after activation (so the
 * "N to review" status bar item shows what waits) or at the first command, whichever comes first.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { COMMAND_RERUN_FAILED, COMMAND_REVIEW_PENDING, COMMAND_RUN_ALL_PHASES, COMMAND_RUN_PHASE, COMMAND_RUN_SNIPPET } from '../../protocol/index';
import type * as RunnerBundle from './index';

export function registerRunner(context: vscode.ExtensionContext, client: RunnerBundle.RunnerServer, log: vscode.LogOutputChannel): vscode.Disposable[] {
  let started: RunnerBundle.RunnerCommands | undefined;
  const start = (): RunnerBundle.RunnerCommands => {
    if (!started) {
      // A computed path, so esbuild leaves the bundle out of extension.js (esbuild.mjs builds it next to it).
      const bundle = require(path.join(__dirname, 'runner.js')) as typeof RunnerBundle;
      const runner = bundle.startRunner(context, client, log);
      context.subscriptions.push(...runner.disposables);
      started = runner.commands;
    }
    return started;
  };
  const forward = (id: string) => (...args: unknown[]) => start()[id](...args);
  const timer = setTimeout(() => {
    try {
      start();
    } catch (e) {
      log.error(`the checklist runner failed to start: ${(e as Error)?.stack ?? e}`);
    }
  }, 0);
  const disposables = [
    new vscode.Disposable(() => clearTimeout(timer)),
    vscode.commands.registerCommand(COMMAND_RUN_PHASE, forward(COMMAND_RUN_PHASE)),
    vscode.commands.registerCommand(COMMAND_RUN_ALL_PHASES, forward(COMMAND_RUN_ALL_PHASES)),
    vscode.commands.registerCommand(COMMAND_RERUN_FAILED, forward(COMMAND_RERUN_FAILED)),
    vscode.commands.registerCommand(COMMAND_REVIEW_PENDING, forward(COMMAND_REVIEW_PENDING)),
    vscode.commands.registerCommand(COMMAND_RUN_SNIPPET, forward(COMMAND_RUN_SNIPPET)),
  ];
  context.subscriptions.push(...disposables);
  return disposables;
}
