/**
 * `signoff run --sign KEY` (and the editor's `signoff.seal.key`): the record is signed with OpenSSH's `ssh-keygen -Y
 * sign`, namespace `signoff-run`, over the record's text without its signature (core/runs signedPayload), and the
 * armored signature is kept in the record. `signoff verify RECORD` checks it against the allowed signers, for the
 * principal the record names as its runner (`by.email`, else `by.name`).
 */
import { spawn } from 'node:child_process';
import type { RunRecord } from '../protocol/index';
import { RUN_SIGNATURE_NAMESPACE, signedPayload } from '../core/runs/index';

const TIMEOUT_MS = 120_000;

export async function signRecord(record: RunRecord, keyFile: string, cwd: string): Promise<RunRecord> {
  const { signature: _old, ...unsigned } = record;
  const payload = signedPayload(unsigned as RunRecord);
  const r = await run('ssh-keygen', ['-Y', 'sign', '-f', keyFile, '-n', RUN_SIGNATURE_NAMESPACE], payload, cwd);
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

function run(command: string, args: string[], stdin: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: null, stdout: '', stderr: (e as Error).message });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(stdin);
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: null, stdout, stderr: e.message }); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}
