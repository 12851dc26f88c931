import { certificateRule } from './types';
import { hasOwnPath, resolvedRefs } from '../evidence/rule-support';
import { folderName, resolutionData } from '../evidence/resolution';
import { dirName } from '../evidence/paths';

const MAX_CANDIDATES = 10;

export default certificateRule(
  {
    id: 'evidence-ambiguous',
    description: 'A cited file name (or path suffix) matches several files of the workspace; each candidate is offered as a fix.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: true,
    tags: ['evidence'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const docDir = dirName(ctx.doc.path);
    for (const { ref, location } of await resolvedRefs(ctx)) {
      if (location.status !== 'ambiguous' || !hasOwnPath(ref)) continue;
      const shown = location.candidates.slice(0, MAX_CANDIDATES);
      const more = location.candidates.length - shown.length;
      const list = `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
      // A certificate beside its code (its folder holds code) citing a name its folder lacks most likely means a file
      // that is not there, not one of the copies elsewhere: said as information, not as an ambiguity to fix.
      // So too when the reference's heading names a folder (`## AGENT GL-001`) that holds none of the matches.
      const home = location.headingFolder ?? (location.scope !== docDir && ctx.workspace.fileIndex().holdsCode(docDir) ? docDir : undefined);
      const elsewhere = home !== undefined;
      ctx.report({
        // Said where it was looked for: the nearest folder of the document holding a match (evidence.md).
        message: elsewhere
          ? `${ref.path} is not under ${folderName(home)}${location.headingFolder ? ', the folder its heading names' : ', beside the certificate'}; ${location.candidates.length === 1 ? 'one file elsewhere matches' : `${location.candidates.length} files elsewhere match`}: ${list}.`
          : `${ref.path} matches ${location.candidates.length} files${location.scope ? ` under ${folderName(location.scope)}` : ''}: ${list}.`,
        ...(elsewhere ? { severity: 'info' as const } : {}),
        span: ref.pathSpan,
        fixes: ref.pathExact
          ? shown.map((c) => ({ title: `Cite ${c}`, edits: [{ start: ref.pathSpan.start, end: ref.pathSpan.end, newText: c }], safe: false }))
          : undefined,
        data: { candidates: location.candidates, ...resolutionData(ref.path, location) },
      });
    }
  },
);
