// Lint is deliberately small: it enforces the architecture (what may import what), not style.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'crypto', 'worker_threads', 'util', 'url', 'stream', 'events', 'module', 'process'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'bench/.work/**', 'test/fixtures/**', 'examples/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {},
  },
  {
    // The core is pure: the outside world comes in through the Host interface.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*', 'vscode/*'], message: 'src/core must not depend on VS Code or the LSP libraries.' },
          { group: nodeBuiltins, message: 'src/core is pure: reach files, git and processes through the Host interface.' },
        ],
      }],
    },
  },
  {
    // The client never imports the core (nor zod/remark, which would bloat its bundle); it talks to the server.
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/core/**', '**/core', '**/server/**', '**/cli/**'], message: 'The client talks to the server; share types through src/protocol.' },
          { group: ['zod', 'zod/*', 'unified', 'remark-*', 'micromark*', 'mdast*'], message: 'Keep the client bundle small: no parser or schema libraries.' },
        ],
      }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', '**/client/**', '**/client'], message: 'The server must not import the VS Code API or the client.' },
        ],
      }],
    },
  },
  {
    // The MCP server is thin like the language server: the core, the Node host and the CLI's own commands only.
    files: ['src/mcp/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*'], message: 'src/mcp must not import the VS Code API.' },
          { regex: '^(\\.\\./)+(client|server)(/|$)', message: 'src/mcp must not import the client or the language server (the SDK\'s own server/ is fine).' },
        ],
      }],
    },
  },
  {
    // The wire contract between client and server (requests, notifications, their payloads, run records as written
    // to disk, checkbox edits both sides compute) and nothing else: plain types, constants and pure functions over
    // them. It imports only itself, so the client's bundle stays small and both ends agree on one definition.
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*', 'vscode/*', '**/core/**', '**/core', '**/server/**', '**/client/**', '**/cli/**', '**/runner/**', '**/node/**', 'zod', 'zod/*'], message: 'src/protocol is the wire contract: it imports nothing but itself.' },
          { group: nodeBuiltins, message: 'src/protocol runs in the client and the server alike: no Node modules.' },
        ],
      }],
    },
  },
  {
    // The core's Host on Node: it may use the core, the protocol and Node, never the server, client, CLI or runner
    // (which all build on it).
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*', 'vscode/*', '**/server/**', '**/client/**', '**/cli/**', '**/runner/**'], message: 'src/node is shared by the CLI and the server: it imports only the core, the protocol and Node.' },
        ],
      }],
    },
  },
  {
    // Snippet runs, shared by `signoff run` and the editor's runner (bundled into the client): the protocol, the
    // pure core modules it shares with the rules (snippet syntax, run records) and src/node's process and file helpers; never
    // VS Code, the LSP libraries, the server or the CLI.
    files: ['src/runner/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*', 'vscode/*', '**/server/**', '**/client/**', '**/cli/**'], message: 'src/runner is shared by the CLI and the client: it imports only the protocol, src/node, Node and the pure core modules it shares.' },
          { regex: '(^|/)core(/(?!snippet-syntax$|runs(/|$)|host$|text/sanitize$).*)?$', message: 'src/runner is bundled into the client: of the core, only the small pure modules it shares with the rules (core/snippet-syntax.ts, core/runs/: run records and snippet semantics, the Host type), never zod or remark.' },
          { group: ['zod', 'zod/*', 'unified', 'remark-*', 'micromark*', 'mdast*'], message: 'src/runner is bundled into the client: no parser or schema libraries.' },
        ],
      }],
    },
  },
);
