/**
 * `signoff <command> --help`: built from the options the command declares to parseArgs (args.ts), so a new option
 * is listed as soon as it exists. What each one means comes from the declaration itself (`{ type, arg,
 * description }`) or, for a plain `'string'` declaration, from this table: a new option needs one line here (or an
 * inline description), and test/cli/help.test.ts fails for any option of any command left without one.
 */
import { typeOf, type FlagSpec } from './args';

export interface CommandHelp {
  /** One line: what the command does (also the line in `signoff --help`). */
  summary: string;
  /** The usage line after `signoff `. */
  usage: string;
  /** Option name -> description, or [ARG, description] for an option taking a value. */
  options: Record<string, string | [string, string]>;
  examples: string[];
  /** Exit code -> meaning. */
  exitCodes: Record<number, string>;
}

/** Options several commands share: described once. */
const SHARED: Record<string, [string, string]> = {
  root: ['DIR', 'Workspace root (default: the nearest folder holding .signoff.json, else the git work tree\'s root, else the current directory).'],
  config: ['FILE', 'Configuration file (default: .signoff.json at the root).'],
};

const USAGE_ERROR = 'usage or internal error (one line on stderr)';

export const COMMAND_HELP: Record<string, CommandHelp> = {
  check: {
    summary: 'Check certificates and checklists: structure, evidence references, drift.',
    usage: 'check [PATH|GLOB|- ...] [options]',
    options: {
      format: ['FORMAT', 'Output format: text (default, grouped by file), compact (one path:line:col line per finding), json, sarif, github, junit or gitlab.'],
      'max-warnings': ['N', 'Exit 1 when there are more than N warnings.'],
      quiet: 'Report errors only (warnings and infos are neither printed nor counted).',
      'output-file': ['FILE', 'Write the report to FILE instead of stdout.'],
      fix: 'Apply the safe fixes in place, keeping BOMs and line endings.',
      cache: 'Skip documents unchanged since the last run (and what they cite).',
      'cache-location': ['FILE', 'Cache file (default: .signoff/cache.json under the root).'],
      'changed-since': ['REF', 'Only what the change REF...HEAD concerns, with evidence-changed on the citations it touches.'],
      staged: 'Only what the staged change concerns (the pre-commit hook).',
      'stdin-filename': ['PATH', 'With "-": the path the text read from stdin stands for (rules and config see that path).'],
      'print-config': ['PATH', 'Print the configuration that applies to PATH as JSON, and check nothing.'],
      'explain-kinds': 'List each Markdown file\'s kind (certificate, checklist or neither) and the signals that decided it, and check nothing.',
      color: 'Colour the text output even when stdout is not a terminal (FORCE_COLOR=1 does too, unless NO_COLOR is set).',
      'no-color': 'Never colour the text output (NO_COLOR=1 does too).',
    },
    examples: [
      'signoff check',
      'signoff check docs/reviews --max-warnings 0',
      'signoff check --changed-since origin/main --format github',
      'signoff check --explain-kinds docs',
      'cat cert.md | signoff check - --stdin-filename reviews/cert.md',
    ],
    exitCodes: { 0: 'no errors (and warnings within --max-warnings)', 1: 'errors, or more warnings than --max-warnings', 2: USAGE_ERROR },
  },
  run: {
    summary: 'Run a checklist\'s phase checks headless and write a run record.',
    usage: 'run CHECKLIST [options]',
    options: {
      phase: ['N', 'Run phase N only (repeat for several).'],
      timeout: ['S', 'Per-snippet timeout in seconds (default: run.timeout in the config, 300).'],
      'stop-on-failure': 'Stop a phase at its first failing task.',
      yes: 'Run without asking (review the snippets first).',
      format: ['FORMAT', 'Report format: text (default), json or junit (progress then goes to stderr).'],
      failed: 'Rerun only the tasks that failed, were skipped or wait in each phase\'s latest record (the new record links it).',
      set: ['NAME=VALUE', 'A run input the checklist declares (<!-- signoff: inputs NAME -->); else the environment variable NAME.'],
      by: ['WHO', 'Who runs and decides, "Name <email>" (default: git user.name and user.email).'],
      sign: ['SSH_PRIVATE_KEY', 'Sign the run record (ssh-keygen -Y sign, namespace signoff-run); signoff verify RECORD.json checks it.'],
    },
    examples: ['signoff run ops/deploy.md', 'signoff run ops/deploy.md --phase 1 --yes --format junit > run.xml', 'signoff run ops/deploy.md --failed --set VERSION=1.4.2', 'signoff run ops/deploy.md --yes --sign ~/.ssh/id_ed25519'],
    exitCodes: { 0: 'every phase GO', 1: 'a phase NO-GO', 2: `${USAGE_ERROR}, or the run was not confirmed`, 3: 'PENDING: prose expectations or manual tasks wait for a person' },
  },
  seal: {
    summary: 'Seal certificates: fingerprint their content and cited lines (docs/sealing.md).',
    usage: 'seal CERT... [options]',
    options: { key: ['SSH_PRIVATE_KEY', 'Sign the seal with this SSH key (ssh-keygen -Y sign -n signoff).'] },
    examples: ['signoff seal reviews/pay.md', 'signoff seal reviews --key ~/.ssh/id_ed25519'],
    exitCodes: { 0: 'every certificate sealed', 1: 'a certificate could not be sealed', 2: USAGE_ERROR },
  },
  verify: {
    summary: 'Verify that certificates\' seals still hold (content, cited lines, signature), or run records\' signatures.',
    usage: 'verify CERT... | RECORD.json... [options]',
    options: {
      'allowed-signers': ['FILE', 'OpenSSH allowed-signers file for signed seals (default: the config, then git\'s).'],
      format: ['FORMAT', 'Output format: text (default) or json.'],
    },
    examples: ['signoff verify reviews', 'signoff verify reviews/pay.md --allowed-signers .github/allowed_signers'],
    exitCodes: { 0: 'every seal holds', 1: 'a certificate is unsealed, changed, has stale evidence or a bad signature', 2: USAGE_ERROR },
  },
  attest: {
    summary: 'Print an in-toto attestation of a certificate and the files it cites (docs/attestation.md).',
    usage: 'attest CERT [options]',
    options: {},
    examples: ['signoff attest reviews/pay.md > pay.intoto.json'],
    exitCodes: { 0: 'statement printed', 2: USAGE_ERROR },
  },
  rules: {
    summary: 'List the rules: id, default severity, whether it has a fix, what it checks.',
    usage: 'rules [options]',
    options: { format: ['FORMAT', 'text (default) or json.'] },
    examples: ['signoff rules', 'signoff rules --format json'],
    exitCodes: { 0: 'listed', 2: USAGE_ERROR },
  },
  init: {
    summary: 'Write a starter .signoff.json (with $schema) in the root.',
    usage: 'init [options]',
    options: { force: 'Overwrite an existing .signoff.json.' },
    examples: ['signoff init'],
    exitCodes: { 0: 'written', 1: '.signoff.json exists already (use --force)', 2: USAGE_ERROR },
  },
  lsp: {
    summary: 'The language server, for any LSP client (Neovim, Helix, Emacs...).',
    usage: 'lsp --stdio',
    options: { stdio: 'Talk LSP over stdin/stdout (the only transport).' },
    examples: ['signoff lsp --stdio'],
    exitCodes: { 0: 'the client asked the server to exit' },
  },
  status: {
    summary: 'The review ledger: each component\'s current review, its freshness, seal and conditions; a merge gate.',
    usage: 'status [PATH ...] [options]',
    options: {
      format: ['FORMAT', 'text (default), json, or markdown (a table for $GITHUB_STEP_SUMMARY or a PR comment).'],
      require: ['LIST', 'Exit 1 naming every component whose current review is not all of: approved, fresh, sealed, signed (any subset, comma-separated).'],
      'changed-since': ['REF', 'Only the components whose cited code the change REF...HEAD touches (the merge gate).'],
    },
    examples: [
      'signoff status',
      'signoff status --format markdown >> "$GITHUB_STEP_SUMMARY"',
      'signoff status --changed-since origin/main --require approved,fresh',
    ],
    exitCodes: { 0: 'listed (and every gated component meets --require)', 1: 'a component does not meet --require', 2: USAGE_ERROR },
  },
  mcp: {
    summary: 'A Model Context Protocol server over stdio, for AI agents that write certificates (docs/agents.md).',
    usage: 'mcp [options]',
    options: {
      root: ['DIR', 'The workspace it serves (default: found as check finds it); nothing outside it is read.'],
      config: ['FILE', 'Configuration file (default: .signoff.json in the root).'],
      'allow-write': 'Offer the write tools (fix, seal); without it the server only reads.',
    },
    examples: ['signoff mcp', 'signoff mcp --root . --allow-write'],
    exitCodes: { 0: 'the client closed the connection', 2: USAGE_ERROR },
  },
};

/** The help of one command, from its declared options (spec) and what this table says of them. */
export function commandHelp(name: string, spec: FlagSpec): string {
  const help = COMMAND_HELP[name];
  const rows: [string, string][] = [];
  for (const [option, declared] of Object.entries(spec)) {
    const known = help?.options[option] ?? SHARED[option];
    const inline = typeof declared === 'object' ? declared : undefined;
    const arg = typeOf(declared) === 'boolean' ? '' : ` ${inline?.arg ?? (Array.isArray(known) ? known[0] : 'VALUE')}`;
    const text = inline?.description ?? (Array.isArray(known) ? known[1] : known) ?? '';
    rows.push([`--${option}${arg}${typeOf(declared) === 'string[]' ? ' ...' : ''}`, text]);
  }
  rows.push(['-h, --help', 'Show this help.']);
  const width = Math.max(...rows.map(([o]) => o.length));
  const out = [`Usage: signoff ${help?.usage ?? `${name} [options]`}`, ''];
  if (help) out.push(help.summary, '');
  out.push('Options:', ...rows.map(([o, t]) => `  ${o.padEnd(width)}  ${t}`.trimEnd()));
  if (help?.examples.length) out.push('', 'Examples:', ...help.examples.map((e) => `  ${e}`));
  if (help) out.push('', 'Exit codes:', ...Object.entries(help.exitCodes).map(([code, what]) => `  ${code}  ${what}`));
  return out.join('\n') + '\n';
}

/** `signoff --help`: every command with its one line. */
export function mainHelp(commands: readonly string[]): string {
  const width = Math.max(...commands.map((c) => c.length));
  return [
    'Usage: signoff <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.padEnd(width)}  ${COMMAND_HELP[c]?.summary ?? ''}`.trimEnd()),
    '',
    '  signoff <command> --help   options, examples and exit codes of a command',
    '  signoff --version          the version',
    '',
  ].join('\n');
}
