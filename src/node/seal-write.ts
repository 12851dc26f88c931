/**
 * Sealing a certificate (docs/sealing.md): the same steps for `signoff seal` and the editor's Seal Certificate
 * command. The text is first brought to what `check --fix` would make of it (so a later --fix changes nothing and
 * the seal stays valid), given a Certificate Hash line, fingerprinted, hashed, optionally signed with
 * `ssh-keygen -Y sign -n signoff`, and written. Nothing is written to disk here: callers get the new text.
 */
import type { ParsedDocument } from '../core/index';
import { applyEdits, Engine, safeFixEdits } from '../core/index';
import { contentDigests, fingerprintEvidence, hashLineEdit, sealEdits } from '../core/seal/build';
import { compareContent } from '../core/seal/compare';
import { SEAL_NAMESPACE, signedMessage, type SealData } from '../core/seal/format';
import type { NodeHost } from './fs-host';
import { runProcess } from './process';
import { regularFileProblem } from './regular-file';
import { sha256Hex } from './seal-host';

export interface SealOutcome {
  text: string;
  seal: SealData;
  /** How many safe fixes were applied before sealing. */
  fixes: number;
}

/** A problem that stops one certificate from being sealed (the caller reports it in one line). */
export class SealError extends Error {}

const MAX_FIX_PASSES = 5;

export async function sealText(engine: Engine, host: NodeHost, path: string, text: string, options: { key?: string; fixer?: Engine } = {}): Promise<SealOutcome> {
  let doc = engine.parse(path, text);
  if (doc.kind !== 'certificate' || !doc.certificate) throw new SealError(`${path} is not a review certificate`);
  if (doc.notParsed) throw new SealError(`${path} was not parsed (${doc.notParsed}), so it cannot be sealed`);
  let fixes = 0;
  const fixer = options.fixer ?? fixingEngine(engine);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    engine.workspace.update(doc);
    fixer.workspace.update(doc);
    const edits = safeFixEdits(await fixer.check(doc));
    if (!edits.length) break;
    fixes += edits.length;
    doc = reparse(engine, doc, applyEdits(doc.text, edits));
  }
  const hashLine = hashLineEdit(doc);
  if (hashLine) doc = reparse(engine, doc, applyEdits(doc.text, [hashLine]));

  const service = engine.workspace.evidence(host, engine.config);
  const resolved = await service.resolve(doc);
  // No blob id for a certificate that cites itself: its bytes hold the seal, so the id could never stay the same.
  const cited = [...new Set(resolved.flatMap((r) => (r.location.status === 'found' && r.location.path !== path ? [r.location.path] : [])))];
  const files = await fingerprintEvidence(resolved, (p) => service.resolver.readText(p), sha256Hex, await gitBlobIds(host, cited));
  const seal: SealData = { ...contentDigests(doc, sha256Hex), files };
  if (options.key) seal.signature = await sshSign(options.key, signedMessage(seal), host.root);
  const sealed = reparse(engine, doc, applyEdits(doc.text, sealEdits(doc, seal)));
  // The written text must check as intact; anything else is a bug here, never a seal to hand out.
  if (!compareContent(sealed, seal, sha256Hex).intact) throw new Error(`sealing ${path} produced a text that does not match its own hash`);
  engine.workspace.update(sealed);
  return { text: sealed.text, seal, fixes };
}

/**
 * An engine with only the rules that offer fixes, and none that reads git history (their fixes are never safe):
 * the safe fixes come from these alone, at a fraction of a full check's cost. A caller sealing many certificates
 * makes one (`signoff seal`); otherwise each seal makes its own, so it always sees the current file list.
 */
export function fixingEngine(engine: Engine): Engine {
  const fixer = new Engine(engine.host, engine.config, engine.rules.filter((r) => r.meta.fixable && !r.meta.tags.includes('git')));
  fixer.workspace.files = engine.workspace.files;
  return fixer;
}

function reparse(engine: Engine, doc: ParsedDocument, text: string): ParsedDocument {
  return engine.parse(doc.path, text, doc.decoded);
}

/** `ssh-keygen -Y sign` over the message on stdin; the armored signature comes back on stdout. */
export async function sshSign(keyFile: string, message: string, cwd: string): Promise<string> {
  const problem = regularFileProblem(keyFile);
  if (problem) throw new SealError(`the signing key ${problem}`);
  const r = await runProcess('ssh-keygen', ['-Y', 'sign', '-f', keyFile, '-n', SEAL_NAMESPACE], { cwd, stdin: message, timeoutMs: 120_000 });
  if (r.code === null) throw new SealError(r.timedOut ? 'ssh-keygen -Y sign timed out' : `ssh-keygen could not be run: ${r.stderr.trim()}`);
  if (r.code !== 0 || !r.stdout.includes('-----BEGIN SSH SIGNATURE-----')) {
    throw new SealError(`ssh-keygen -Y sign -f ${keyFile} failed: ${r.stderr.trim().split('\n')[0] || `exit code ${r.code}`}`);
  }
  return r.stdout.trim() + '\n';
}

/** Git blob ids of the cited files as they are now (`git hash-object`, filters applied), when the root is a git work tree. */
async function gitBlobIds(host: NodeHost, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!paths.length) return out;
  const r = await host.exec('git', ['hash-object', '--stdin-paths'], { stdin: paths.join('\n') + '\n', timeoutMs: 60_000 });
  if (r.code !== 0) return out;
  const ids = r.stdout.trim().split('\n');
  if (ids.length !== paths.length) return out;
  paths.forEach((p, i) => { if (/^[0-9a-f]{40,64}$/.test(ids[i])) out.set(p, ids[i]); });
  return out;
}
