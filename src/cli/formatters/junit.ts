/**
 * JUnit XML for Jenkins, GitLab and other CI test reports: one testsuite, one testcase per checked document
 * (and one for the configuration file when it has findings), one <failure> per error. Warnings and infos are
 * listed in the testcase's <system-out>, so they are visible without failing it.
 */
import type { Finding } from '../../core/index';
import type { CheckResult } from '../check';
import { xmlAttr, xmlText } from './xml';
import { escapeControl } from '../../core/text/sanitize';

export function formatJunit(result: CheckResult): string {
  const cases = result.files.map((f) => ({ name: f.path, classname: `signoff.${f.kind}`, findings: f.findings }));
  if (result.configFindings.findings.length) {
    // Every configuration finding fails: the defaults were applied instead of the file.
    cases.unshift({ name: result.configFindings.path, classname: 'signoff.config', findings: result.configFindings.findings.map((f) => ({ ...f, severity: 'error' as const })) });
  }
  const failed = cases.filter((c) => c.findings.some((f) => f.severity === 'error')).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="signoff" tests="${cases.length}" failures="${failed}" errors="0">`);
  out.push(`  <testsuite name="signoff check" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">`);
  for (const c of cases) {
    const errors = c.findings.filter((f) => f.severity === 'error');
    const others = c.findings.filter((f) => f.severity !== 'error');
    out.push(`    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(c.classname)}" file="${xmlAttr(c.name)}">`);
    for (const f of errors) {
      out.push(`      <failure message="${xmlAttr(f.message)}" type="${xmlAttr(f.ruleId)}">${xmlText(describe(c.name, f))}</failure>`);
    }
    if (others.length) out.push(`      <system-out>${xmlText(others.map((f) => describe(c.name, f)).join('\n'))}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** One line of element content (a CI log may print the report): control characters escaped, as in text output. */
function describe(path: string, f: Finding): string {
  return `${escapeControl(path)}:${f.start.line}:${f.start.column} ${f.severity} ${escapeControl(f.message)} (${f.ruleId})`;
}
