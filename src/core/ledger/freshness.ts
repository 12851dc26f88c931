/** Whether a certificate's evidence still holds, as the document pass found it (facts.ts evidenceFacts). */
import type { CertificateFacts } from './facts';

/** true: fresh; false: stale; undefined: the document was not checked, so nobody knows. */
export function isFresh(facts: CertificateFacts): boolean | undefined {
  if (!facts.evidence) return undefined;
  return facts.evidence.stale.length === 0;
}
