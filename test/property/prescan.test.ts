/**
 * The scan before parsing (src/core/parse/prescan.ts) never rejects a text that the full detection accepts: the
 * detection after a remark parse (detect.ts, as the CLI parses: merged pieces; as the server does: fine pieces with
 * the piece cache) and the look at the head of a document too large, too deep or binary to parse (headKind).
 * Documents: the fixtures, the shared seeds and corpus when present, generated Markdown built around every way a
 * title can be written, and mutations of all of them that put markup, character references, containers and other
 * line endings into and around the words the detection looks for. The scan must also reject ordinary pages (it
 * would be useless, not wrong, if it let everything through).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { characterEntities } from 'character-entities';
import { mayBeDocument } from '../../src/core/parse/prescan';
import { detectKind } from '../../src/core/parse/detect';
import { parseMarkdown, PieceCache } from '../../src/core/parse/markdown';
import { headKind, parseDocument } from '../../src/core/document';
import { DEFAULT_VOCABULARY } from '../../src/core/parse/status';
import { SHARED } from '../helpers/engine';
import { mdFiles } from '../helpers/md-files';
// @ts-expect-error: a plain ES module of the benches, without types
import { ordinaryPage, certificate } from '../../bench/gen.mjs';

const pieceCache = new PieceCache();
/**
 * What the full detection says, by every path that decides a kind without configuration: the CLI's parse (merged
 * pieces), the server's (fine pieces through the piece cache; the same tree, test/property/fuzz-pieces.test.ts, so
 * only for the small generated documents) and the look at the head of a document that is not parsed.
 */
function fullKinds(text: string, both = false): (string | undefined)[] {
  return [detectKind(parseMarkdown(text), text), ...(both ? [detectKind(parseMarkdown(text, pieceCache), text)] : []), headKind(text)];
}

let accepted = 0;
let rejected = 0;
function holds(text: string, label: string, both = false): void {
  const kinds = fullKinds(text, both);
  const may = mayBeDocument(text);
  if (kinds.some((k) => k !== undefined)) {
    accepted++;
    assert.ok(may, `${label}: the scan rejected a ${kinds.find((k) => k)} (full detection: ${kinds.join(', ')})\n${JSON.stringify(text.slice(0, 600))}`);
  } else if (!may) rejected++;
}

// ---- mutations: markup into the words detection looks for, containers, references, line endings, a BOM.
const WORD = /CERTIFICATE|Certificate ID|checklist|phase|signoff|certification|release|deploy|review|sign-off|no-go|pre-flight|runbook|go-live/gi;
const INSIDE = ['**', '*', '_', '__', '~~', '`', '` ', ' `', '<b>', '</b>', '<span\n>', '<!-- x -->', '\\', '\\*', '[', '](u)', '][r]', '](\n)', '<x:', '>', '&amp;', '&fjlig;', '\n', '\r\n', ' ', '\t', '#', '&#'];
const PREFIX = ['> ', '- ', '1. ', '  ', '    ', '\t', '>> ', '> - ', '[^1]: ', '* ', '+ ', '\uFEFF', '# ', '\\', '<div>\n', '```\n'];

type Mutation = (t: string, r: () => number) => string;
const at = (t: string, r: () => number) => Math.floor(r() * (t.length + 1));
const MUTATIONS: Mutation[] = [
  // Markup inside one of the words (where most ways to hide a title from a naive scan are).
  (t, r) => {
    const hits = [...t.matchAll(WORD)];
    if (!hits.length) return t;
    const h = hits[Math.floor(r() * hits.length)];
    const i = h.index! + 1 + Math.floor(r() * (h[0].length - 1));
    return t.slice(0, i) + INSIDE[Math.floor(r() * INSIDE.length)] + t.slice(i);
  },
  // A letter of a word as a numeric character reference.
  (t, r) => {
    const hits = [...t.matchAll(WORD)];
    if (!hits.length) return t;
    const h = hits[Math.floor(r() * hits.length)];
    const i = h.index! + Math.floor(r() * h[0].length);
    const c = t.codePointAt(i)!;
    return t.slice(0, i) + (r() < 0.5 ? `&#${c};` : `&#x${c.toString(16).toUpperCase()};`) + t.slice(i + 1);
  },
  // A container or indentation in front of a line.
  (t, r) => {
    const lines = t.split('\n');
    const k = Math.floor(r() * lines.length);
    lines[k] = PREFIX[Math.floor(r() * PREFIX.length)] + lines[k];
    return lines.join('\n');
  },
  // An ATX title turned into a setext one, or the other way round.
  (t) => t.replace(/^# (.*)$/m, '$1\n===').replace(/^([^\n]+)\n=+$/m, (_, x: string) => (x.startsWith('#') ? `${x}\n===` : `# ${x}`)),
  // Line endings and a BOM.
  (t, r) => (r() < 0.5 ? t.replace(/\n/g, '\r\n') : t.replace(/\n/g, '\r')),
  (t) => '\uFEFF' + t,
  // Random characters in, random characters out.
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + '#*_`<>[]()=-\n \\&;:'[Math.floor(r() * 20)] + t.slice(i);
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 3));
  },
  // Case changes (CERT_TITLE is case-sensitive, the others are not), and the long s that /iu folds to s.
  (t) => t.replace(/certificate/i, (w) => (w === w.toUpperCase() ? w.toLowerCase() : w.toUpperCase())),
  (t) => t.replace(/phase/i, (w) => w.replace(/s/i, '\u017f')),
  // A blank line somewhere (ends a setext paragraph) or a line joined to the previous one.
  (t, r) => {
    const i = t.indexOf('\n', at(t, r));
    return i < 0 ? t : r() < 0.5 ? t.slice(0, i) + '\n' + t.slice(i) : t.slice(0, i) + ' ' + t.slice(i + 1);
  },
];

function mutate(text: string, seed: number, count: number): string {
  let s = seed >>> 0 || 1;
  const r = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let t = text;
  for (let k = 0; k < count; k++) t = MUTATIONS[Math.floor(r() * MUTATIONS.length)](t, r);
  return t;
}

// ---- generated documents: titles in every form, headers, directives, phases and tasks, in containers.
/** Ways a word's two halves a, b end up adjacent in a heading's plain text (or, for the last few, do not). */
const JOINS: ((a: string, b: string) => string)[] = [
  (a, b) => `**${a}**${b}`, (a, b) => `*${a}*${b}`, (a, b) => `_${a}_${b}`, (a, b) => `${a}~~${b}~~`, (a, b) => `${a}\`${b}\``,
  (a, b) => `${a}\` ${b} \``, (a, b) => `${a}<b>${b}</b>`, (a, b) => `${a}<i\n>${b}`, (a, b) => `[${a}](u)${b}`, (a, b) => `[${a}](\n)${b}`,
  (a, b) => `[${a}][r]${b}\n\n[r]: /x`, (a, b) => `${a}<${b}:x>`, (a, b) => `${a}&#${b.codePointAt(0)};${b.slice(1)}`,
  (a, b) => `${a}&#x${b.codePointAt(0)!.toString(16)};${b.slice(1)}`, (a, b) => `${a}\\${b}`, (a, b) => `${a}\\\n${b}`, (a, b) => `${a}\n${b}`,
  (a, b) => `${a} ${b}`,
];
const word = (w: string) =>
  fc.oneof(
    fc.constant(w),
    fc.tuple(fc.integer({ min: 1, max: w.length - 1 }), fc.integer({ min: 0, max: JOINS.length - 1 })).map(([cut, j]) => JOINS[j](w.slice(0, cut), w.slice(cut))),
  );
const titleWord = fc.oneof(word('CERTIFICATE'), word('Checklist'), word('checklist'), word('CHECKLIST'), word('Phase'), word('PHASE'), fc.constant('Pha\u017fe'), fc.constant('Certificate'), fc.constant('Review'), word('Release'), word('Certification'), word('Sign-off'), word('Go/No-Go'), word('runbook'), word('Pre-flight'), fc.constant('Deployment'));
const title = fc
  .tuple(fc.constantFrom('', 'REVIEW ', '**', 'Deploy ', '✅ ', '1. '), titleWord, fc.constantFrom('', ' 2', ' 1:', ' 3 - Rollout', ' - Final', ' (v2)', ': api', ' extra', '**', ' #', ' ##  ', ' \\#'))
  .map(([a, b, c]) => a + b + c);
const heading = fc
  .tuple(fc.constantFrom('', '> ', '- ', '1. ', '> - ', '[^1]: ', '  ', '    ', '\t', '\uFEFF', '>', '<div>\n'), fc.constantFrom('# ', '#\t', '## ', '### ', '#', 'setext=', 'setext-', 'setext=2', '\\# '), title)
  .map(([prefix, mark, t]) => {
    if (mark === 'setext=') return `${prefix}${t}\n${prefix.replace(/[^ \t>]/g, ' ')}===`;
    if (mark === 'setext-') return `${prefix}${t}\n${prefix.replace(/[^ \t>]/g, ' ')}---`;
    if (mark === 'setext=2') return `${prefix}intro\n${t}\n  ==  `;
    return prefix + mark + t;
  });
const other = fc.constantFrom(
  '', '', 'Some text.', '- [ ] a task', '* [x] done', '+ [X] done', '  - [ ] nested', '1. [ ] numbered', '- [] not a task',
  '**Certificate ID**: CERT-1-20250101-000000', '**certificate id:** X-1', '- **Certificate ID**: Y', 'Certificate ID: plain',
  '<!-- signoff: certificate -->', '<!--signoff:CHECKLIST-->', '<!-- signoff: ignore -->', '<!--\nsignoff: checklist\n-->', '> <!-- signoff: certificate -->',
  '---', '===', '```', '```bash\n# CERTIFICATE\n```', '    # indented CERTIFICATE', '## Section', '## DECISION', '[r]: https://x.y', '[^1]: note',
  '| a | b |\n| --- | --- |\n| # CERTIFICATE | x |', '<details>\n# Checklist\n</details>',
  '**Status**: APPROVED', '**Component**: api\n**Agent**: a', '- Decision: Go', '## Rollback', '## 1. Pre-flight checks', '## 2. Go/No-Go', '- [ ] a\n- [ ] b\n- [ ] c',
  '---\ntitle: Release Checklist\n---', '| **Certificate ID** | X-1 |', '| Field | Value |\n| --- | --- |\n| **Certificate ID** | X-2 |', '```bash\nrun\n```',
);
const generated = fc
  .tuple(fc.array(fc.oneof({ weight: 2, arbitrary: heading }, { weight: 3, arbitrary: other }), { minLength: 1, maxLength: 14 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.constantFrom('\n', '\n\n'))
  .map(([blocks, eol, bom, sep]) => (bom ? '\uFEFF' : '') + blocks.join(sep).replace(/\n/g, eol));

test('the scan never rejects a real document, nor a mutated one (fixtures, seeds, corpus)', () => {
  const files = [...mdFiles(join(__dirname, '..', 'fixtures')), ...mdFiles(join(SHARED, 'seeds')), ...mdFiles(join(SHARED, 'corpus', 'lighthouse'))];
  if (!existsSync(SHARED)) console.log(`prescan: no ../shared at ${SHARED}; fixtures only`);
  assert.ok(files.length > 20);
  const before = accepted;
  files.forEach((f, i) => {
    const text = readFileSync(f, 'utf8');
    holds(text, f);
    // Mutations of a quarter of the files (each full detection is a remark parse): small documents first.
    if (text.length < 20_000 && i % 4 === 0) for (let m = 0; m < 3; m++) holds(mutate(text, i * 31 + m, 1 + m * 2), `${f} mutated (${m})`);
  });
  assert.ok(accepted - before > files.length / 2, 'most real documents are certificates or checklists');
});

test('the scan never rejects a generated document the full detection accepts, nor its mutations', () => {
  const [a0, r0] = [accepted, rejected];
  fc.assert(
    fc.property(generated, fc.integer({ min: 1, max: 1 << 30 }), (text, seed) => {
      holds(text, 'generated', true);
      holds(mutate(text, seed, 1 + (seed % 4)), `generated, mutated (seed ${seed})`, true);
    }),
    { numRuns: 1000, seed: 15 },
  );
  // Not vacuous: both outcomes happen among the generated documents.
  assert.ok(accepted - a0 > 500, `accepted ${accepted - a0}`);
  assert.ok(rejected - r0 > 100, `rejected ${rejected - r0}`);
});

test('the scan rejects ordinary pages, and parseDocument does not parse them', () => {
  let rejectedPages = 0;
  for (let i = 0; i < 60; i++) {
    const page = ordinaryPage(i, 4000) as string;
    assert.deepEqual(fullKinds(page), [undefined, undefined], `page ${i} is ordinary`);
    if (!mayBeDocument(page)) rejectedPages++;
  }
  assert.equal(rejectedPages, 60);
  const opts = { vocabulary: DEFAULT_VOCABULARY, maxDocumentBytes: 1 << 21 };
  const page = parseDocument('docs/page.md', ordinaryPage(3, 4000) as string, opts);
  assert.equal(page.kind, undefined);
  assert.equal(page.tree.children.length, 0, 'an ordinary page is not parsed');
  assert.equal(page.notParsed, 'ordinary');
  const cert = parseDocument('certs/c.md', certificate(1, { size: 3000 }) as string, opts);
  assert.equal(cert.kind, 'certificate');
  assert.ok(cert.tree.children.length > 5);
  // A kind forced by configuration wins over the scan.
  assert.equal(parseDocument('docs/page.md', ordinaryPage(3, 4000) as string, { ...opts, forcedKind: 'checklist' }).kind, 'checklist');
});

// A word with inline markup inside (vanishing from its plain text or not): where a wrong gap automaton would show.
const WRAPS: [string, string][] = [
  ['**', '**'], ['*', '*'], ['_', '_'], ['~~', '~~'], ['`', '`'], ['` ', ' `'], ['`\n', '\n`'], ['<b>', '</b>'], ['<i\n>', '</i>'], ['[', '](u)'],
  ['[', '](\n"t")'], ['[', '](<a b>)'], ['[', '][r]'], ['[', '][]'], ['[', ']'], ['<x:', '>'], ['\\', ''], ['(', ')'], [' ', ''],
];
const INSERTS = ['<!--c-->', '![a](b)', '![a][r]', '[^1]', '<br>', '&amp;', '&fjlig;', '\n', '\\*', 'x', '^'];
const edit = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: WRAPS.length - 1 })).map(([i, j, w]) => (t: string) => {
    const [a, b] = [i % (t.length + 1), j % (t.length + 1)].sort((x, y) => x - y);
    return t.slice(0, a) + WRAPS[w][0] + t.slice(a, b) + WRAPS[w][1] + t.slice(b);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: INSERTS.length - 1 })).map(([i, k]) => (t: string) => {
    const a = i % (t.length + 1);
    return t.slice(0, a) + INSERTS[k] + t.slice(a);
  }),
);
/** What a title needs under it to make a kind (header fields, a verdict, tasks and a rollback section), with no kind word in a heading. */
const BODY = '\n\n**Component**: api\n**Agent**: a\n**Status**: APPROVED\n\n[r]: /x\n[^1]: n\n\n- [ ] t\n- [ ] u\n- [ ] v\n\n## Rollback\n\nundo\n';
const inlineTitle = fc
  .tuple(
    fc.constantFrom('CERTIFICATE', 'CERTIFICATE - final', 'Checklist', 'Release 1', 'Deploy the api', 'Review of api', 'Sign-off record', 'Go/No-Go', 'Certification report', 'Pre-flight'),
    fc.array(edit, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('atx', 'setext', 'quoted', 'h2', 'setext2'),
    fc.constantFrom('', 'REVIEW ', '**'),
  )
  .map(([w, edits, form, before]) => {
    const t = before + edits.reduce((x: string, e) => e(x), w as string);
    const one = t.replace(/\n/g, ' ');
    const body = form === 'atx' ? `# ${one}` : form === 'h2' ? `## ${one}` : form === 'setext' ? `${t}\n===` : form === 'setext2' ? `${t}\n---` : `> ${t.replace(/\n/g, '\n> ')}\n> ===`;
    return body + BODY;
  });

test('the scan never rejects a title the full detection accepts, whatever inline markup it has', () => {
  const [a0, r0] = [accepted, rejected];
  fc.assert(fc.property(inlineTitle, (text) => holds(text, 'inline title')), { numRuns: 1500, seed: 1515 });
  assert.ok(accepted - a0 > 300 && rejected - r0 > 100, `accepted ${accepted - a0}, rejected ${rejected - r0}`);
});

// Ways of writing a title that a naive scan would miss (or wrongly take), with what the full detection says; each
// followed by BODY, so that a title word is all a kind still needs.
const CASES: [string, string | undefined, boolean][] = [
  ['# CERTI<b>FICATE</b>', 'certificate', true], ['CERTI<i\n>FICATE\n===', undefined, true], ['# CERTI` FICATE `', 'certificate', true],
  ['CERTI`\nFICATE\n`\n===', 'certificate', true], ['# CERTI![x](y)FICATE', 'certificate', true], ['# CERTI[FIC](u)ATE', 'certificate', true],
  ['# [CERTI][r]FICATE\n\n[r]: /x', 'certificate', true], ['# CERTI<FICATE:x>', 'certificate', true], ['# CERTI[^1]FICATE\n\n[^1]: n', 'certificate', true],
  ['# &#67;ERTIFICATE', 'certificate', true], ['# CERTI&#x46;ICATE', 'certificate', true], ['\uFEFF# A CERTIFICATE', 'certificate', true],
  ['A CERTIFICATE\r\n===', 'certificate', true], ['A CERTIFICATE\r===', 'certificate', true], ['> # Checklist', 'checklist', true],
  ['> - # Checklist', 'checklist', true], ['[^1]: # Checklist', 'checklist', true], ['   # Checklist', 'checklist', true], ['#\tChecklist', 'checklist', true],
  ['# Checklist #', 'checklist', true], ['# Deploy **Check**list', 'checklist', true], ['# CERT<!-- x -->IFICATE', 'certificate', true],
  ['<!--\nsignoff:\ncertificate\n-->', 'certificate', true], ['**Certificate ID**: X', 'certificate', true], ['# Release certificate', 'certificate', true],
  ['## Release Checklist', 'checklist', true], ['# Release 2.0', 'checklist', true], ['# R**el**ease 2.0', 'checklist', true], ['Release 2.0\n===', 'checklist', true],
  ['# Acme\n## Production Readiness Certificate', 'certificate', true], ['# GreenLang v1 Go/No-Go Record', 'certificate', true],
  ['| Field | Value |\n| --- | --- |\n| **Certificate ID** | X-2 |', 'certificate', true], ['# Code Review', 'certificate', true],
  // Let through although neither (the scan is conservative there), and rejected.
  ['    # Checklist', undefined, true], ['<div>\n# Checklist\n</div>', undefined, true], ['\\# Checklist', undefined, true],
  ['# CERTI<i\n>FICATE', undefined, false], ['# CERTI`\nFICATE`', undefined, false], ['#Checklist', undefined, false], ['# Phase 1 without tasks', undefined, false],
  ['# Pha\u017fe 1\n- [ ] x', undefined, false], ['Phase 1\n---\n\n- [ ] x', undefined, false], ['Paragraph about the checklist.\n\n- [ ] a task', undefined, false],
  // Weak words count in the H1 only; nothing counts in front matter or below H2.
  ['## Release 2.0', undefined, false], ['# Acme\n\n## Release 2.0', undefined, false], ['Release 2.0\n---', undefined, false], ['### Deployment Checklist', undefined, false],
  ['---\ntitle: Release Checklist\n---\n# Notes', undefined, false], ['# Release plan', undefined, true],
];

test('titles written in the ways a naive scan would get wrong', () => {
  for (const [head, kind, may] of CASES) {
    const text = head + BODY;
    assert.equal(detectKind(parseMarkdown(text), text), kind, `full detection of ${JSON.stringify(text)}`);
    assert.equal(mayBeDocument(text), may, `scan of ${JSON.stringify(text)}`);
  }
});

test('the case folding and the named references the scan assumes', () => {
  // /i matches ASCII letters by their ASCII cases only; /iu also folds U+017F to s and U+212A to k.
  const folds = (letter: string, flags: string) => {
    const re = new RegExp(`^${letter}$`, flags);
    const out: number[] = [];
    for (let c = 0; c < 0x110000; c++) if ((c < 0xd800 || c > 0xdfff) && re.test(String.fromCodePoint(c))) out.push(c);
    return out;
  };
  for (const l of new Set('checklist')) assert.deepEqual(folds(l, 'i'), [l.toUpperCase().charCodeAt(0), l.charCodeAt(0)]);
  for (const l of new Set('phase')) assert.deepEqual(folds(l, 'iu'), l === 's' ? [0x53, 0x73, 0x17f] : [l.toUpperCase().charCodeAt(0), l.charCodeAt(0)]);
  // The only named character reference that stands for ASCII letters or digits (decoded by the scan).
  const lettered = Object.entries(characterEntities).filter(([, v]) => /[A-Za-z0-9\u017f\u212a]/.test(v));
  assert.deepEqual(lettered, [['fjlig', 'fj']]);
});
