/**
 * The tools that change files, offered only with `signoff mcp --allow-write`: `fix` is `signoff check --fix` on one
 * document, `seal` is `signoff seal` on one certificate without a key. Both run the CLI's own command functions,
 * with their output captured (stdout is the protocol channel here). Snippets are never run from here.
 */
import { runCheck } from '../../cli/check';
import { sealCommand } from '../../cli/seal';
import { UsageError, type CliIO } from '../../cli/io';
import { jsonReport } from '../findings';
import { ToolError, type Workspace } from '../workspace';
import { PATH } from './check';
import { defineTool } from './tool';

function capturingIO(root: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s.trim()), stderr: (s) => err.push(s.trim().replace(/^signoff: /, '')), cwd: root, env: process.env, isInteractive: false };
}

/** A CLI command's usage errors are the tool's errors. */
async function asTool<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UsageError) throw new ToolError(e.message);
    throw e;
  }
}

async function target(workspace: Workspace, path: string): Promise<string> {
  const session = await workspace.open();
  const rel = await workspace.inside(session, path);
  await workspace.readText(session, rel); // a missing or special file: said here, in the tool's words
  return rel;
}

export const fixTool = defineTool({
  name: 'fix',
  title: 'Apply safe fixes',
  description: 'Apply the safe fixes (`safeFix: true` in check) to one document and write it, as `signoff check --fix <path>` does; returns the findings left afterwards. Only with `signoff mcp --allow-write`.',
  writes: true,
  input: { path: PATH },
  async run({ path }, workspace) {
    const rel = await target(workspace, path);
    const io = capturingIO(workspace.root);
    const result = await asTool(() => runCheck({ root: workspace.root, configPath: workspace.options.configPath, paths: [rel], fix: true }, io));
    return { data: { path: rel, fixed: result.fixedFiles.includes(rel), ...jsonReport(result), ...(io.err.length ? { notes: io.err } : {}) } };
  },
});

export const sealTool = defineTool({
  name: 'seal',
  title: 'Seal a certificate',
  description: 'Seal one review certificate as `signoff seal <path>` does without a key: safe fixes first, then a hash of its content and fingerprints of the cited lines written into it (unsigned). Only with `signoff mcp --allow-write`.',
  writes: true,
  input: { path: PATH },
  async run({ path }, workspace) {
    const rel = await target(workspace, path);
    const io = capturingIO(workspace.root);
    const args = [rel, '--root', workspace.root, ...(workspace.options.configPath ? ['--config', workspace.options.configPath] : [])];
    const code = await asTool(() => sealCommand(args, io));
    if (code !== 0) throw new ToolError(io.err.join('; ') || `${rel} was not sealed`);
    return { data: { path: rel, sealed: true, output: io.out, ...(io.err.length ? { notes: io.err } : {}) }, text: [...io.out, ...io.err].join('\n') };
  },
});
