/**
 * What each Markdown file was recognised as, and why (core/parse/detect.ts): `signoff check --explain-kinds`, and
 * the files named on the command line that are neither a certificate nor a checklist (reported as skipped, never a
 * silent "0 documents").
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText, type Engine, type ParsedDocument } from '../core/index';
import { isGlob } from '../core/glob';
import type { Host } from '../core/host';
import { escapeControl } from '../core/text/sanitize';

export interface KindLine {
  path: string;
  kind: 'certificate' | 'checklist' | 'neither';
  /** directive, config or content */
  by: string;
  reasons: string[];
  /** For neither: the kind it came close to. */
  near?: string;
}

export interface Skipped {
  path: string;
  reason: string;
}

export async function explainKinds(engine: Engine, host: Host, files: readonly string[]): Promise<KindLine[]> {
  const out: KindLine[] = [];
  for (const f of files) {
    const bytes = await host.readFile(f);
    if (!bytes) { out.push({ path: f, kind: 'neither', by: 'content', reasons: ['could not be read'] }); continue; }
    const { text, ...facts } = decodeText(bytes);
    out.push(kindLine(f, engine.parse(f, text, facts)));
  }
  return out;
}

/** A parsed document's kind and the signals that decided it. */
export function kindLine(path: string, doc: ParsedDocument): KindLine {
  const d = doc.decision;
  return { path, kind: doc.kind ?? 'neither', by: d?.by ?? 'content', reasons: d?.reasons ?? [doc.notParsed ? `not parsed (${doc.notParsed})` : 'its start names a kind'], ...(d?.near ? { near: d.near } : {}) };
}

/** Why a document that is neither kind was skipped (the `skipped` entry of a check that named it). */
export function skippedOf(line: KindLine): Skipped {
  return { path: line.path, reason: line.reasons.join('; ') };
}

/** Workspace-relative paths of the regular files named (not globs, not folders) on the command line. */
export function namedFiles(args: readonly string[], cwd: string, root: string): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (isGlob(arg)) continue;
    const abs = path.resolve(cwd, arg);
    try {
      if (!statSync(abs).isFile()) continue;
    } catch {
      continue;
    }
    out.push(path.relative(root, abs).split(path.sep).join('/'));
  }
  return out;
}

/** The named files that were not checked as documents, with the reason. */
export async function skippedFiles(engine: Engine, host: Host, named: readonly string[], checked: ReadonlySet<string>): Promise<Skipped[]> {
  const left = named.filter((f) => !checked.has(f));
  return (await explainKinds(engine, host, left)).filter((k) => k.kind === 'neither').map(skippedOf);
}

export function formatKindsText(lines: readonly KindLine[]): string {
  return lines.map((l) => `${escapeControl(l.path)}: ${l.kind}${l.near ? ` (close to a ${l.near})` : ''}${l.by !== 'content' ? ` [${l.by}]` : ''}: ${escapeControl(l.reasons.join('; '))}\n`).join('');
}

export function formatKindsJson(lines: readonly KindLine[]): string {
  return JSON.stringify({ version: 1, kinds: lines }, null, 2) + '\n';
}

export function skippedMessage(s: Skipped): string {
  return `signoff: ${escapeControl(s.path)}: skipped: not recognised as a certificate or checklist: ${escapeControl(s.reason)}\n`;
}
