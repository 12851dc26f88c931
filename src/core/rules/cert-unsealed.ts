import { certificateRule } from './types';
import { sealOf } from '../seal/content';

export default certificateRule(
  {
    id: 'cert-unsealed',
    description: 'With `seal.required: true`, a certificate that carries no seal (`signoff seal`). Off otherwise.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['seal'],
  },
  ({ doc, model, config, report }) => {
    if (!config.seal.required || sealOf(doc)) return;
    const at = model.h1s[0]?.span ?? { start: 0, end: doc.lines.lineEnd(1) };
    report({ message: `This certificate is not sealed, and seal.required is true: seal it with \`signoff seal ${doc.path}\`.`, span: at });
  },
);
