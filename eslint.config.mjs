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
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-languageclient*', '**/core/**', '**/server/**', '**/client/**', 'zod', 'zod/*'], message: 'Protocol types are shared by client and server and import neither.' },
        ],
      }],
    },
  },
);
