/**
 * The seal block: one HTML comment at the end of a certificate (invisible when rendered), holding the content hash,
 * a short hash per section, a fingerprint of every cited range and, optionally, an SSH signature. docs/sealing.md
 * describes the format; this module only writes and reads it. Example:
 *
 *   <!-- signoff-seal v1
 *   sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *   sections 1b4f0e9851971998 60303ae22b998861 ...
 *   file src/payments/ledger.py blob 3b18e512dba79e4c8300dd08aeb37f8e728b8dad
 *   lines 10-24 7d865e959b2466918c9863af
 *   lines all 4e07408562bedb8b60ce05c1
 *   signature
 *   -----BEGIN SSH SIGNATURE-----
 *   ...
 *   -----END SSH SIGNATURE-----
 *   -->
 *
 * No line has the `Key: value` shape, so the SIGNATURE fields parser never mistakes one for a field, and no line is
 * ever `-->` before the end. Paths are percent-encoded where they hold anything but path characters.
 */

export const SEAL_OPENING = '<!-- signoff-seal v1';
/** The SSHSIG namespace of seal signatures (`ssh-keygen -Y sign -n signoff`). */
export const SEAL_NAMESPACE = 'signoff';

export interface SealedRange {
  /** 1-based inclusive line range; `whole` for a file cited without lines (then start..end is the whole file). */
  start: number;
  end: number;
  whole: boolean;
  /** First 24 hex digits of the SHA-256 of the normalised lines (seal/fingerprint.ts). */
  hash: string;
}

export interface SealedFile {
  /** Workspace-relative path the reference resolved to when sealed. */
  path: string;
  /** The file's git blob id when sealed, when known. */
  blob?: string;
  ranges: SealedRange[];
}

export interface SealData {
  /** SHA-256 of the certificate's normalised text (seal/content.ts), 64 hex digits. */
  hash: string;
  /** 16 hex digits per part (header, then one per H2 section), to say which section changed. */
  sections: string[];
  files: SealedFile[];
  /** Armored SSHSIG over signedMessage(data). */
  signature?: string;
}

export type SealParse = { ok: true; data: SealData } | { ok: false; reason: string };

const HEX = /^[0-9a-f]+$/;

/** The block as written into the document, lines joined by `eol`. */
export function formatSeal(data: SealData, eol: string): string {
  const payload = payloadLines(data);
  const lines = ['<!-- ' + payload[0], ...payload.slice(1)];
  if (data.signature) lines.push('signature', ...data.signature.trim().split(/\r?\n/));
  lines.push('-->');
  return lines.join(eol);
}

/** What a signature signs: the block's content without the signature, LF-separated, with a final newline. */
export function signedMessage(data: SealData): string {
  return payloadLines(data).join('\n') + '\n';
}

function payloadLines(data: SealData): string[] {
  const out = ['signoff-seal v1', `sha256 ${data.hash}`];
  if (data.sections.length) out.push(`sections ${data.sections.join(' ')}`);
  for (const f of data.files) {
    out.push(`file ${encodePath(f.path)}${f.blob ? ` blob ${f.blob}` : ''}`);
    for (const r of f.ranges) out.push(`lines ${r.whole ? 'all' : r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`} ${r.hash}`);
  }
  return out;
}

/** Reads a seal block (the HTML comment's text, `<!--` to `-->`). Any line it does not understand makes it invalid. */
export function parseSeal(block: string): SealParse {
  const lines = block.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  if (lines[0] !== SEAL_OPENING) return { ok: false, reason: `the first line must be "${SEAL_OPENING}"` };
  if (lines[lines.length - 1] !== '-->') return { ok: false, reason: 'the block must end with a line "-->"' };
  const data: SealData = { hash: '', sections: [], files: [] };
  let file: SealedFile | undefined;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i];
    const bad = (what: string): SealParse => ({ ok: false, reason: `line ${i + 1} of the seal: ${what}` });
    const [word, ...rest] = line.split(/\s+/);
    if (word === 'sha256') {
      if (rest.length !== 1 || rest[0].length !== 64 || !HEX.test(rest[0])) return bad('sha256 takes 64 lowercase hex digits');
      data.hash = rest[0];
    } else if (word === 'sections') {
      if (!rest.every((h) => HEX.test(h))) return bad('sections takes hex digests');
      data.sections = rest;
    } else if (word === 'file') {
      const path = rest[0] ? decodePath(rest[0]) : undefined;
      if (!path) return bad('file needs a path');
      file = { path, ranges: [] };
      if (rest[1] === 'blob' && rest[2] && HEX.test(rest[2])) file.blob = rest[2];
      else if (rest.length > 1) return bad('after the path only "blob <id>" may follow');
      data.files.push(file);
    } else if (word === 'lines') {
      if (!file) return bad('lines before any file');
      const range = rest[0] === 'all' ? { start: 1, end: 1, whole: true } : parseRange(rest[0]);
      if (!range || rest.length !== 2 || !HEX.test(rest[1])) return bad('lines takes a range (or "all") and a hex digest');
      file.ranges.push({ ...range, hash: rest[1] });
    } else if (word === 'signature') {
      const armored = lines.slice(i + 1, lines.length - 1);
      if (armored[0] !== '-----BEGIN SSH SIGNATURE-----' || armored[armored.length - 1] !== '-----END SSH SIGNATURE-----') {
        return bad('the signature must be an armored SSH signature');
      }
      data.signature = armored.join('\n') + '\n';
      break;
    } else return bad(`unknown entry "${word}"`);
  }
  if (!data.hash) return { ok: false, reason: 'the seal has no sha256 line' };
  return { ok: true, data };
}

function parseRange(s: string | undefined): { start: number; end: number; whole: false } | undefined {
  const m = s ? /^(\d+)(?:-(\d+))?$/.exec(s) : null;
  if (!m) return undefined;
  const start = +m[1];
  const end = m[2] ? +m[2] : start;
  return start >= 1 && end >= start ? { start, end, whole: false } : undefined;
}

function encodePath(p: string): string {
  return p.replace(/[^A-Za-z0-9_@+.\-/~]/g, (c) => encodeURIComponent(c));
}

function decodePath(p: string): string | undefined {
  try {
    return decodeURIComponent(p);
  } catch {
    return undefined;
  }
}
