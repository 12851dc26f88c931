/**
 * Child process of test/property/fuzz.test.ts: runs inputs through the whole engine (decode, parse, model, every rule)
 * and validates the findings. It runs in its own process so a hang or a crash fails the test (the parent has a
 * timeout) instead of hanging it. Progress lines name each case before it starts, so a timeout names the culprit.
 *
 *   node --import tsx test/helpers/fuzz-child.ts extreme <name>
 *   node --import tsx test/helpers/fuzz-child.ts batch <seed> <count>
 *   node --import tsx test/helpers/fuzz-child.ts adversarial <name,...|all> <scale>
 *   node --import tsx test/helpers/fuzz-child.ts adversarial-mix <seed> <count>
 *   node --import tsx test/helpers/fuzz-child.ts output <seed> <count>
 */
import { mkdtempSync, readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Engine, decodeText, parseConfig, type Finding } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { FIXED_NOW, SHARED } from './engine';
import { EXTREMES } from './fuzz-cases';
import { ADVERSARIAL, adversarialMix } from './fuzz-adversarial';
import { outputCase } from './fuzz-output';
import type { CheckResult } from '../../src/cli/check';
import { formatText } from '../../src/cli/formatters/text';
import { formatJson } from '../../src/cli/formatters/json';
import { formatSarif } from '../../src/cli/formatters/sarif';
import { formatGithub } from '../../src/cli/formatters/github';
import { formatJunit } from '../../src/cli/formatters/junit';
import { formatGitlab } from '../../src/cli/formatters/gitlab';
import { formatCompact } from '../../src/cli/formatters/compact';
import { errorLine } from '../../src/cli/io';

/** Signoff's own annotation line (github format): the only line of any output that may start with `::`. */
const OWN_ANNOTATION = /^::(error|warning|notice) file=[^,:\r\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::/;

/**
 * Every format of one checked document (and its configuration's findings, as the CLI prints them on stderr): no
 * line may start a workflow command unless Signoff wrote it, and no ESC may reach a terminal. Lines are split where
 * a runner or a terminal splits them (LF, CR).
 */
function assertOutputsInert(result: CheckResult): void {
  const outputs: Record<string, string> = {
    text: formatText(result, false),
    color: formatText(result, true).replace(/\x1b\[[0-9;]*m/g, ''), // Signoff's own colours aside
    compact: formatCompact(result),
    json: formatJson(result),
    sarif: formatSarif(result, '0.0.0'),
    github: formatGithub(result, result.root),
    junit: formatJunit(result),
    gitlab: formatGitlab(result, result.root),
    stderr: result.configFindings.findings.map((f) => errorLine(`${result.configFindings.path}:${f.start.line}:${f.start.column}: ${f.message}`)).join(''),
  };
  for (const [format, out] of Object.entries(outputs)) {
    if (out.includes('\x1b')) throw new Error(`${format} output holds an ESC byte`);
    for (const line of out.split(/\r\n|\r|\n/)) {
      if (line.startsWith('::') && !(format === 'github' && OWN_ANNOTATION.test(line))) throw new Error(`${format} output holds a workflow command: ${JSON.stringify(line.slice(0, 120))}`);
    }
  }
}

const root = mkdtempSync(join(tmpdir(), 'signoff-fuzz-'));
const { config } = parseConfig(undefined);
const host = new NodeHost({ root, exclude: config.exclude, now: () => FIXED_NOW, files: [] });
const engine = new Engine(host, config);

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Checks one input; returns its findings after asserting they are well formed. */
async function checkOne(bytes: Uint8Array, path = 'docs/fuzz_certificate.md'): Promise<Finding[]> {
  const { text, ...facts } = decodeText(bytes);
  const doc = engine.parse(path, text, facts);
  engine.workspace.update(doc);
  const findings = await engine.check(doc);
  for (const f of findings) validate(f, text, doc.lines.lineCount);
  return findings;
}

function validate(f: Finding, text: string, lineCount: number): void {
  const fail = (why: string) => { throw new Error(`invalid finding (${why}): ${JSON.stringify({ ...f, fixes: undefined }).slice(0, 400)}`); };
  if (!f.ruleId || !SEVERITIES.has(f.severity) || typeof f.message !== 'string' || !f.message) fail('fields');
  if (!(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length)) fail('span outside the text');
  for (const p of [f.start, f.end]) if (!(p.line >= 1 && p.line <= lineCount && p.column >= 1)) fail('position outside the text');
  if (f.start.line > f.end.line || (f.start.line === f.end.line && f.start.column > f.end.column)) fail('start after end');
  for (const fix of f.fixes ?? []) for (const e of fix.edits) if (!fix.path && !(e.start >= 0 && e.start <= e.end && e.end <= text.length)) fail('fix edit outside the text');
}

/** The documents mutations start from: the repo's fixtures and, when present, the shared seeds. */
function baseDocuments(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.md')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(__dirname, '..', 'fixtures'));
  const seeds = join(SHARED, 'seeds');
  if (existsSync(seeds)) walk(seeds);
  return out;
}

/** Markdown-significant fragments mutations insert, so the parser and the model extractors see hard cases. */
const TOKENS = ['\n', '\r', '\r\n', '# ', '## ', '### ', '- ', '- [ ] ', '- [x] ', '1. ', '> ', '```', '~~~', '```bash\n', '**', '*', '_', '`', '|', '| --- |', '<!--', '-->', '<!-- signoff-disable -->', '[', '](', ')', '\\', '\t', '    ', '**Status**: ', '**Certificate ID**: ', '**Date**: ', 'lines 3-1', 'src/a.py:99999', '/home/u/repo/x.py:1', '\u0000', '\uFEFF', '\uD800', '🎉', 'Ã©', '\u00A0', '---\n', '===\n'];

type Mutation = (s: string) => string;
const mutation = (docs: string[]): fc.Arbitrary<{ base: number; steps: Mutation[]; label: string }> => {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  const step = fc.oneof(
    fc.tuple(at, fc.constantFrom(...TOKENS)).map(([p, t]) => ({ f: (s: string) => { const i = Math.floor(p * s.length); return s.slice(0, i) + t + s.slice(i); }, l: `insert ${JSON.stringify(t)}@${p.toFixed(3)}` })),
    fc.tuple(at, fc.string({ unit: 'binary', maxLength: 40 })).map(([p, t]) => ({ f: (s: string) => { const i = Math.floor(p * s.length); return s.slice(0, i) + t + s.slice(i); }, l: `insert random@${p.toFixed(3)}` })),
    fc.tuple(at, at).map(([a, b]) => ({ f: (s: string) => { const i = Math.floor(Math.min(a, b) * s.length); const j = Math.floor(Math.max(a, b) * s.length); return s.slice(0, i) + s.slice(j); }, l: `delete ${a.toFixed(3)}-${b.toFixed(3)}` })),
    fc.tuple(at, at, at).map(([a, b, c]) => ({ f: (s: string) => { const i = Math.floor(Math.min(a, b) * s.length); const j = Math.floor(Math.max(a, b) * s.length); const k = Math.floor(c * s.length); return s.slice(0, k) + s.slice(i, j) + s.slice(k); }, l: `copy ${a.toFixed(3)}-${b.toFixed(3)} to ${c.toFixed(3)}` })),
    fc.constantFrom<[string, Mutation]>(['crlf', (s) => s.replace(/\r?\n/g, '\r\n')], ['cr only', (s) => s.replace(/\r?\n/g, '\r')], ['indent all', (s) => s.replace(/^/gm, '  ')], ['quote all', (s) => s.replace(/^/gm, '> ')], ['list all', (s) => s.replace(/^/gm, '- ')], ['no newlines', (s) => s.replace(/[\r\n]/g, ' ')]).map(([l, f]) => ({ f, l })),
  );
  return fc.tuple(fc.nat(docs.length - 1), fc.array(step, { minLength: 1, maxLength: 6 })).map(([base, steps]) => ({ base, steps: steps.map((s) => s.f), label: steps.map((s) => s.l).join('; ') }));
};

/** Whole documents generated from Markdown-ish lines (not mutations of real ones). */
const generated = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 200 }).map((parts) => parts.join(''));

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  const caps = { perDocMs: Number(process.env.FUZZ_DOC_MS ?? 10_000) };
  const timed = async (label: string, bytes: Uint8Array, path?: string) => {
    process.stdout.write(`case ${label}\n`);
    const t0 = performance.now();
    const findings = await checkOne(bytes, path);
    const ms = performance.now() - t0;
    if (ms > caps.perDocMs) throw new Error(`case ${label} took ${ms.toFixed(0)} ms (cap ${caps.perDocMs} ms)`);
    return { findings, ms };
  };
  if (mode === 'extreme') {
    // One or more named cases (comma-separated), or all.
    for (const name of a === 'all' ? Object.keys(EXTREMES) : a.split(',')) {
      const c = EXTREMES[name];
      if (!c) throw new Error(`no extreme case ${name}`);
      const { findings, ms } = await timed(name, c.bytes());
      const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
      for (const r of c.expect) if (!rules.includes(r)) throw new Error(`case ${name}: expected a ${r} finding, got ${rules.join(', ') || 'none'}`);
      process.stdout.write(`RESULT ${JSON.stringify({ name, ms: Math.round(ms), rules, count: findings.length })}\n`);
    }
    return;
  }
  if (mode === 'adversarial' || mode === 'adversarial-mix') {
    // No time cap here: the parent's watchdog is what fails a hang.
    const cases = mode === 'adversarial'
      ? (a === 'all' ? Object.keys(ADVERSARIAL) : a.split(',')).map((name) => ({ name, file: ADVERSARIAL[name].file, text: ADVERSARIAL[name].text(Number(b)) }))
      : adversarialMix(Number(a), Number(b));
    for (const c of cases) {
      process.stdout.write(`case ${c.name}\n`);
      const findings = await checkOne(new TextEncoder().encode(c.text), c.file);
      const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
      const limit = findings.find((f) => f.ruleId === 'resource-limit')?.message;
      process.stdout.write(`RESULT ${JSON.stringify({ name: c.name, rules, count: findings.length, limit })}\n`);
    }
    return;
  }
  if (mode === 'output') {
    let n = 0;
    for (const c of fc.sample(outputCase, { seed: Number(a), numRuns: Number(b) })) {
      process.stdout.write(`case output #${n++}: ${JSON.stringify(c.path)}\n`);
      const findings = await checkOne(new TextEncoder().encode(c.text), c.path);
      const cfg = parseConfig(JSON.stringify({ extends: c.extendsSpec }), (spec) => `cannot read ${spec} (ENOENT)`);
      const kind = c.path.endsWith('_certificate.md') ? 'certificate' : 'checklist';
      assertOutputsInert({ root, files: [{ path: c.path, kind, findings }], configFindings: { path: '.signoff.json', findings: cfg.findings }, fixedFiles: [c.path] });
    }
    process.stdout.write(`RESULT ${JSON.stringify({ cases: n })}\n`);
    return;
  }
  const seed = Number(a);
  const count = Number(b);
  const docs = baseDocuments();
  const enc = new TextEncoder();
  const muts = fc.sample(mutation(docs), { seed, numRuns: Math.ceil(count * 0.7) });
  const gens = fc.sample(generated, { seed: seed + 1, numRuns: count - muts.length });
  let n = 0;
  let slowest = 0;
  for (const m of muts) {
    let text = docs[m.base];
    for (const f of m.steps) text = f(text);
    const { ms } = await timed(`mutation #${n++} of base ${m.base}: ${m.label}`, enc.encode(text));
    slowest = Math.max(slowest, ms);
  }
  for (const g of gens) {
    const { ms } = await timed(`generated #${n++}: ${JSON.stringify(g.slice(0, 60))}`, enc.encode(g));
    slowest = Math.max(slowest, ms);
  }
  // A few byte-level mutations: random bytes spliced into the UTF-8 encoding (invalid sequences, NULs).
  const bytesMuts = fc.sample(fc.tuple(fc.nat(docs.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 16 })), { seed: seed + 2, numRuns: Math.max(1, Math.floor(count / 20)) });
  for (const [base, p, junk] of bytesMuts) {
    const src = enc.encode(docs[base]);
    const i = Math.floor(p * src.length);
    const out = new Uint8Array(src.length + junk.length);
    out.set(src.subarray(0, i));
    out.set(junk, i);
    out.set(src.subarray(i), i + junk.length);
    const { ms } = await timed(`bytes #${n++} into base ${base} @${i}`, out);
    slowest = Math.max(slowest, ms);
  }
  process.stdout.write(`RESULT ${JSON.stringify({ cases: n, slowestMs: Math.round(slowest) })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stdout.write(`FAILED ${String((e as Error)?.stack ?? e).split('\n').slice(0, 6).join('\n')}\n`);
    process.exit(1);
  },
);
