/**
 * The client's pure modules (no `vscode` import, so they run here): New Certificate / New Checklist templates
 * rendered with their snippet defaults and checked by the real engine (a new document starts with no findings
 * except empty required sections, which the author fills in); the checkbox logic behind Toggle Task and
 * Check/Uncheck All in Phase; the status bar text; the semver stand-in bundled for vscode-languageclient; what
 * each built client bundle carries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkText } from '../helpers/engine';
import { DEFAULT_CONFIG, Engine } from '../../src/core/index';
import { NodeHost } from '../../src/node/fs-host';
import { certificateId, certificateTemplate, checklistTemplate, escapeSnippet, formatUtc, snippetDefaults } from '../../src/protocol/templates';
import { allTasks, phaseAtLine, setEdits, taskAtLine, tasksInSelections, toggleEdits, type CheckboxEdit, type LineSelection } from '../../src/protocol/checkboxes';
import { describe as statusText } from '../../src/client/status-text';
import * as semverLite from '../../src/client/semver-lite';
import type { DocumentInfo, TaskInfo } from '../../src/protocol/index';

function parse(path: string, text: string) {
  const host = new NodeHost({ root: mkdtempSync(join(tmpdir(), 'signoff-tpl-')), exclude: [], now: () => LATER });
  return new Engine(host, DEFAULT_CONFIG).parse(path, text);
}

const NOW = new Date('2026-03-04T05:06:07Z');
const LATER = new Date('2026-03-04T06:00:00Z');

test('Date and Certificate ID forms', () => {
  assert.equal(formatUtc(NOW), '2026-03-04 05:06:07 UTC');
  assert.equal(certificateId('devops-engineer', NOW), 'CERT-DEVOPS-ENGINEER-20260304-050607');
  assert.equal(certificateId('  ', NOW), 'CERT-AGENT-20260304-050607');
  assert.equal(certificateId('José Ñ', NOW), 'CERT-JOS-20260304-050607');
});

test('snippet defaults resolve placeholders, choices and escapes as VS Code does', () => {
  assert.equal(snippetDefaults('a ${1:x} b ${2|P,Q|} c ${3} d \\$e \\} f'), 'a x b P c  d $e } f');
  assert.equal(snippetDefaults(`n: ${escapeSnippet('$HOME}\\')}`), 'n: $HOME}\\');
});

test('a new certificate has Date, ID and Agent filled in and passes every rule but empty sections', async () => {
  const text = snippetDefaults(certificateTemplate('devops-engineer', NOW));
  assert.match(text, /^\*\*Agent\*\*: devops-engineer$/m);
  assert.match(text, /^\*\*Date\*\*: 2026-03-04 05:06:07 UTC$/m);
  assert.match(text, /^\*\*Certificate ID\*\*: CERT-DEVOPS-ENGINEER-20260304-050607$/m);
  assert.match(text, /^Timestamp: 2026-03-04 05:06:07 UTC$/m);
  const findings = await checkText('new-certificate.md', text, { now: LATER });
  const other = findings.filter((f) => f.ruleId !== 'cert-section-empty');
  assert.deepEqual(other.map((f) => `${f.ruleId}: ${f.message}`), []);
  // Seen as a certificate: the sections left for the author (REVIEW SCOPE, FINDINGS, EVIDENCE) are reported empty.
  assert.equal(findings.filter((f) => f.ruleId === 'cert-section-empty').length, 3);
  assert.equal(parse('new-certificate.md', text).kind, 'certificate');
});

test('an agent name with snippet syntax in it is inserted literally', async () => {
  const text = snippetDefaults(certificateTemplate('ops $team}', NOW));
  assert.match(text, /^\*\*Agent\*\*: ops \$team\}$/m);
  assert.match(text, /^Agent: ops \$team\}$/m);
});

test('a new checklist is a checklist with one phase, a task with a snippet, and no findings', async () => {
  const text = snippetDefaults(checklistTemplate('release-bot', NOW));
  assert.match(text, /^# Production Deployment Checklist$/m);
  assert.match(text, /^\*\*Date:\*\* 2026-03-04 05:06:07 UTC$/m);
  assert.match(text, /^- \[ \] \*\*Build\*\*:/m);
  const findings = await checkText('new-checklist.md', text, { now: LATER });
  assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  const doc = parse('new-checklist.md', text);
  assert.equal(doc.kind, 'checklist');
  assert.equal(doc.checklist?.phases.length, 1);
  assert.equal(doc.checklist?.phases[0].tasks[0].snippets.length, 1);
});

// --- checkbox logic -----------------------------------------------------------------------------------------------

function task(line: number, endLine: number, checked: boolean, phase?: number): TaskInfo {
  return { line, endLine, checked, phase, text: `task ${line}`, snippets: [], checkboxRange: { start: { line, character: 2 }, end: { line, character: 5 } } };
}
const cursor = (line: number): LineSelection => ({ start: { line, character: 3 }, end: { line, character: 3 }, active: { line, character: 3 }, empty: true });
const range = (l0: number, c0: number, l1: number, c1: number): LineSelection => ({ start: { line: l0, character: c0 }, end: { line: l1, character: c1 }, active: { line: l1, character: c1 }, empty: false });

// Lines: 10 parent task (to 14) with a nested task at 12 (to 13); 16 and 17 single-line tasks; 20..25 a task with a snippet.
const TASKS = [task(10, 14, false), task(12, 13, true), task(16, 16, false), task(17, 17, true), task(20, 25, false)];

test('the cursor designates the innermost task it sits in, anywhere in the item', () => {
  assert.equal(taskAtLine(TASKS, 10)?.line, 10);
  assert.equal(taskAtLine(TASKS, 13)?.line, 12);
  assert.equal(taskAtLine(TASKS, 14)?.line, 10);
  assert.equal(taskAtLine(TASKS, 23)?.line, 20, 'inside the snippet');
  assert.equal(taskAtLine(TASKS, 15), undefined);
  assert.deepEqual(tasksInSelections(TASKS, [cursor(15)]), []);
});

test('selections designate the tasks starting in them; a line-wise selection excludes the line it ends at column 0', () => {
  assert.deepEqual(tasksInSelections(TASKS, [range(16, 0, 18, 0)]).map((t) => t.line), [16, 17]);
  assert.deepEqual(tasksInSelections(TASKS, [range(16, 0, 17, 0)]).map((t) => t.line), [16]);
  assert.deepEqual(tasksInSelections(TASKS, [range(11, 4, 17, 2)]).map((t) => t.line), [12, 16, 17]);
  assert.deepEqual(tasksInSelections(TASKS, [range(22, 0, 23, 4)]).map((t) => t.line), [20], 'inside a snippet: its task');
  assert.deepEqual(tasksInSelections(TASKS, [cursor(16), cursor(20), cursor(16)]).map((t) => t.line), [16, 20], 'multi-cursor, no duplicates');
});

test('toggle: a mix becomes all checked; all checked becomes all unchecked; only differing boxes are edited', () => {
  const mixed = [TASKS[2], TASKS[3]];
  assert.deepEqual(toggleEdits(mixed), [{ range: TASKS[2].checkboxRange, text: '[x]' }]);
  const allChecked = [TASKS[1], TASKS[3]];
  assert.deepEqual(toggleEdits(allChecked).map((e) => e.text), ['[ ]', '[ ]']);
  assert.deepEqual(setEdits(allChecked, true), []);
});

test('toggling twice is the identity on the document text, CRLF included', () => {
  const lines = ['# Checklist', '- [ ] a', '- [x] b', '  - [ ] c'];
  const text = lines.join('\r\n');
  const tasks = (t: string): TaskInfo[] => t.split('\r\n').flatMap((l, i) => {
    const m = /^(\s*- )\[([ xX])\]/.exec(l);
    return m ? [{ ...task(i, i, m[2] !== ' '), checkboxRange: { start: { line: i, character: m[1].length }, end: { line: i, character: m[1].length + 3 } } }] : [];
  });
  const apply = (t: string, edits: CheckboxEdit[]) => {
    const ls = t.split('\r\n');
    for (const e of edits) {
      const l = ls[e.range.start.line];
      ls[e.range.start.line] = l.slice(0, e.range.start.character) + e.text + l.slice(e.range.end.character);
    }
    return ls.join('\r\n');
  };
  const once = apply(text, toggleEdits(tasks(text)));
  assert.equal(once, ['# Checklist', '- [x] a', '- [x] b', '  - [x] c'].join('\r\n'));
  const twice = apply(once, toggleEdits(tasks(once)));
  assert.equal(twice, ['# Checklist', '- [ ] a', '- [ ] b', '  - [ ] c'].join('\r\n'));
  assert.equal(apply(twice, toggleEdits(tasks(twice))), once);
});

const INFO: DocumentInfo = {
  uri: 'file:///c.md', kind: 'checklist', title: 'Release Checklist', progress: { done: 2, total: 5 },
  phases: [
    { number: 1, name: 'Build', headingRange: { start: { line: 8, character: 0 }, end: { line: 8, character: 20 } }, endLine: 18, done: 2, total: 4, tasks: TASKS.slice(0, 4) },
    { number: 2, name: 'Ship', headingRange: { start: { line: 19, character: 0 }, end: { line: 19, character: 20 } }, endLine: 30, done: 0, total: 1, tasks: TASKS.slice(4), lastRun: { verdict: 'NO-GO', at: '2026-03-04T05:06:07Z', record: 'r.json' } },
  ],
  looseTasks: [task(3, 3, false)],
};

test('phases by line and all tasks in document order', () => {
  assert.equal(phaseAtLine(INFO, 8)?.number, 1);
  assert.equal(phaseAtLine(INFO, 25)?.number, 2);
  assert.equal(phaseAtLine(INFO, 5), undefined);
  assert.deepEqual(allTasks(INFO).map((t) => t.line), [3, 10, 12, 16, 17, 20]);
  assert.deepEqual(setEdits(INFO.phases![0].tasks, true).map((e) => e.range.start.line), [10, 16]);
});

test('status bar text', () => {
  assert.deepEqual(statusText(INFO), { text: '$(checklist) 2/5', tooltip: 'Release Checklist\nPhase 1: 2/4\nPhase 2: 0/1 · NO-GO', warn: false });
  const cert = (status?: { raw: string; value?: string }): DocumentInfo => ({ uri: 'file:///x.md', kind: 'certificate', certificateId: 'CERT-A-1', status });
  assert.equal(statusText(cert({ raw: 'APPROVED', value: 'APPROVED' }))?.text, '$(verified) APPROVED');
  assert.equal(statusText(cert({ raw: '✅ APPROVED', value: 'APPROVED' }))?.warn, false);
  assert.deepEqual(statusText(cert({ raw: 'LGTM' })), { text: '$(warning) LGTM', tooltip: 'Certificate CERT-A-1: status "LGTM" is not in the vocabulary', warn: true });
  assert.equal(statusText(cert(undefined))?.warn, true);
  assert.equal(statusText({ uri: 'file:///r.md', kind: null }), undefined);
  assert.equal(statusText(undefined), undefined);
});

test('semver-lite answers vscode-languageclient\'s version check like semver does', () => {
  const { parse, satisfies } = semverLite;
  assert.deepEqual(parse('1.100.3'), { major: 1, minor: 100, patch: 3, prerelease: [] });
  assert.deepEqual(parse('1.101.0-insider')?.prerelease, ['insider']);
  assert.equal(parse('1.100'), null);
  assert.equal(satisfies('1.100.3', '^1.82.0'), true);
  assert.equal(satisfies('1.82.0', '^1.82.0'), true);
  assert.equal(satisfies('1.81.9', '^1.82.0'), false);
  assert.equal(satisfies('2.0.0', '^1.82.0'), false);
  assert.equal(satisfies('0.2.5', '^0.2.3'), true);
  assert.equal(satisfies('0.3.0', '^0.2.3'), false);
  // The library strips the insider tag before checking; a prerelease left in does not satisfy, as in semver.
  assert.equal(satisfies('1.101.0-insider', '^1.82.0'), false);
  assert.throws(() => satisfies('1.100.0', '>=1.82.0'), /unsupported range/);
});

test('the built language-client bundle carries semver-lite, not semver (esbuild.mjs redirects it)', () => {
  const bundle = join(__dirname, '..', '..', 'dist', 'language-client.js');
  assert.ok(existsSync(bundle), 'dist/language-client.js is built (npm test builds first)');
  const text = readFileSync(bundle, 'utf8');
  assert.match(text, /semver-lite: unsupported range/);
  assert.doesNotMatch(text, /Invalid Version/, 'the semver package itself is not bundled');
});

test('activation loads no LSP library: dist/extension.js requires dist/language-client.js, which has vscode-languageclient', () => {
  const dist = join(__dirname, '..', '..', 'dist');
  const extension = readFileSync(join(dist, 'extension.js'), 'utf8');
  const languageClient = readFileSync(join(dist, 'language-client.js'), 'utf8');
  // Strings of vscode-languageclient and vscode-jsonrpc that any build of them keeps.
  const library = [/The language client requires VS Code version/, /Content-Length/, /BaseLanguageClient/];
  for (const marker of library) {
    assert.match(languageClient, marker);
    assert.doesNotMatch(extension, marker, `extension.js carries ${marker}`);
  }
  assert.match(extension, /require\([\w$]+\.join\(__dirname,\s*"language-client\.js"\)\)/, 'extension.js requires the bundle next to it');
  assert.ok(extension.length < 100 * 1024, `extension.js is ${Math.round(extension.length / 1024)} KB`);
  assert.match(languageClient, /SignoffServer/);
});
