/**
 * `signoff run --sign KEY` (and the editor's `signoff.seal.key`): the record is signed with OpenSSH's `ssh-keygen -Y
 * sign`, namespace `signoff-run`, over the record's text without its signature (core/runs signedPayload), and the
 * armored signature is kept in the record. `signoff verify RECORD` checks it against the allowed signers, for the
 * principal the record names as its runner (`by.email`, else `by.name`).
 */
import type { RunRecord } from '../protocol/index';
import { RUN_SIGNATURE_NAMESPACE, signedPayload } from '../core/runs/index';
import { runProcess } from '../node/process';

const TIMEOUT_MS = 120_000;

export async function signRecord(record: RunRecord, keyFile: string, cwd: string): Promise<RunRecord> {
  const { signature: _old, ...unsigned } = record;
  const payload = signedPayload(unsigned as RunRecord);
  const r = await runProcess('ssh-keygen', ['-Y', 'sign', '-f', keyFile, '-n', RUN_SIGNATURE_NAMESPACE], { stdin: payload, cwd, timeoutMs: TIMEOUT_MS });
  if (r.code !== 0 || !r.stdout.includes('-----BEGIN SSH SIGNATURE-----')) {
    const why = r.code === null ? r.stderr || 'ssh-keygen could not be run' : r.stderr.trim().split('\n')[0] || `exit code ${r.code}`;
    throw new Error(`ssh-keygen -Y sign -f ${keyFile} failed: ${why}`);
  }
  return { ...(unsigned as RunRecord), signature: { namespace: RUN_SIGNATURE_NAMESPACE, signature: r.stdout.trim() + '\n' } };
}

/** The principal a signed record must be allowed for: the runner's email, else their name. */
export function recordPrincipal(record: RunRecord): string | undefined {
  return record.by?.email || record.by?.name || undefined;
}
