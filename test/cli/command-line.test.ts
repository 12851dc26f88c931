/**
 * The command line explaining itself, through the real CLI as a process: `--help` of every command (built from the
 * options each declares, so none is left undescribed), `--version`, unknown options and commands, the text report
 * grouped by file with folded runs and the fixable count, --quiet, --output-file, --print-config, `rules`, `init`,
 * `-` with --stdin-filename, and colour (FORCE_COLOR / NO_COLOR / --color).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { makeTree } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { certificate } from '../helpers/change-repo';

const REPO = join(__dirname, '..', '..');

/** A clean certificate (test/helpers/change-repo.ts) with its own ID prefix, findings and status. */
const CERT = (findings = 'Routes are declared once.', status = 'APPROVED', prefix = 'GW') => certificate(prefix, findings).replace('**Status**: APPROVED', `**Status**: ${status}`);

/** Three lines of encoding damage in a row (each a fixable encoding-mojibake warning), and a second H1 (an error). */
const DAMAGED = CERT('- \u201a\u00fa\u00d6 routes one\n- \u201a\u00fa\u00d6 routes two\n- \u201a\u00fa\u00d6 routes three') + '\n# SECOND TITLE\n';

function commands(): string[] {
  const r = runCli(['--help']);
  assert.equal(r.code, 0);
  const list = r.stdout.split('Commands:\n')[1].split('\n\n')[0].split('\n').map((l) => l.trim().split(/\s+/)[0]);
  assert.ok(list.length >= 8, r.stdout);
  return list;
}

test('--help of every command: usage, every option with a description, examples, exit codes', () => {
  for (const command of commands()) {
    const r = runCli([command, '--help']);
    assert.equal(r.code, 0, `${command} --help: ${r.stderr}`);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, new RegExp(`^Usage: signoff ${command}\\b`), command);
    const options = r.stdout.split('Options:\n')[1].split('\n\n')[0].split('\n');
    for (const line of options) assert.match(line, /^ {2}(--?[\w-]+(, --help)?(?: [A-Z_]+)?(?: \.\.\.)?) +\S.{8,}$/, `${command}: an option without a description: "${line}"`);
    assert.match(r.stdout, /\nExamples:\n {2}signoff /, command);
    assert.match(r.stdout, /\nExit codes:\n {2}0 {2}\S/, command);
    assert.deepEqual(runCli(['help', command]).stdout, r.stdout, '`signoff help CMD` is `CMD --help`');
  }
  const check = runCli(['check', '--help']).stdout;
  for (const option of ['--cache-location FILE', '--color', '--no-color', '--quiet', '--output-file FILE', '--print-config PATH', '--stdin-filename PATH', '--max-warnings N']) assert.ok(check.includes(`  ${option} `), option);
  // After `--`, --help is a path like any other word.
  const afterDashes = runCli(['check', '--', '--help'], { cwd: makeTree({}) });
  assert.equal(afterDashes.code, 2);
  assert.match(afterDashes.stderr, /no such file or directory: --help/);
});

test('--version is package.json\'s version; no command prints the command list and exits 2', () => {
  const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(runCli(['--version']).stdout, `${version}\n`);
  assert.equal(runCli(['-v']).stdout, `${version}\n`);
  const none = runCli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Usage: signoff <command>/);
});

test('an unknown option or command names the nearest one and --help, exit 2', () => {
  const option = runCli(['check', '--max-warning', '0']);
  assert.equal(option.code, 2);
  assert.equal(option.stderr, 'signoff: unknown option --max-warning (did you mean --max-warnings?); see signoff check --help\n');
  const run = runCli(['run', 'x.md', '--stop-on-fail']);
  assert.equal(run.stderr, 'signoff: unknown option --stop-on-fail (did you mean --stop-on-failure?); see signoff run --help\n');
  const far = runCli(['check', '--zzzzzzzz']);
  assert.equal(far.stderr, 'signoff: unknown option --zzzzzzzz; see signoff check --help\n');
  const command = runCli(['verfy']);
  assert.equal(command.code, 2);
  assert.equal(command.stderr, 'signoff: unknown command "verfy" (did you mean verify?); see signoff --help\n');
});

test('text report: grouped by file, a run of one rule folded into one line, the summary with what --fix fixes', () => {
  const root = makeTree({ 'reviews/a.md': DAMAGED, 'reviews/b.md': CERT('Fine.', '**APPROVED**', 'GB'), 'reviews/c.md': CERT('Fine.', 'APPROVED', 'GC') });
  const r = runCli(['check', '--root', root]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.split('\n');
  const a = lines.indexOf('reviews/a.md');
  assert.ok(a >= 0, r.stdout);
  const damageLine = DAMAGED.split('\n').findIndex((l) => l.includes('routes one')) + 1;
  const folded = lines.filter((l) => l.includes('encoding-mojibake'));
  assert.equal(folded.length, 1, r.stdout);
  assert.match(folded[0], new RegExp(`^ {2}${damageLine}-${damageLine + 2} +warning {2}.* \\(and 2 more like it on lines ${damageLine}-${damageLine + 2}\\) {2}encoding-mojibake$`));
  assert.ok(lines.slice(a + 1).findIndex((l) => l.includes('cert-title')) < lines.slice(a + 1).indexOf(''), 'cert-title listed under a.md');
  assert.ok(lines.includes('reviews/b.md'));
  assert.ok(!lines.includes('reviews/c.md'), 'a clean file has no group');
  // 3 damaged lines + the decorated status are fixable; the folded findings still count one by one.
  assert.match(r.stdout, /\n✖ 1 error, 4 warnings, 0 infos \(4 fixable with --fix\) in 3 documents \(3 certificates, 0 checklists\)\n$/);
  // Every other format keeps each finding.
  const json = JSON.parse(runCli(['check', '--root', root, '--format', 'json']).stdout) as { files: { findings: { ruleId: string }[] }[] };
  assert.equal(json.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'encoding-mojibake').length, 3);
  // compact: one `path:line:col  severity  message  rule` line per finding, nothing folded, no summary.
  const compact = runCli(['check', '--root', root, '--format', 'compact']).stdout.trimEnd().split('\n');
  assert.equal(compact.length, json.files.flatMap((f) => f.findings).length, compact.join('\n'));
  assert.equal(compact.filter((l) => new RegExp(`^reviews/a\\.md:(${damageLine}|${damageLine + 1}|${damageLine + 2}):\\d+ {2}warning {2}.* {2}encoding-mojibake$`).test(l)).length, 3, compact.join('\n'));
});

test('text report: a file name or message cannot start a line with "::" or carry ESC', () => {
  const root = makeTree({ '::error title=x::boom.md': CERT() + '\n# SECOND \x1b]0;pwned\x07TITLE\n' });
  const r = runCli(['check', '--root', root]);
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stdout, /^::/m);
  assert.ok(!r.stdout.includes('\x1b'), 'no ESC in the report');
  assert.match(r.stdout, /^\.\/::error title=x::boom\.md$/m);
});

test('--quiet: errors only, warnings neither shown nor counted against --max-warnings', () => {
  const root = makeTree({ 'reviews/a.md': DAMAGED, 'reviews/b.md': CERT('Fine.', '**APPROVED**', 'GB') });
  const r = runCli(['check', '--root', root, '--quiet', '--max-warnings', '0']);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stdout, / warning |reviews\/b\.md/);
  assert.match(r.stdout, /cert-title/);
  assert.match(r.stdout, /✖ 1 error, 0 warnings, 0 infos in 2 documents/);
  const onlyWarnings = makeTree({ 'reviews/b.md': CERT('Fine.', '**APPROVED**', 'GB') });
  assert.equal(runCli(['check', '--root', onlyWarnings, '--max-warnings', '0']).code, 1);
  assert.equal(runCli(['check', '--root', onlyWarnings, '--max-warnings', '0', '--quiet']).code, 0);
});

test('--output-file writes the report there (any format), nothing on stdout; the exit code stays', () => {
  const root = makeTree({ 'reviews/a.md': DAMAGED });
  const r = runCli(['check', '--root', root, '--format', 'sarif', '--output-file', 'out/signoff.sarif'], { cwd: root });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const sarif = JSON.parse(readFileSync(join(root, 'out/signoff.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
  assert.equal(sarif.runs[0].results.length, 4);
  const text = runCli(['check', '--root', root, '--output-file', 'report.txt', '--color'], { cwd: root });
  assert.equal(text.code, 1);
  assert.match(readFileSync(join(root, 'report.txt'), 'utf8'), /\x1b\[31merror/, '--color colours a file too');
  const bad = runCli(['check', '--root', root, '--output-file', join(root, 'reviews/a.md', 'x')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^signoff: cannot write .*: (ENOTDIR|EEXIST)\n$/);
});

test('--print-config PATH: the merged configuration as JSON; a path the config leaves out is said on stderr', () => {
  const root = makeTree({ 'base.json': '{ "rules": { "cert-title": "warning" } }', '.signoff.json': '{ "extends": "./base.json", "exclude": ["drafts/**"] }', 'drafts/x.md': '# x\n' });
  const r = runCli(['check', '--print-config', 'reviews/a.md'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  const config = JSON.parse(r.stdout) as { rules: Record<string, string>; exclude: string[]; requiredSections: string[] };
  assert.equal(config.rules['cert-title'], 'warning');
  assert.deepEqual(config.exclude, ['drafts/**']);
  assert.ok(config.requiredSections.includes('EVIDENCE'), 'defaults filled in');
  assert.equal(r.stderr, '');
  const excluded = runCli(['check', '--print-config', 'drafts/x.md'], { cwd: root });
  assert.match(excluded.stderr, /drafts\/x\.md is not checked by this configuration/);
  assert.equal(runCli(['check', '--print-config', '/elsewhere/a.md'], { cwd: root }).code, 2);
});

test('rules: every rule, one line each with severity and fix; --format json', () => {
  const r = runCli(['rules']);
  assert.equal(r.code, 0);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^RULE +SEVERITY +FIX +DESCRIPTION$/);
  const json = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as { id: string; severity: string; fixable: boolean; description: string; docs: string }[];
  assert.equal(lines.length - 1, json.length);
  const mojibake = json.find((x) => x.id === 'encoding-mojibake');
  assert.ok(mojibake?.fixable);
  assert.match(lines.find((l) => l.startsWith('encoding-mojibake '))!, /^encoding-mojibake +warning +yes +\S/);
  for (const rule of json) assert.ok(existsSync(join(REPO, 'docs', 'rules', `${rule.id}.md`)), `${rule.id} has a docs page`);
});

test('init: a starter .signoff.json with $schema that validates and that check reads cleanly; never overwritten unasked', async () => {
  const root = makeTree({ 'reviews/a.md': CERT() });
  const r = runCli(['init'], { cwd: root });
  assert.equal(r.code, 0, r.stderr);
  const config = JSON.parse(readFileSync(join(root, '.signoff.json'), 'utf8')) as Record<string, unknown>;
  const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(config.$schema, `https://raw.githubusercontent.com/signoff-dev/signoff/v${version}/schemas/signoff.schema.json`);
  const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'signoff.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false }).compile(schema);
  assert.ok(validate(config), JSON.stringify(validate.errors));
  assert.equal(runCli(['check'], { cwd: root }).code, 0);
  writeFileSync(join(root, '.signoff.json'), '{ "rules": { "cert-title": "off" } }\n');
  const again = runCli(['init'], { cwd: root });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /exists already/);
  assert.equal(readFileSync(join(root, '.signoff.json'), 'utf8'), '{ "rules": { "cert-title": "off" } }\n');
  assert.equal(runCli(['init', '--force'], { cwd: root }).code, 0);
});

test('check -: text from stdin checked as --stdin-filename, with its evidence resolved from there; the file is untouched', () => {
  const onDisk = CERT('See `src/app.py:1`.');
  const root = makeTree({ 'reviews/a.md': onDisk, 'src/app.py': 'print(1)\n' });
  const r = runCli(['check', '-', '--stdin-filename', 'reviews/a.md', '--format', 'json'], { cwd: root, input: CERT('See `src/app.py:1` and `src/gone.py:2`.') + '\n# SECOND\n' });
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
  assert.deepEqual(doc.files.map((f) => f.path), ['reviews/a.md']);
  const ids = doc.files[0].findings.map((f) => f.ruleId);
  assert.ok(ids.includes('cert-title'), ids.join());
  assert.ok(doc.files[0].findings.some((f) => f.ruleId === 'evidence-file-missing' && f.message.includes('src/gone.py')), JSON.stringify(doc));
  assert.ok(!doc.files[0].findings.some((f) => f.message.includes('src/app.py')), 'the cited file on disk resolves');
  assert.equal(readFileSync(join(root, 'reviews/a.md'), 'utf8'), onDisk);
  // A file that does not exist yet (an unsaved buffer) is checked the same way.
  const unsaved = runCli(['check', '-', '--stdin-filename', 'reviews/new.md'], { cwd: root, input: CERT('Fine.', 'APPROVED', 'GN') });
  assert.equal(unsaved.code, 0, unsaved.stdout + unsaved.stderr);
  assert.match(unsaved.stdout, /0 errors, 0 warnings, 0 infos in 1 document/);
  assert.equal(runCli(['check', '-', '--fix'], { cwd: root, input: CERT() }).code, 2);
  assert.match(runCli(['check', 'reviews', '--stdin-filename', 'x.md'], { cwd: root }).stderr, /--stdin-filename goes with "-"/);
  assert.match(runCli(['check', '-', '--stdin-filename', '../x.md'], { cwd: root, input: CERT() }).stderr, /outside the root/);
});

test('colour: off for NO_COLOR (even with FORCE_COLOR) and pipes, on for FORCE_COLOR or --color, --no-color wins', () => {
  const root = makeTree({ 'reviews/a.md': DAMAGED });
  const esc = (env: NodeJS.ProcessEnv, args: string[] = []) => runCli(['check', '--root', root, ...args], { env }).stdout.includes('\x1b[');
  assert.equal(esc({ FORCE_COLOR: undefined }), false, 'NO_COLOR (set by the helper)');
  assert.equal(esc({ NO_COLOR: '' }), false, 'not a terminal');
  assert.equal(esc({ NO_COLOR: '', FORCE_COLOR: '1' }), true);
  assert.equal(esc({ NO_COLOR: '', FORCE_COLOR: '0' }), false);
  assert.equal(esc({ NO_COLOR: '1', FORCE_COLOR: '1' }), false, 'the user\'s NO_COLOR over a tool\'s FORCE_COLOR');
  assert.equal(esc({ NO_COLOR: '1' }, ['--color']), true);
  assert.equal(esc({}, ['--color']), true);
  assert.equal(esc({ NO_COLOR: '', FORCE_COLOR: '1' }, ['--no-color']), false);
});
