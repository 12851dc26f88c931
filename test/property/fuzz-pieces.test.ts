/**
 * The piecewise parse (parse/split.ts, parse/markdown.ts) gives the tree a whole-document remark parse gives,
 * positions included: merged pieces (the CLI), fine pieces with the piece cache (the server), and after random
 * edits that reuse cached pieces with shifted positions. Documents: the fixtures, the shared seeds and a sample of
 * the corpus when present, and generated Markdown. "Whole" is the same parser (parse/gfm-subset.ts) on the whole
 * text. Known, documented gaps are left out of the generator: link reference definitions used from another piece,
 * and HTML blocks (`<div>`) that swallow a following heading.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseMarkdown, PieceCache } from '../../src/core/parse/markdown';
import { remarkGfmSubset } from '../../src/core/parse/gfm-subset';
import { SHARED } from '../helpers/engine';
import { mdFiles } from '../helpers/md-files';

const whole = unified().use(remarkParse).use(remarkGfmSubset);

function same(text: string, label: string, cache?: PieceCache): void {
  const expected = JSON.parse(JSON.stringify(whole.parse(text).children));
  const actual = JSON.parse(JSON.stringify(parseMarkdown(text, cache).children));
  assert.deepEqual(actual, expected, label);
}

test('piecewise parse = whole parse on real documents, with and without the piece cache', () => {
  const corpus = mdFiles(join(SHARED, 'corpus', 'lighthouse')).filter((_, i) => i % 12 === 0);
  const files = [...mdFiles(join(__dirname, '..', 'fixtures')), ...mdFiles(join(SHARED, 'seeds')), ...corpus];
  assert.ok(files.length > 10);
  const cache = new PieceCache();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    same(text, f);
    same(text, `${f} (cache)`, cache);
    same(text.replace(/\r?\n/g, '\r\n'), `${f} (CRLF)`);
  }
});

const LINE = fc.oneof(
  fc.constantFrom('# Title', '## Section', '### Sub', '#### Deep', '###### Six', '#no space', '', '', '- item', '  - nested', '- [ ] task', '- [x] done', '1. first', '> quote', '> - quoted item', '```', '```bash', '~~~', '    indented code', '| a | b |', '| --- | --- |', '| 1 | 2 |', '**Status**: APPROVED', '---', '===', 'Setext', '<!-- comment', '-->', '<!-- one line -->', 'text with `code` and *em*', 'www.example.com and https://x.y/z', '\\# not a heading', '  ## indented heading', '\t# tab'),
  fc.stringMatching(/^[A-Za-z0-9 #>*`|:.-]{0,30}$/).filter((s) => !s.includes(']:') && !s.trimStart().startsWith('<')),
);
const doc = fc.tuple(fc.array(LINE, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, eol]) => lines.join(eol));

test('piecewise parse = whole parse on generated Markdown, and after edits that reuse cached pieces', () => {
  fc.assert(
    fc.property(doc, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('x', '\n', '', '#', '## H\n', '```\n', '> ')), { maxLength: 8 }), (text, edits) => {
      same(text, 'merged');
      const cache = new PieceCache();
      same(text, 'cached', cache);
      let t = text;
      for (const [p, ins] of edits) {
        const at = Math.floor(p * t.length);
        t = ins === '' ? t.slice(0, at) + t.slice(at + 1) : t.slice(0, at) + ins + t.slice(at);
        same(t, 'after edit', cache);
      }
    }),
    { numRuns: 300, seed: 3 },
  );
});

// Text around URLs, e-mail addresses, character references, strikethrough and autolinks in brackets: pieces must
// not cut through any of them.
const NEAR = fc.constantFrom('www.a.io', 'WWW.x.org/p?q', 'Www.b.c', 'ww.x.y', 'w ww.x', 'wwx.y', 'http://a.b', 'HTTPS://a.b/c.', 'Http://x', 'htp://x.y', 'https:/x.y', 'a@b.co', 'A.B@c-d.e', 'mailto:a@b.c', 'xmpp:a@b.c/d', 'x@y', '&#64;', '&commat;', '&#x40;b.c', 'a&#64;b.cd', '&#119;ww.x.y', '&#104;ttp://a.b', '&amp;', '&', '\\@', '\\.', 'x.y.z', 'a.b/c', '://', '(www.a.b)', '<https://a.b>', '[www.a.b](u)', '`www.a.b`', '**http://a.b**', '_a@b.c_', '~~x.y~~', 'foo', ' ', ' ', '\n', '\n\n', '- ', '> ', '# ', '| ');
test('piecewise parse = whole parse around URLs, addresses, references and strikethrough', () => {
  fc.assert(
    fc.property(fc.array(NEAR, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      same(text, 'merged');
      same(text, 'cached', new PieceCache());
    }),
    { numRuns: 800, seed: 5 },
  );
});

test('the piece cache never changes a tree it handed out (an edit above moves the cached pieces)', () => {
  const cache = new PieceCache();
  const body = ['# Title', '', 'Intro paragraph that is long enough to be cached by the piece cache, surely.', '', '## Section', '', '- item one with `code` in it, and more text to pass the size floor', '- item two', ''].join('\n');
  const first = parseMarkdown(body, cache);
  const before = JSON.stringify(first);
  const second = parseMarkdown('Preamble line\n\n' + body, cache);
  assert.equal(JSON.stringify(first), before, "the first version's tree is unchanged");
  assert.deepEqual(JSON.parse(JSON.stringify(second.children)), JSON.parse(JSON.stringify(whole.parse('Preamble line\n\n' + body).children)));
  const third = parseMarkdown(body, cache);
  assert.equal(JSON.stringify(first), before);
  assert.equal(JSON.stringify(third), before);
});
