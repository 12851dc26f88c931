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

const REPO = join(__dirname, '..', '..');
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
        // The languages VS Code embeds in fenced blocks come with VS Code; here they are empty stand-ins.
        if (scopeName === 'source.shell' || scopeName === 'source.python') return parseRawGrammar(JSON.stringify({ scopeName, patterns: [] }), `${scopeName}.json`);
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

async function expectScope(line: string, text: string, scope: string): Promise<void> {
  const toks = spanTokens(await tokenize(line), text);
  for (const t of toks) assert.ok(t.scopes.includes(scope), `"${t.text}" in "${line}" has ${scope}; got ${t.scopes.join(' ')}`);
  // The scope covers exactly `text`: a token that starts before or ends after it would mean a wrong boundary.
  assert.equal(toks.map((t) => t.text).join(''), text, `tokens cover exactly "${text}" in "${line}"`);
}

async function expectNoScope(doc: string, text: string, prefix: string, lineNo?: number): Promise<void> {
  const lines = await tokenize(doc);
  for (const t of spanTokens(lines, text, lineNo)) {
    assert.ok(!t.scopes.some((s) => s.startsWith(prefix)), `"${t.text}" has no ${prefix}*; got ${t.scopes.join(' ')}`);
  }
}

const APPROVED = 'markup.inserted.status.approved.signoff';
const CONDITIONAL = 'markup.changed.status.conditional.signoff';
const REJECTED = 'markup.deleted.status.rejected.signoff';
const FIELD = 'support.type.property-name.field.signoff';
const PATH = 'markup.underline.link.evidence.signoff';
const LINES = 'constant.numeric.line-number.signoff';
const CERT_ID = 'constant.other.certificate-id.signoff';

test('status values on verdict lines, by meaning', async () => {
  await expectScope('**Status**: APPROVED', 'APPROVED', APPROVED);
  await expectScope('**Status**: CONDITIONALLY_APPROVED', 'CONDITIONALLY_APPROVED', CONDITIONAL);
  await expectScope('**Status**: REQUIRES_REMEDIATION', 'REQUIRES_REMEDIATION', CONDITIONAL);
  await expectScope('**Status**: **REJECTED**', 'REJECTED', REJECTED);
  await expectScope('**STATUS**: **EMERGENCY_STOP**', 'EMERGENCY_STOP', REJECTED);
  await expectScope('**Status:** ✅ APPROVED - with minor notes', 'APPROVED', APPROVED);
  await expectScope('**Recommendation**: NO-GO until fixed', 'NO-GO', REJECTED);
  await expectScope('**Decision**: APPROVE_WITH_CONDITIONS', 'APPROVE_WITH_CONDITIONS', CONDITIONAL);
  await expectScope('**Status**: APPROVED', 'Status', FIELD);
});

test('status words elsewhere are plain text', async () => {
  await expectNoScope('41 APPROVED certificates carry conditions', 'APPROVED', 'markup.inserted.status');
  await expectNoScope('**Status**: CONDITIONALLY_APPROVED', 'CONDITIONALLY_APPROVED', 'markup.inserted.status');
  await expectNoScope('**Summary**: we GO home', 'GO', 'markup.inserted.status');
});

test('header, decision and signature field names', async () => {
  for (const name of ['Component', 'Agent', 'Date', 'Rationale', 'Conditions']) await expectScope(`**${name}**: value`, name, FIELD);
  await expectScope('**Document Version:** 1.0', 'Document Version', FIELD);
  await expectScope('Timestamp: 2025-08-31 12:00:00 UTC', 'Timestamp', FIELD);
  await expectScope('Certificate Hash: abc', 'Certificate Hash', FIELD);
  // The bold markers keep the Markdown scope, so themes still render the field bold-delimited.
  await expectScope('**Component**: value', '**', 'punctuation.definition.bold.markdown');
  // A task label in bold is not a header field.
  await expectNoScope('- [ ] **Build**: it builds', 'Build', FIELD);
});

test('certificate ids: the header value and CERT- ids cited in prose', async () => {
  await expectScope('**Certificate ID**: CERT-DEVOPS-FP0-20250831-120000', 'CERT-DEVOPS-FP0-20250831-120000', CERT_ID);
  await expectScope('**Certificate ID**: perf_legacy_cleanup_20250101_120000', 'perf_legacy_cleanup_20250101_120000', CERT_ID);
  await expectScope('Supersedes CERT-SEC-20250822-101500 entirely.', 'CERT-SEC-20250822-101500', CERT_ID);
  await expectNoScope('The CERT-less flow', 'CERT-less', CERT_ID);
});

test('evidence references in prose', async () => {
  await expectScope('See performance_manager.py:101 for the check.', 'performance_manager.py', PATH);
  await expectScope('See performance_manager.py:101 for the check.', '101', LINES);
  await expectScope('Both store.py:90, 135 are wrong', '90, 135', LINES);
  await expectScope('in core_manager.py:24,55-66,135-163.', '24,55-66,135-163', LINES);
  await expectScope('Feature flags (/home/john/lighthouse/src/flags.py) exist', '/home/john/lighthouse/src/flags.py', PATH);
  await expectScope('Rollout (lines 177-213) is progressive', '177-213', LINES);
  await expectScope('Rollout (lines 177-213) is progressive', 'lines', 'keyword.other.lines.signoff');
  await expectScope('Lines 122-129 in http_server.py', '122-129', LINES);
  await expectScope('see src/app.py#L10-L20', 'src/app.py', PATH);
  await expectScope('see src/app.py#L10-L20', '#L10-L20', LINES);
  await expectScope('run tests/test_x.py::TestA::test_b now', 'tests/test_x.py', PATH);
  await expectScope('run tests/test_x.py::TestA::test_b now', '::TestA::test_b', 'entity.name.function.pytest-node.signoff');
  await expectScope('keisei/evaluation/core_manager.py is the entry point', 'keisei/evaluation/core_manager.py', PATH);
});

test('not evidence: ports, ratios, URLs, line-count claims', async () => {
  await expectNoScope('served on localhost:3000 today', 'localhost:3000', 'meta.evidence');
  await expectNoScope('a ratio of 1.49:1 overall', '1.49:1', 'meta.evidence');
  await expectNoScope('see https://example.com/docs/page.html here', 'example.com/docs/page.html', PATH);
  await expectNoScope('the file has 243 lines total', '243', LINES);
});

test('a code span holding a reference keeps its code scope and shows the reference', async () => {
  const line = 'Rollback in `scripts/rollback.py:12-30` works';
  await expectScope(line, 'scripts/rollback.py', PATH);
  await expectScope(line, 'scripts/rollback.py', 'markup.inline.raw.string.markdown');
  await expectScope(line, '12-30', LINES);
  await expectScope(line, '`', 'punctuation.definition.raw.markdown');
  // Other code spans stay plain code.
  await expectNoScope('run `npm test` first', 'npm test', 'meta.evidence');
});

test('Go/No-Go blocks of checklists', async () => {
  await expectScope('**🚦 Phase 1 Go/No-Go Decision**', '🚦 Phase 1 Go/No-Go Decision', 'entity.name.section.gonogo.signoff');
  await expectScope('- ✅ **GO**: all checks pass', 'GO', APPROVED);
  await expectScope('- ❌ **NO-GO**: any check fails', 'NO-GO', REJECTED);
  await expectScope('- ❌ **NO-GO**: any check fails', '**', 'punctuation.definition.bold.markdown');
});

test('nothing is injected inside fenced code blocks', async () => {
  const doc = ['```bash', 'echo "**Status**: APPROVED" # see src/app.py:10', '```', '**Status**: APPROVED'].join('\n');
  await expectNoScope(doc, 'APPROVED', 'markup.inserted', 1);
  await expectNoScope(doc, 'src/app.py', 'meta.evidence', 1);
  // After the fence closes, the injection applies again.
  const lines = await tokenize(doc);
  assert.ok(spanTokens(lines, 'APPROVED', 3).every((t) => t.scopes.includes(APPROVED)));
});

test('snippet options in a fence info string: known options, their values, unknown ones marked invalid', async () => {
  const doc = ['- [ ] **Deploy**: it deploys', '  ```bash {exit=1, cwd=src timeout=30 env=".env.staging" stderr skip manual exti=2 bogus}', '  echo "**Status**: APPROVED"', '  ```', '**Status**: APPROVED'].join('\n');
  const lines = await tokenize(doc);
  const scopesOf = (text: string, line = 1) => spanTokens(lines, text, line).flatMap((t) => t.scopes);
  for (const key of ['exit', 'cwd', 'timeout', 'env', 'stderr', 'skip', 'manual']) {
    assert.ok(scopesOf(key).includes('entity.other.attribute-name.option.signoff'), `${key} is a known option`);
  }
  assert.ok(scopesOf('.env.staging').includes('string.unquoted.option-value.signoff'));
  assert.ok(scopesOf('30').includes('string.unquoted.option-value.signoff'));
  for (const bad of ['exti=2', 'bogus']) assert.ok(scopesOf(bad).includes('invalid.illegal.unknown-option.signoff'), `${bad} is marked unknown`);
  assert.ok(!scopesOf('exit').includes('invalid.illegal.unknown-option.signoff'));
  assert.ok(scopesOf('bash').includes('fenced_code.block.language.markdown'), 'the language keeps its Markdown scope');
  // The block is still code: nothing is injected inside it, and after it closes the injection applies again.
  assert.ok(spanTokens(lines, 'APPROVED', 2).every((t) => t.scopes.includes('markup.fenced_code.block.markdown') && !t.scopes.includes(APPROVED)));
  assert.ok(spanTokens(lines, 'APPROVED', 4).every((t) => t.scopes.includes(APPROVED)));
  // A fence without options is left to the Markdown grammar.
  const plain = await tokenize(['```bash', 'echo hi', '```'].join('\n'));
  assert.ok(!plain[0].tokens.some((t) => t.scopes.some((s) => s.endsWith('.signoff'))));
});
