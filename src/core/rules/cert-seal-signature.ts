import { certificateRule } from './types';
import { cleanValue, headerFields } from './shared/header';
import { openingSpan, readableSeal } from '../seal/rule-support';
import { SEAL_NAMESPACE, signedMessage } from '../seal/format';

export default certificateRule(
  {
    id: 'cert-seal-signature',
    description: 'The seal\'s SSH signature does not verify, or its key is not allowed for the certificate\'s Agent in the allowed-signers file.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['seal', 'signature'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const sealed = readableSeal(ctx);
    if (!sealed?.data.signature) return; // an unsigned seal is still a seal
    const span = openingSpan(ctx, sealed.block);
    const agent = cleanValue(headerFields(ctx.model, 'Agent')[0]?.value ?? '');
    if (!agent) {
      ctx.report({ message: 'The seal is signed, but the certificate has no Agent to check the signer against.', span });
      return;
    }
    const check = await sealed.sealHost.verifySignature({
      message: signedMessage(sealed.data),
      signature: sealed.data.signature,
      principal: agent,
      namespace: SEAL_NAMESPACE,
      allowedSigners: ctx.config.seal.allowedSigners,
    });
    if (check.status === 'valid') return;
    if (check.status === 'unavailable') {
      ctx.report({ message: `The seal's signature could not be checked: ${check.reason}.`, span, severity: 'warning', data: { status: check.status } });
    } else if (check.status === 'invalid') {
      ctx.report({ message: `The seal's signature does not verify (${check.reason}): the seal was changed after it was signed, or the signature is not over this seal.`, span, data: { status: check.status } });
    } else {
      const who = check.principals.length ? `is allowed for ${check.principals.map((p) => `"${p}"`).join(', ')}, not for` : 'is not allowed for';
      ctx.report({ message: `The seal is signed by ${check.key}, which ${who} the Agent "${agent}" in ${check.allowedSigners}.`, span, data: { status: check.status, key: check.key } });
    }
  },
);
