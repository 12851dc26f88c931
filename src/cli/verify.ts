/**
 * `signoff verify CERT... | RECORD.json... [--allowed-signers FILE] [--format text|json]`: whether each certificate's seal still
 * holds, through the same four seal rules the editor and `check` run (one engine, one answer). Exit 0 when every
 * seal holds; 1 when any certificate is unsealed, changed, has stale cited lines or a signature that is not
 * verified; 2 on usage errors.
 */
import * as path from 'node:path';
import { decodeText, RULES, type Finding } from '../core/index';
import { SEAL_RULE_IDS } from '../core/rules/index';
import { sealOf } from '../core/seal/content';
import { parseRunRecord, RUN_SIGNATURE_NAMESPACE, signedPayload } from '../core/runs/index';
import { escapeControl } from '../core/text/sanitize';
import type { NodeHost } from '../node/fs-host';
import type { RunRecord } from '../protocol/index';
import { recordPrincipal } from '../runner/sign';
import { parseArgs } from './args';
import { selectFiles } from './files';
import { regularFileProblem } from '../node/regular-file';
import { UsageError, type CliIO } from './io';
import { formatVerifyJson, formatVerifyText, type SignatureState, type VerifiedCertificate } from './formatters/verify';
import { findRoot } from './root';
import { openCliWorkspace } from './workspace';

export async function verifyCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { 'allowed-signers': 'string', format: 'string', root: 'string', config: 'string' });
  const format = (flags.format as string | undefined) ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
  if (!positionals.length) throw new UsageError('verify needs at least one certificate (signoff verify CERT... [--allowed-signers FILE])');
  const root = findRoot(io.cwd, flags.root as string | undefined);
  const sealRules = SEAL_RULE_IDS as readonly string[];
  const allowedSigners = flags['allowed-signers'] ? path.resolve(io.cwd, flags['allowed-signers'] as string) : undefined;
  const signersProblem = allowedSigners ? regularFileProblem(allowedSigners) : undefined;
  if (signersProblem) throw new UsageError(`--allowed-signers: ${signersProblem}`);
  const { engine, host, config } = openCliWorkspace(io, {
    root,
    config: { file: flags.config ? path.resolve(io.cwd, flags.config as string) : undefined },
    rules: RULES.filter((r) => sealRules.includes(r.meta.id)),
    // Every seal check at its default severity, whatever the project turned off: verify is asked this very question.
    adjust: (loaded) => ({
      ...loaded,
      rules: Object.fromEntries(Object.entries(loaded.rules).filter(([id]) => !sealRules.includes(id))),
      seal: { ...loaded.seal, allowedSigners: allowedSigners ?? loaded.seal.allowedSigners },
    }),
  });
  // Run records (`.signoff/runs/*.json`) are checked for their signature; certificates for their seal.
  const records = positionals.filter((p) => p.toLowerCase().endsWith('.json'));
  if (records.length) {
    if (records.length !== positionals.length) throw new UsageError('verify takes either certificates or run records (.json), not both at once');
    return verifyRunRecords(records, host, config.seal.allowedSigners, format, io);
  }
  engine.workspace.files = await host.listFiles();
  const files = await selectFiles(host, positionals, io.cwd, (rel) => engine.isIncluded(rel));
  const results: VerifiedCertificate[] = [];
  for (const file of files) {
    const bytes = await host.readFile(file);
    const decoded = bytes && decodeText(bytes);
    const explicit = positionals.some((p) => path.resolve(io.cwd, p) === host.absolute(file));
    if (!decoded) continue;
    const { text, ...facts } = decoded;
    const doc = engine.parse(file, text, facts);
    if (doc.kind !== 'certificate') {
      if (explicit) throw new UsageError(`${file} is not a review certificate`);
      continue;
    }
    engine.workspace.update(doc);
    results.push(summarise(file, doc, await engine.check(doc)));
  }
  if (!results.length) throw new UsageError('no certificates among the given paths');
  io.stdout(format === 'json' ? formatVerifyJson(results) : formatVerifyText(results));
  return results.every((r) => r.holds) ? 0 : 1;
}

function summarise(file: string, doc: Parameters<typeof sealOf>[0], findings: Finding[]): VerifiedCertificate {
  const block = sealOf(doc);
  const seal = block?.parsed.ok ? block.parsed.data : undefined;
  const of = (id: string) => findings.filter((f) => f.ruleId === id);
  const hash = !block ? 'none' : !seal ? 'unreadable' : of('cert-hash-mismatch').length ? 'changed' : 'intact';
  const sig = of('cert-seal-signature')[0];
  const sigStatus = sig?.data?.status;
  const signature: SignatureState = !seal?.signature ? (sigStatus === 'unsigned' ? 'missing' : 'none') : !sig ? 'valid' : sigStatus === 'unavailable' ? 'unverified' : sigStatus === 'not-allowed' ? 'not-allowed' : 'invalid';
  const stale = new Set<string>();
  const staleWhole = new Set<string>();
  for (const f of of('evidence-stale')) (f.data?.whole ? staleWhole : stale).add(String(f.data?.fingerprint));
  const ranges = seal?.files.flatMap((f) => f.ranges) ?? [];
  const total = ranges.filter((r) => !r.whole).length;
  const wholeTotal = ranges.length - total;
  const result: VerifiedCertificate = {
    path: file,
    sealed: !!block,
    hash,
    signature,
    evidence: { intact: total - stale.size, total },
    wholeFiles: { unchanged: wholeTotal - staleWhole.size, total: wholeTotal },
    holds: false,
    findings,
  };
  result.holds = hash === 'intact' && (signature === 'none' || signature === 'valid') && stale.size === 0;
  return result;
}

export interface VerifiedRunRecord {
  path: string;
  /** valid: signed by a key the allowed signers accept for the record's runner; none: not signed. */
  signature: SignatureState;
  by?: string;
  reason?: string;
  holds: boolean;
}

/**
 * `signoff verify RECORD.json...`: each run record's signature (`signoff run --sign`) checked with `ssh-keygen -Y
 * verify` against the allowed signers, for the principal the record names as its runner. An unsigned record, a
 * record edited after signing, or a key not allowed for that person does not hold (exit 1).
 */
async function verifyRunRecords(files: string[], host: NodeHost, allowedSigners: string | undefined, format: string, io: CliIO): Promise<number> {
  const results: VerifiedRunRecord[] = [];
  for (const file of files) {
    const abs = path.resolve(io.cwd, file);
    const rel = host.relative(abs);
    const bytes = await host.readFile(rel);
    const text = bytes ? new TextDecoder().decode(bytes) : '';
    const record = parseRunRecord(text);
    if (!record) throw new UsageError(`${escapeControl(file)} is not a run record`);
    // The signature covers the record exactly as written (every field, in its order), not our reading of it.
    const asWritten = JSON.parse(text.replace(/^\uFEFF/, '')) as RunRecord;
    const principal = recordPrincipal(record);
    const r: VerifiedRunRecord = { path: rel, signature: 'none', holds: false, ...(principal ? { by: principal } : {}) };
    if (!record.signature) r.reason = 'not signed (signoff run --sign KEY)';
    else if (!principal) { r.signature = 'invalid'; r.reason = 'the record names no runner (by) to check the signature for'; }
    else {
      const check = await host.seal.verifySignature({
        message: signedPayload(asWritten), signature: record.signature.signature, principal, namespace: RUN_SIGNATURE_NAMESPACE, allowedSigners,
      });
      r.signature = check.status === 'valid' ? 'valid' : check.status === 'not-allowed' ? 'not-allowed' : check.status === 'unavailable' ? 'unverified' : 'invalid';
      if (check.status !== 'valid') r.reason = 'reason' in check && check.reason ? check.reason : check.status === 'not-allowed' ? `the key is not allowed for ${principal}` : check.status;
    }
    r.holds = r.signature === 'valid';
    results.push(r);
  }
  if (format === 'json') io.stdout(JSON.stringify({ records: results }, null, 2) + '\n');
  else for (const r of results) io.stdout(`${escapeControl(r.path)}: ${r.holds ? `signed by ${escapeControl(r.by ?? '')}, verified` : `NOT verified: ${escapeControl(r.reason ?? r.signature)}`}\n`);
  return results.every((r) => r.holds) ? 0 : 1;
}
