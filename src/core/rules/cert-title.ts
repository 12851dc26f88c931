import { certificateRule } from './types';

export default certificateRule(
  {
    id: 'cert-title',
    description: 'A certificate has exactly one H1, and it is the first block of the document.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['structure'],
  },
  ({ model, report }) => {
    if (model.h1s.length === 0) {
      report({ message: 'Certificate has no H1 title (expected `# <TOPIC> CERTIFICATE` on line 1).', span: { start: 0, end: 0 } });
      return;
    }
    if (!model.firstBlockIsH1) {
      report({ message: `The H1 title "${model.h1s[0].text}" is not the first block of the certificate.`, span: model.h1s[0].span });
    }
    for (const extra of model.h1s.slice(1)) {
      report({ message: `A certificate has one H1; "${extra.text}" is another (use ## or ### for sections).`, span: extra.span });
    }
  },
);
