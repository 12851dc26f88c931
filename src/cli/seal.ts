/** `signoff seal CERT... [--key SSH_PRIVATE_KEY]`: writes a seal into each certificate (src/node/seal-write.ts). */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../core/index';
import { fixingEngine, SealError, sealText } from '../node/seal-write';
import { regularFileProblem } from '../node/regular-file';
import { parseArgs } from './args';
import { selectFiles } from './files';
import { errorLine, UsageError, type CliIO } from './io';
import { escapeControl } from '../core/text/sanitize';
import { findRoot } from './root';
import { openCliWorkspace } from './workspace';

export async function sealCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { key: 'string', root: 'string', config: 'string' });
  if (!positionals.length) throw new UsageError('seal needs at least one certificate (signoff seal CERT... [--key SSH_PRIVATE_KEY])');
  const root = findRoot(io.cwd, flags.root as string | undefined);
  const key = flags.key ? path.resolve(io.cwd, flags.key as string) : undefined;
  // ssh-keygen would open a FIFO named as the key and wait for a writer forever.
  const keyProblem = key && regularFileProblem(key);
  if (keyProblem) throw new UsageError(`--key: ${keyProblem}`);
  // Sealing parses each certificate up to four times (fixed, with its hash line, sealed): unchanged pieces are reused.
  const { engine, host } = openCliWorkspace(io, { root, config: { file: flags.config ? path.resolve(io.cwd, flags.config as string) : undefined }, reuseParses: true });
  engine.workspace.files = await host.listFiles();
  const files = await selectFiles(host, positionals, io.cwd, (rel) => engine.isIncluded(rel));
  const fixer = fixingEngine(engine);
  let failed = 0;
  const cites = new Map<string, string[]>();
  const sealOne = async (file: string, first: boolean): Promise<boolean> => {
    const explicit = positionals.some((p) => path.resolve(io.cwd, p) === host.absolute(file));
    const bytes = await host.readFile(file);
    const decoded = bytes && decodeText(bytes);
    if (!decoded || decoded.binary || decoded.invalidUtf8At !== undefined) {
      io.stderr(errorLine(`${file}: not sealed, the file is not valid UTF-8 text`));
      failed++;
      return false;
    }
    try {
      const out = await sealText(engine, host, file, decoded.text, { key, fixer });
      cites.set(file, out.seal.files.map((f) => f.path).filter((p) => p !== file));
      const changed = out.text !== decoded.text;
      if (changed) {
        await fsp.writeFile(host.absolute(file)!, (decoded.bom ? '\uFEFF' : '') + out.text, 'utf8');
        engine.workspace.fileChanged(file);
        fixer.workspace.fileChanged(file);
      }
      const ranges = out.seal.files.reduce((n, f) => n + f.ranges.length, 0);
      if (first) io.stdout(`sealed ${escapeControl(file)}: sha256:${out.seal.hash.slice(0, 16)}…, ${ranges} fingerprint${ranges === 1 ? '' : 's'} in ${out.seal.files.length} file${out.seal.files.length === 1 ? '' : 's'}${out.seal.signature ? ', signed' : ''}${out.fixes ? `, ${out.fixes} safe fix${out.fixes === 1 ? '' : 'es'} applied first` : ''}\n`);
      return changed;
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      // A directory or glob also picks up ordinary Markdown: only a certificate named on the command line is an error.
      if (!explicit && /is not a review certificate$/.test(e.message)) return false;
      io.stderr(errorLine(e.message));
      failed++;
      return false;
    }
  };
  let written = new Set<string>();
  for (const file of files) if (await sealOne(file, true)) written.add(file);
  const sealed = cites.size;
  // Certificates that cite others sealed in this run: their fingerprints were taken before those changed (the safe
  // fixes sealing applies first), so they are sealed again until nothing changes (a chain needs one pass per link).
  for (let pass = 0; pass < 3 && written.size; pass++) {
    const again = [...cites].filter(([, cited]) => cited.some((p) => written.has(p))).map(([file]) => file);
    written = new Set();
    for (const file of again) if (await sealOne(file, false)) written.add(file);
  }
  if (!sealed && !failed) throw new UsageError('no certificates among the given paths');
  return failed ? 1 : 0;
}
