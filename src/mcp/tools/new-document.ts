/**
 * `new_document` {kind, component, agent}: the editor's New Certificate / New Checklist template (src/protocol/
 * templates.ts) with every placeholder at its default, Date and Certificate ID filled from the current time.
 */
import { z } from 'zod';
import { certificateTemplate, checklistTemplate, snippetDefaults } from '../../protocol/templates';
import { defineTool } from './tool';

const NAME = z.string().trim().min(1).max(200);

export default defineTool({
  name: 'new_document',
  title: 'New certificate or checklist',
  description:
    'A new review certificate or deployment checklist as the editor\'s New Certificate / New Checklist makes it: the sections in order, Date (now, UTC), Certificate ID and Agent filled in. Fill in the rest, then `check` it with {path, text} before writing it.',
  input: {
    kind: z.enum(['certificate', 'checklist']),
    component: NAME.describe('What is reviewed or deployed (the title and the Component field).'),
    agent: NAME.describe('Who signs the document (the Agent field and the signature).'),
  },
  async run({ kind, component, agent }) {
    const template = kind === 'certificate' ? certificateTemplate : checklistTemplate;
    const text = snippetDefaults(template(agent, new Date(), component));
    return { data: { kind, text }, text };
  },
});
