import { certificateRule } from './types';
import { cleanValue, headerFields } from './shared/header';
import { openingSpan, readableSeal } from '../seal/rule-support';
import { SEAL_NAMESPACE, signedMessage } from '../seal/format';
import type { SealHost } from '../host';
import type { Config } from '../config/schema';

/** Why an unsigned seal fails (the setting or the allowed-signers file in effect), or undefined when it may be unsigned. */
async function signatureRequired(host: SealHost, seal: Config['seal']): Promise<string | undefined> {
  if (seal.requireSignature === false) return undefined;
  if (seal.requireSignature === true) return 'seal.requireSignature is true';
  const file = await host.allowedSignersInEffect?.(seal.allowedSigners);
  return file ? `an allowed-signers file is in effect: ${file}; seal.requireSignature` : undefined;
}

export default certificateRule(
  {
    id: 'cert-seal-signature',
    description: 'The seal\'s SSH signature does not verify, its key is not allowed for the certificate\'s Agent in the allowed-signers file, or the seal is unsigned where signatures are required.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['seal', 'signature'],
    usesWorkspace: true,
  },
  async (ctx) => {
    const sealed = readableSeal(ctx);
    if (!sealed) return;
    const span = openingSpan(ctx, sealed.block);
    if (!sealed.data.signature) {
      // An unsigned seal is still a seal, unless signatures are required: then re-sealing without the key after an
      // edit (which anyone can do) would pass where the signed seal fails.
      const required = await signatureRequired(sealed.sealHost, ctx.config.seal);
      if (required) ctx.report({ message: `The seal is not signed, but signatures are required (${required}): seal it with \`signoff seal --key\`.`, span, data: { status: 'unsigned' } });
      return;
    }
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
