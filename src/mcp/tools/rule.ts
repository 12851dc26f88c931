/** `rule` {id}: a rule's documentation page (docs/rules/<id>.md): what it checks, why, examples, its fix. */
import { z } from 'zod';
import { escapeControl } from '../../core/text/sanitize';
import { ruleDescription, ruleIds, rulePage } from '../rule-pages';
import { ToolError } from '../workspace';
import { defineTool } from './tool';

export default defineTool({
  name: 'rule',
  title: 'Rule documentation',
  description: 'The documentation page of a Signoff rule (the `ruleId` of a finding): what it checks, why, examples that fire and do not, and its fix.',
  input: { id: z.string().min(1).max(100).describe('A rule id, e.g. `evidence-line-range`.') },
  async run({ id }) {
    const page = rulePage(id);
    if (page === undefined) throw new ToolError(`unknown rule "${escapeControl(id)}"; the rules are: ${ruleIds().join(', ')}`);
    return { data: { id, description: ruleDescription(id), page }, text: page };
  },
});
