/**
 * evidence-ambiguous on a real public monorepo with per-agent certificates beside their code and archived copies
 * (test/precision/wild/evidence-ambiguous.json: repository, pinned commit, the certificates, and a person's judgement
 * of every finding and of every resolution among same-named files). Nothing of the repository is committed: its file
 * list and the certificates' text come from a fetched snapshot (test/precision/mirror.ts) into a temp workspace; the
 * test skips, saying so, without it. Every finding must be judged, the right ones stay, precision >= 95% on at least
 * 40 findings; resolutions judged right keep resolving to their file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, parseConfig } from '../../src/core/index';
import { matchesAny } from '../../src/core/glob';
import { NodeHost } from '../../src/node/fs-host';
import { materialise, mirrorAbsent, treeFiles } from '../precision/mirror';

interface Judged { file: string; line: number; label: 'right' | 'wrong'; reason: string }
interface Labels {
  rule: string;
  repo: string;
  commit: string;
  sampling: string;
  documents: string[];
  findings: (Judged & { text: string; severity: string })[];
  resolutions: (Judged & { cited: string; resolvesTo: string; rule: string })[];
}

const LABELS = JSON.parse(readFileSync(join(__dirname, '..', 'precision', 'wild', 'evidence-ambiguous.json'), 'utf8')) as Labels;
const MIN_PRECISION = 0.95;
const MIN_FINDINGS = 40;
const absent = mirrorAbsent(LABELS.repo, LABELS.commit);

async function checkWild() {
  const { config, findings } = parseConfig(JSON.stringify({ evidence: { git: false }, certificates: LABELS.documents }));
  assert.deepEqual(findings, []);
  // The file list the CLI would index (configured excludes applied); the certificates with their text, the rest empty.
  const files = treeFiles(LABELS.repo, LABELS.commit).filter((f) => !matchesAny(f, config.exclude));
  const docs = new Set(LABELS.documents);
  const root = materialise(LABELS.repo, LABELS.commit, LABELS.documents, files.filter((f) => !docs.has(f)));
  const host = new NodeHost({ root, exclude: config.exclude, files });
  const engine = new Engine(host, config);
  engine.workspace.files = await host.listFiles();
  const found = new Map<string, { severity: string; message: string }>();
  const resolved = new Map<string, string>();
  for (const path of LABELS.documents) {
    const doc = engine.parse(path, readFileSync(join(root, path), 'utf8'));
    engine.workspace.update(doc);
    for (const f of await engine.check(doc)) {
      if (f.ruleId === LABELS.rule) found.set(`${path}:${f.start.line}:${doc.text.slice(f.span.start, f.span.end)}`, { severity: f.severity, message: f.message });
    }
    for (const r of await engine.workspace.evidence(engine.host, engine.config).resolve(doc)) {
      if (r.location.status === 'found') resolved.set(`${path}:${r.ref.line}:${r.ref.path}`, r.location.path);
    }
  }
  return { found, resolved };
}

test('evidence-ambiguous on a real monorepo: every finding judged, precision >= 95% on >= 40', { skip: absent }, async () => {
  const { found, resolved } = await checkWild();
  const labelled = new Map(LABELS.findings.map((s) => [`${s.file}:${s.line}:${s.text}`, s]));
  assert.deepEqual([...found.keys()].filter((k) => !labelled.has(k)), [], 'findings nobody judged: judge them in test/precision/wild/evidence-ambiguous.json');
  assert.deepEqual(LABELS.findings.filter((s) => s.label === 'right' && !found.has(`${s.file}:${s.line}:${s.text}`)).map((s) => `${s.file}:${s.line} ${s.text}`), [], 'findings judged right are no longer reported');
  for (const s of LABELS.findings) assert.equal(found.get(`${s.file}:${s.line}:${s.text}`)?.severity ?? s.severity, s.severity, `${s.file}:${s.line} ${s.text}: severity`);
  const present = LABELS.findings.filter((s) => found.has(`${s.file}:${s.line}:${s.text}`));
  const right = present.filter((s) => s.label === 'right').length;
  assert.ok(present.length >= MIN_FINDINGS, `${present.length} labelled findings present, at least ${MIN_FINDINGS} wanted`);
  assert.ok(right / present.length >= MIN_PRECISION, `precision ${right}/${present.length}`);

  // Resolutions among same-named files: the ones judged right still resolve to their file; precision over those present.
  const stillRight = LABELS.resolutions.filter((s) => s.label === 'right' && resolved.get(`${s.file}:${s.line}:${s.cited}`) === s.resolvesTo).length;
  const stillWrong = LABELS.resolutions.filter((s) => s.label === 'wrong' && resolved.get(`${s.file}:${s.line}:${s.cited}`) === s.resolvesTo).length;
  const lost = LABELS.resolutions.filter((s) => s.label === 'right' && resolved.get(`${s.file}:${s.line}:${s.cited}`) !== s.resolvesTo);
  assert.deepEqual(lost.map((s) => `${s.file}:${s.line} ${s.cited} -> ${resolved.get(`${s.file}:${s.line}:${s.cited}`)} (judged right: ${s.resolvesTo})`), []);
  assert.ok(stillRight / (stillRight + stillWrong) >= MIN_PRECISION, `resolution precision ${stillRight}/${stillRight + stillWrong}`);
  console.log(`\n${LABELS.repo}@${LABELS.commit.slice(0, 8)}: ${LABELS.rule} ${right}/${present.length} right (${present.filter((s) => s.severity !== 'info').length} warnings, the rest information); resolutions among same-named files ${stillRight}/${stillRight + stillWrong} right`);
});
