/**
 * The Markdown injection grammar (syntaxes/signoff.injection.tmLanguage.json), tokenized with the same engine VS Code
 * uses (vscode-textmate + vscode-oniguruma) on top of a tiny Markdown grammar of our own (test/fixtures/grammar), so
 * the injection is exercised as VS Code applies it: selector, `L:` priority over the base rules, exclusions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const REPO = '/work/wt-12';
const INJECTION = join(REPO, 'syntaxes', 'signoff.injection.tmLanguage.json');
const BASE = join(REPO, 'test', 'fixtures', 'grammar', 'markdown-minimal.tmLanguage.json');

let grammarPromise: Promise<IGrammar> | undefined;
function grammar(): Promise<IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        const file = scopeName === 'text.html.markdown' ? BASE : scopeName === 'signoff.markdown.injection' ? INJECTION : undefined;
        return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      // What package.json's `injectTo: ["text.html.markdown"]` makes VS Code do.
      getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['signoff.markdown.injection'] : undefined),
    });
    const g = await registry.loadGrammar('text.html.markdown');
    assert.ok(g, 'grammar loads');
    return g;
  })();
  return grammarPromise;
}

interface Tok { text: string; start: number; end: number; scopes: string[] }

/** Tokenizes a document; returns the tokens of each line. */
async function tokenize(doc: string): Promise<{ line: string; tokens: Tok[] }[]> {
  const g = await grammar();
  let stack: StateStack = INITIAL;
  return doc.split('\n').map((line) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes })) };
  });
}

/** Scopes of every token overlapping the first occurrence of `text` in the (last, or given) line. */
function spanTokens(lines: { line: string; tokens: Tok[] }[], text: string, lineNo = lines.length - 1): Tok[] {
  const { line, tokens } = lines[lineNo];
  const at = line.indexOf(text);
  assert.ok(at >= 0, `"${text}" is in "${line}"`);
  return tokens.filter((t) => t.start < at + text.length && t.end > at);
}
test('dbg', async () => {
  for (const doc of ['```bash {exit=1, bogus}']) {
    const lines = await tokenize(doc);
    for (const l of lines) console.log(JSON.stringify(l.tokens.map((t) => [t.text, t.scopes.slice(1).join(' ')])));
  }
});
