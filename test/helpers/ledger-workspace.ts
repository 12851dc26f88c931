/**
 * A fixture workspace for the review ledger, in a real git repository in a temp folder: four components (one of
 * them named two ways), explicit supersession (`**Supersedes**`) and implicit (a later Date), a current certificate
 * made stale by a later commit touching its cited lines, a sealed and signed one (a real ed25519 key made with
 * ssh-keygen, sealed by the real CLI), a conditional one with open conditions, and a checklist gating on reviews
 * with a recorded run (made by the real `signoff run`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli';
import { GIT_ENV } from './git';
import { makeTree } from './engine';

export interface CertOptions {
  component: string;
  agent?: string;
  date: string;
  id: string;
  status: 'APPROVED' | 'CONDITIONALLY_APPROVED' | 'REJECTED';
  supersedes?: string;
  conditions?: string[];
  /** Evidence lines, e.g. `src/auth.py:3-6`. */
  evidence: string[];
}

export function certificate(o: CertOptions): string {
  const agent = o.agent ?? 'code-reviewer';
  return `# CODE REVIEW CERTIFICATE

**Component**: ${o.component}
**Agent**: ${agent}
**Date**: ${o.date}
**Certificate ID**: ${o.id}
${o.supersedes ? `**Supersedes**: ${o.supersedes}\n` : ''}
## REVIEW SCOPE

- The ${o.component} module

## FINDINGS

The behaviour matches its tests.

## DECISION/OUTCOME

**Status**: ${o.status}
**Rationale**: reviewed line by line.
${o.conditions ? `**Conditions**:\n${o.conditions.map((c) => `- ${c}`).join('\n')}\n` : ''}
## EVIDENCE

${o.evidence.map((e) => `- \`${e}\``).join('\n')}

## SIGNATURE

Agent: ${agent}
Timestamp: ${o.date}
Certificate Hash: pending
`;
}

const code = (name: string) => Array.from({ length: 20 }, (_, i) => `def ${name}_${i + 1}():\n    return ${i + 1}`).join('\n') + '\n';

export const CHECKLIST = `# Release Checklist

### Phase 1: Build
- [ ] **Compile**: it builds
  \`\`\`bash
  echo built
  # Expected: built
  \`\`\`

**Phase 1 Go/No-Go Decision**
- GO: it builds
- NO-GO: it does not

### Phase 2: Ship
- [ ] **Payments reviewed**: Requires review: Payments
- [ ] **Auth reviewed**: Requires review: AUTH-20260110-0900
- [ ] **Billing reviewed**: Requires review: Billing Engine

**Phase 2 Go/No-Go Decision**
- GO: shipped
- NO-GO: not shipped
`;

export const IDS = {
  auth1: 'AUTH-20260101-0900',
  auth2: 'AUTH-20260110-0900',
  pay0: 'PAY-20260102-0900',
  pay1: 'PAY-20260105-0900',
  search: 'SEARCH-20260103-0900',
  cache: 'CACHE-20260104-0900',
};

/** Runs git with fixed identity and commit dates (drift compares commit times with certificates' Dates). */
export function gitAt(cwd: string, date: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'init.defaultBranch=main', '-c', 'core.autocrlf=false', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

export interface LedgerWorkspace {
  root: string;
  keyDir: string;
}

/** Builds the workspace; `sealed: false` skips the key and the seal (for tests that need no ssh-keygen). */
export function ledgerWorkspace(opts: { sealed?: boolean; run?: boolean } = {}): LedgerWorkspace {
  const root = makeTree({
    'src/auth.py': code('auth'),
    'src/pay.py': code('pay'),
    'src/search.py': code('search'),
    'src/cache.py': code('cache'),
    '.gitignore': '.signoff/\n',
    'docs/reviews/auth-2026-01-01.md': certificate({ component: 'Auth Service', date: '2026-01-01 09:00:00 UTC', id: IDS.auth1, status: 'REJECTED', evidence: ['src/auth.py:1-4'] }),
    'docs/reviews/auth-2026-01-10.md': certificate({ component: 'auth-service', agent: 'security-auditor', date: '2026-01-10 09:00:00 UTC', id: IDS.auth2, status: 'APPROVED', supersedes: IDS.auth1, evidence: ['src/auth.py:1-4', 'src/auth.py:9-12'] }),
    'docs/reviews/pay-2026-01-02.md': certificate({ component: 'Payments', date: '2026-01-02 09:00:00 UTC', id: IDS.pay0, status: 'REJECTED', evidence: ['src/pay.py:1-6'] }),
    'docs/reviews/pay-2026-01-05.md': certificate({ component: 'PAYMENTS', date: '2026-01-05 09:00:00 UTC', id: IDS.pay1, status: 'CONDITIONALLY_APPROVED', conditions: ['Add a refund test', 'Log declined cards'], evidence: ['src/pay.py:1-6'] }),
    'docs/reviews/search-2026-01-03.md': certificate({ component: 'Search', date: '2026-01-03 09:00:00 UTC', id: IDS.search, status: 'APPROVED', evidence: ['src/search.py:3-6'] }),
    'docs/reviews/cache-2026-01-04.md': certificate({ component: 'Cache', date: '2026-01-04 09:00:00 UTC', id: IDS.cache, status: 'APPROVED', evidence: ['src/cache.py:1-4'] }),
    'docs/release.md': CHECKLIST,
  });
  const keyDir = join(root, '..', `${root.split('/').pop()}-keys`);
  mkdirSync(keyDir, { recursive: true });
  if (opts.sealed !== false) {
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'auditor', '-f', join(keyDir, 'auditor')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ssh-keygen (OpenSSH) is needed: ${r.error?.message ?? r.stderr}`);
    mkdirSync(join(root, '.github'), { recursive: true });
    writeFileSync(join(root, '.github/allowed_signers'), `security-auditor namespaces="signoff" ${readFileSync(join(keyDir, 'auditor.pub'), 'utf8').trim()}\n`);
    writeFileSync(join(root, '.signoff.json'), JSON.stringify({ seal: { allowedSigners: '.github/allowed_signers' } }, null, 2) + '\n');
    const sealed = runCli(['seal', 'docs/reviews/auth-2026-01-10.md', '--key', join(keyDir, 'auditor')], { cwd: root });
    if (sealed.code !== 0) throw new Error(`signoff seal failed: ${sealed.stderr}`);
  }
  // The code predates the reviews; one later commit touches Search's cited lines (3-6), and nothing else cited.
  gitAt(root, '2025-12-01T00:00:00Z', 'init', '-q');
  gitAt(root, '2025-12-01T00:00:00Z', 'add', '-A');
  gitAt(root, '2025-12-01T00:00:00Z', 'commit', '-qm', 'code and reviews');
  const search = readFileSync(join(root, 'src/search.py'), 'utf8').replace('return 2\n', 'return 2 * 2\n');
  writeFileSync(join(root, 'src/search.py'), search);
  gitAt(root, '2026-02-01T00:00:00Z', 'commit', '-qam', 'search: change a cited line');
  if (opts.run !== false) {
    const run = runCli(['run', 'docs/release.md', '--phase', '1', '--yes'], { cwd: root });
    if (run.code !== 0) throw new Error(`signoff run failed (${run.code}): ${run.stdout}${run.stderr}`);
    gitAt(root, '2026-02-02T00:00:00Z', 'commit', '-qam', 'release: phase 1 ticked');
  }
  return { root, keyDir };
}
