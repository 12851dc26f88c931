/**
 * JUnit XML for Jenkins, GitLab and other CI test reports: one testsuite, one testcase per checked document
 * (and one for the configuration file when it has findings), one <failure> per error. Warnings and infos are
 * listed in the testcase's <system-out>, so they are visible without failing it.
 */
import type { Finding } from '../../core/index';
import type { CheckResult } from '../check';

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
    out.push(`    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}" file="${attr(c.name)}">`);
    for (const f of errors) {
      out.push(`      <failure message="${attr(f.message)}" type="${attr(f.ruleId)}">${text(describe(c.name, f))}</failure>`);
    }
    if (others.length) out.push(`      <system-out>${text(others.map((f) => describe(c.name, f)).join('\n'))}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function describe(path: string, f: Finding): string {
  return `${path}:${f.start.line}:${f.start.column} ${f.severity} ${f.message} (${f.ruleId})`;
}

/** Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
function xmlSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function text(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
