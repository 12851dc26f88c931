import { certificateRule } from './types';
import { resolvedRefs, formatRanges } from '../evidence/rule-support';
import { describeSteps, stepsTouching } from '../evidence/changes';

/**
 * The reviewer's question in a pull request: "this change touches code that this certificate vouches for; was it
 * re-reviewed?". Runs only when the host carries a change set (`check --changed-since REF`, `--staged`); a
 * reference whose cited lines the change did not touch is not reported.
 */
export default certificateRule(
  {
    id: 'evidence-changed',
    description: 'With `check --changed-since REF`: the change under review touches the cited lines (names the commits).',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['evidence', 'git', 'change-review'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const changes = ctx.host.changeSet;
    if (!changes) return;
    const deleted = Object.entries(changes.files).filter(([, c]) => c.status === 'deleted');
    for (const { ref, location } of await resolvedRefs(ctx)) {
      if (location.status === 'found') {
        const change = changes.files[location.path];
        if (!change) continue;
        const steps = stepsTouching(change, ref.ranges);
        if (!steps.length) continue;
        const what = ref.ranges.length ? `${formatRanges(ref.ranges)} of ${location.path}` : location.path;
        ctx.report({
          message: `The change since ${changes.base} touches ${what}, cited here: ${describeSteps(steps)}. Was it re-reviewed?`,
          span: ref.span,
          data: { path: location.path, commits: steps.map((s) => s.commit?.sha ?? 'working-tree') },
        });
      } else if (location.status === 'missing') {
        const gone = deleted.find(([p]) => p === location.tried || p.endsWith('/' + location.tried));
        if (!gone) continue;
        ctx.report({
          message: `The change since ${changes.base} deletes ${gone[0]}, cited here: ${describeSteps(gone[1].steps)}. Was it re-reviewed?`,
          span: ref.span,
          data: { path: gone[0], commits: gone[1].steps.map((s) => s.commit?.sha ?? 'working-tree') },
        });
      }
    }
  },
);
