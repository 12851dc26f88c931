/** SARIF 2.1.0 as GitHub code scanning accepts it: one run, rule metadata, relative URIs against %SRCROOT%. */
import type { CheckResult } from '../check';
import { RULES, docsUrl, ENGINE_RULE_IDS } from '../../core/index';
import type { Severity } from '../../core/index';
import { locatedFindings } from './fingerprint';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(result: CheckResult, version: string): string {
  const engineRules = ENGINE_RULE_IDS.map((id) => ({ id, description: engineRuleText(id), severity: 'error' as Severity }));
  const rules = [...RULES.map((r) => ({ id: r.meta.id, description: r.meta.description, severity: r.meta.defaultSeverity })), ...engineRules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = locatedFindings(result).map(({ path, finding: f, fingerprint }) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: Math.max(f.end.column, f.end.line === f.start.line ? f.start.column + 1 : 1) },
        },
      },
    ],
    // Code scanning keeps an alert's identity across runs by this (line numbers are not part of it).
    partialFingerprints: { 'signoffFinding/v1': fingerprint },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'signoff',
            informationUri: 'https://github.com/signoff-dev/signoff',
            semanticVersion: version,
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: docsUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(result.root) } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function engineRuleText(id: string): string {
  if (id === 'internal-error') return 'A rule failed on this document; the other rules still ran.';
  if (id === 'resource-limit') return 'The document exceeded a configured limit and was not fully checked.';
  return 'The .signoff.json configuration file is invalid; the defaults were applied.';
}

function pathToFileUri(p: string): string {
  const withSlash = p.endsWith('/') ? p : p + '/';
  return 'file://' + encodeURI(withSlash.split('\\').join('/'));
}
