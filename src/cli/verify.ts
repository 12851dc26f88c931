/**
 * `signoff verify CERT... [--allowed-signers FILE] [--format text|json]`: whether each certificate's seal still
 * holds, through the same four seal rules the editor and `check` run (one engine, one answer). Exit 0 when every
 * seal holds; 1 when any certificate is unsealed, changed, has stale cited lines or a signature that is not
 * verified; 2 on usage errors.
 */
import * as path from 'node:path';
import { decodeText, RULES, type Finding } from '../core/index';
import { SEAL_RULE_IDS } from '../core/rules/index';
import { sealOf } from '../core/seal/content';
import { parseArgs } from './args';
import { selectFiles } from './files';
import { UsageError, type CliIO } from './io';
import { formatVerifyJson, formatVerifyText, type SignatureState, type VerifiedCertificate } from './formatters/verify';
import { openCliWorkspace } from './workspace';

export async function verifyCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { 'allowed-signers': 'string', format: 'string', root: 'string', config: 'string' });
  const format = (flags.format as string | undefined) ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
  if (!positionals.length) throw new UsageError('verify needs at least one certificate (signoff verify CERT... [--allowed-signers FILE])');
  const root = path.resolve(io.cwd, (flags.root as string | undefined) ?? '.');
  const sealRules = SEAL_RULE_IDS as readonly string[];
  const allowedSigners = flags['allowed-signers'] ? path.resolve(io.cwd, flags['allowed-signers'] as string) : undefined;
  const { engine, host } = openCliWorkspace(io, {
    root,
    config: { file: flags.config ? path.resolve(io.cwd, flags.config as string) : undefined },
    rules: RULES.filter((r) => sealRules.includes(r.meta.id)),
    // Every seal check at its default severity, whatever the project turned off: verify is asked this very question.
    adjust: (config) => ({
      ...config,
      rules: Object.fromEntries(Object.entries(config.rules).filter(([id]) => !sealRules.includes(id))),
      seal: { ...config.seal, allowedSigners: allowedSigners ?? config.seal.allowedSigners },
    }),
  });
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
  const signature: SignatureState = !seal?.signature ? 'none' : !sig ? 'valid' : sigStatus === 'unavailable' ? 'unverified' : sigStatus === 'not-allowed' ? 'not-allowed' : 'invalid';
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
