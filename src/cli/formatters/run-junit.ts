/**
 * `signoff run --format junit`: JUnit XML for CI test reports. One testsuite per phase (its verdict in a property),
 * one testcase per task that ran: a failure carries exit code and expected vs actual (the diff, when there is one);
 * a task waiting for a person (prose expectations, declined snippets) is `<skipped>` with what to review; tasks
 * skipped after a failure are `<skipped>` too. Manual tasks are not testcases (nothing ran), they are counted in
 * the suite's properties. (`signoff check --format junit` is src/cli/formatters/junit.ts; this is the run's.)
 */
import type { RunRecord, RunSnippetResult, RunTaskResult } from '../../protocol/index';
import { snippetFailed } from '../../runner/index';
import { xmlAttr, xmlText } from './xml';

export function formatRunJunit(record: RunRecord, phaseNames: Map<number, string>): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tasks = record.tasks;
  const total = (f: (t: RunTaskResult) => boolean) => tasks.filter(f).length;
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const duration = (t: RunTaskResult) => t.snippets.reduce((n, s) => n + s.durationMs, 0);
  out.push(`<testsuites name="${xmlAttr(`signoff run ${record.checklist}`)}" tests="${tasks.length}" failures="${total((t) => t.status === 'failed')}" errors="0" skipped="${total((t) => t.status === 'skipped' || t.status === 'pending')}" time="${secs(tasks.reduce((n, t) => n + duration(t), 0))}">`);
  for (const pr of record.phaseResults) {
    const mine = tasks.filter((t) => t.phase === pr.phase);
    const name = `Phase ${pr.phase}${phaseNames.get(pr.phase) ? `: ${phaseNames.get(pr.phase)}` : ''}`;
    out.push(`  <testsuite name="${xmlAttr(name)}" tests="${mine.length}" failures="${pr.failed}" errors="0" skipped="${pr.skipped + (pr.pending ?? 0)}" time="${secs(mine.reduce((n, t) => n + duration(t), 0))}" timestamp="${xmlAttr(record.startedAt.replace(/\.\d+Z$/, ''))}">`);
    out.push('    <properties>');
    for (const [k, v] of [['verdict', pr.verdict], ['manual', String(pr.manual)], ['manualOpen', String(pr.manualOpen ?? 0)], ['commit', record.commit ?? '']] as const) {
      out.push(`      <property name="${k}" value="${xmlAttr(v)}"/>`);
    }
    out.push('    </properties>');
    for (const t of mine) {
      const caseName = `line ${t.line}: ${t.label ?? t.text}`;
      const open = `    <testcase classname="${xmlAttr(`${record.checklist}.phase${pr.phase}`)}" name="${xmlAttr(caseName)}" time="${secs(duration(t))}"`;
      if (t.status === 'passed') { out.push(`${open}/>`); continue; }
      out.push(`${open}>`);
      if (t.status === 'failed') {
        const s = t.snippets.find(snippetFailed);
        out.push(`      <failure message="${xmlAttr(s ? failureMessage(s) : 'failed')}" type="check-failed">${xmlText(s ? failureBody(s) : '')}</failure>`);
      } else if (t.status === 'pending') {
        const review = t.snippets.flatMap((s) => (s.declined ? ['snippet not confirmed to run'] : s.expected.filter((e) => e.class === 'prose' && !e.review).map((e) => `needs review: ${e.text}`)));
        out.push(`      <skipped message="${xmlAttr(review.join('; ') || 'waits for a person')}"/>`);
      } else {
        out.push('      <skipped message="not run: the run stopped after a failure"/>');
      }
      const output = t.snippets.map((s) => s.outputExcerpt).filter(Boolean).join('\n');
      if (output) out.push(`      <system-out>${xmlText(output)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function failureMessage(s: RunSnippetResult): string {
  const want = s.expectedExit ?? 0;
  const parts: string[] = [];
  if (s.syntaxError) parts.push(`does not parse: ${s.syntaxError}`);
  else if (s.timedOut) parts.push(`timed out after ${(s.timeoutMs ?? s.durationMs) / 1000} s`);
  else if (s.exitCode !== want) parts.push(`exit code ${s.exitCode ?? 'none'}, expected ${want}`);
  for (const e of s.expected) {
    if (e.error) parts.push(e.error);
    else if (e.class === 'prose' && e.review?.decision === 'rejected') parts.push(`rejected by ${e.review.by}: ${e.text}`);
    else if (e.class !== 'prose' && !e.met) parts.push(`expected ${e.text}${e.actual ? `, got ${e.actual}` : ', not in the output'}`);
  }
  return parts.join('; ') || 'failed';
}

function failureBody(s: RunSnippetResult): string {
  const lines = [`$ ${s.command.replace(/\r\n?/g, '\n').trim().split('\n').join('\n$ ')}`];
  for (const e of s.expected) {
    if (e.class === 'prose' || e.met) continue;
    lines.push('', `expected: ${e.text}`, `actual:   ${e.actual ?? '(not in the output)'}`);
    if (e.diff) lines.push(e.diff);
  }
  return lines.join('\n');
}
