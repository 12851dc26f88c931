/**
 * `status` {changedSince?, require?, paths?}: the review ledger as `signoff status --format json` gives it (which
 * review holds for each component, whether its evidence is fresh, sealed, signed, its open conditions), by running
 * that very command in this process, so the two cannot differ. With `require`, the gate's verdict and failures.
 */
import { z } from 'zod';
import { statusCommand } from '../../cli/status';
import { escapeControl } from '../../core/text/sanitize';
import { ToolError } from '../workspace';
import { PATH } from './check';
import { defineTool } from './tool';

export default defineTool({
  name: 'status',
  title: 'Review ledger',
  description:
    'The review ledger, as `signoff status --format json` reports it: for each component the current certificate (verdict, date, agent), whether its evidence is fresh (and which references are stale), sealed and signed, its open conditions and what it superseded; each checklist phase\'s latest run. `changedSince` lists only the components whose cited code the change REF...HEAD touches; `require` (e.g. "approved,fresh") adds the merge gate\'s verdict.',
  input: {
    changedSince: z.string().min(1).max(200).regex(/^[^-\s][^\s]*$/, 'a git ref, not an option').optional().describe('A git ref (e.g. `origin/main`): only the components the change since it touches.'),
    require: z.string().min(1).max(100).optional().describe('Any of approved, fresh, sealed, signed, comma-separated.'),
    paths: z.array(PATH).max(200).optional().describe('Documents or folders to read (default: the whole workspace).'),
  },
  async run({ changedSince, require, paths }, workspace) {
    const session = await workspace.open();
    const rels = [];
    for (const p of paths ?? []) rels.push(await workspace.inside(session, p));
    const argv = ['--root', workspace.root, '--format', 'json'];
    if (workspace.options.configPath) argv.push('--config', workspace.options.configPath);
    if (changedSince) argv.push('--changed-since', changedSince);
    if (require) argv.push('--require', require);
    if (rels.length) argv.push('--', ...rels);
    let out = '';
    const errors: string[] = [];
    const code = await statusCommand(argv, { stdout: (s) => { out += s; }, stderr: (s) => { errors.push(s.trim()); }, cwd: workspace.root, env: {}, isInteractive: false }).catch((e: Error) => {
      throw new ToolError(escapeControl(e.message));
    });
    const ledger = JSON.parse(out) as Record<string, unknown>;
    return { data: { ...ledger, ...(require ? { gate: code === 0 ? 'met' : 'failed' } : {}), ...(errors.length ? { notes: errors } : {}) } };
  },
});
