import { certificateRule } from './types';
import { evidenceService, resolvedRefs } from '../evidence/rule-support';
import { resolutionData } from '../evidence/resolution';

export default certificateRule(
  {
    id: 'evidence-pytest-node',
    description: 'A `::Name` of a cited pytest node id is not defined in its file (no `class Name` or `def Name`).',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['evidence'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const service = evidenceService(ctx);
    for (const { ref, location, facts } of await resolvedRefs(ctx)) {
      if (!ref.names?.length || location.status !== 'found' || facts?.status !== 'ok') continue;
      const text = await service.resolver.readText(location.path);
      if (text === undefined) continue;
      const defined = definedNames(text);
      for (const n of ref.names) {
        if (defined.has(n.name)) continue;
        ctx.report({ message: `${n.name} is not defined in ${location.path} (no \`class ${n.name}\` or \`def ${n.name}\`).`, span: n.span, data: { path: location.path, name: n.name, ...resolutionData(ref.path, location) } });
      }
    }
  },
);

/** Names of every class and function defined in Python source (one pass over the text). */
function definedNames(text: string): Set<string> {
  const names = new Set<string>();
  const re = /^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_][A-Za-z0-9_]*)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) names.add(m[1]);
  return names;
}
