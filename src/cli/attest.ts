/**
 * `signoff attest CERT`: an in-toto Statement v1 on stdout (docs/attestation.md), ready for
 * `cosign attest-blob --type custom --predicate` or GitHub's artifact attestations. Subjects: the certificate and
 * every file it cites that resolves, each with the SHA-256 of its bytes as they are now; the predicate holds the
 * verdict, component, agent, date, conditions, the evidence list and, when sealed, whether the seal holds.
 */
import * as path from 'node:path';
import { decodeText, type ParsedDocument, type ResolvedRef } from '../core/index';
import { cleanValue, headerFields } from '../core/rules/shared/header';
import { sealOf } from '../core/seal/content';
import { compareContent } from '../core/seal/compare';
import { sha256Hex } from '../node/seal-host';
import { workspacePath } from '../node/paths';
import { parseArgs } from './args';
import { UsageError, type CliIO } from './io';
import { findRoot } from './root';
import { openCliWorkspace } from './workspace';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://github.com/signoff-dev/signoff/blob/main/docs/attestation.md#review-certificate-v1';

export async function attestCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { root: 'string', config: 'string' });
  if (positionals.length !== 1) throw new UsageError('attest takes exactly one certificate (signoff attest CERT)');
  const root = findRoot(io.cwd, flags.root as string | undefined);
  const { engine, host } = openCliWorkspace(io, { root, config: { file: flags.config ? path.resolve(io.cwd, flags.config as string) : undefined } });
  const abs = path.resolve(io.cwd, positionals[0]);
  const rel = workspacePath(host.root, abs);
  if (rel === undefined) throw new UsageError(`${positionals[0]} is outside the root ${host.root} (use --root)`);
  const bytes = await host.readFile(rel);
  if (!bytes) throw new UsageError(`cannot read ${positionals[0]}`);
  const { text, ...facts } = decodeText(bytes);
  const doc = engine.parse(rel, text, facts);
  if (doc.kind !== 'certificate' || !doc.certificate) throw new UsageError(`${rel} is not a review certificate`);
  engine.workspace.files = await host.listFiles();
  engine.workspace.update(doc);
  const resolved = await engine.workspace.evidence(host, engine.config).resolve(doc);

  const subject = [{ name: rel, digest: { sha256: sha256Hex(bytes) } }];
  const seen = new Set([rel]);
  for (const r of resolved) {
    if (r.location.status !== 'found' || seen.has(r.location.path)) continue;
    seen.add(r.location.path);
    const cited = await host.readFile(r.location.path);
    if (cited) subject.push({ name: r.location.path, digest: { sha256: sha256Hex(cited) } });
  }
  const statement = { _type: STATEMENT_TYPE, subject, predicateType: PREDICATE_TYPE, predicate: predicateOf(doc, resolved) };
  io.stdout(JSON.stringify(statement, null, 2) + '\n');
  return 0;
}


function predicateOf(doc: ParsedDocument, resolved: readonly ResolvedRef[]) {
  const model = doc.certificate!;
  const field = (name: string) => {
    const f = headerFields(model, name)[0];
    return f ? cleanValue(f.value) : null;
  };
  const block = sealOf(doc);
  const seal = block?.parsed.ok ? block.parsed.data : undefined;
  return {
    certificate: { path: doc.path, id: field('Certificate ID'), title: model.h1s[0]?.text ?? null },
    verdict: model.status?.value ?? model.status?.raw ?? null,
    component: field('Component'),
    agent: field('Agent'),
    date: field('Date'),
    conditions: model.conditions.flatMap((c) => c.items.map((i) => i.text)),
    evidence: resolved.map(({ ref, location }) => ({
      written: ref.path,
      path: location.status === 'found' ? location.path : null,
      status: location.status,
      lines: ref.ranges.map((r) => ({ start: r.start, end: r.end })),
      line: ref.line,
    })),
    seal: seal ? { contentHash: `sha256:${seal.hash}`, intact: compareContent(doc, seal, sha256Hex).intact, signed: !!seal.signature } : null,
  };
}
