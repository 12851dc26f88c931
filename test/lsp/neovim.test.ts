/**
 * A real non-VS Code client: headless Neovim (Debian's package; .ci/run installs it) runs test/lsp/neovim/
 * lsp-check.lua against `signoff lsp --stdio`: diagnostics with rule ids, go to definition on an evidence reference,
 * and toggling a task through a code action and through the server's command. Then README's Neovim snippets, each
 * as a user's init.lua (the 0.8+ one skips, saying so, on an older Neovim). Skips, saying so, when nvim is absent on
 * a developer's machine; under CI it must be there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ensureBuilt, makeWorkspace } from './client';
import { certificate, checklist, PAY_PY } from './fixtures';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.status !== 0 ? 'nvim is not installed (apt-get install neovim; .ci/run does)' : false;

test('Neovim: diagnostics with rule ids, definition on evidence, a task toggled by code action and by command', { skip: process.env.CI ? false : missing, timeout: 120_000 }, () => {
  assert.equal(nvim.status, 0, 'CI installs Neovim (.ci/run)');
  ensureBuilt();
  const ws = makeWorkspace({
    'src/pay.py': PAY_PY,
    'certs/pay.md': certificate({ extra: '# A SECOND TITLE' }),
    'ops/deploy.md': checklist(),
  });
  try {
    const out = join(mkdtempSync(join(tmpdir(), 'signoff-nvim-')), 'out.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(__dirname, 'neovim', 'lsp-check.lua')}`], {
      env: { ...process.env, SIGNOFF_WS: ws.root, SIGNOFF_SERVER: CLI, SIGNOFF_OUT: out },
      encoding: 'utf8',
      timeout: 90_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(readFileSync(out, 'utf8')) as {
      error?: string;
      diagnostics: { code: string; line: number; severity: number; source: string }[];
      definition: { uri: string; range: { start: { line: number }; end: { line: number } } } | null;
      jumped?: { file: string; line: number };
      actions: string[];
      afterAction: string;
      afterCommand: string;
    };
    assert.equal(seen.error, undefined, seen.error);
    const title = seen.diagnostics.find((d) => d.code === 'cert-title');
    assert.ok(title, `a cert-title diagnostic: ${JSON.stringify(seen.diagnostics)}`);
    assert.equal(title.source, 'signoff');
    assert.equal(title.severity, 1);
    assert.equal(title.line, certificate({ extra: '# A SECOND TITLE' }).split('\n').indexOf('# A SECOND TITLE'));
    assert.ok(seen.definition, 'definition answered');
    assert.ok(seen.definition.uri.endsWith('/src/pay.py'), seen.definition.uri);
    assert.deepEqual([seen.definition.range.start.line, seen.definition.range.end.line], [0, 3]);
    assert.ok(seen.jumped!.file.endsWith('/src/pay.py'), 'gd opened the cited file');
    assert.equal(seen.jumped!.line, 1);
    assert.ok(seen.actions.includes('Check task'), JSON.stringify(seen.actions));
    assert.equal(seen.afterAction, '- [x] Build the archive');
    assert.equal(seen.afterCommand, '- [x] **Deploy**: push it');
  } finally {
    ws.dispose();
  }
});

/** README's Neovim snippets (under "Other editors"): each version's setup, then the shared keymap. */
function readmeSnippets(): { setups: { setup: string; minor: number }[]; keymap?: string } {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Other editors'), readme.indexOf('## Configuration'));
  const lua = [...section.matchAll(/```lua\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  const keymap = lua.find((b) => b.includes('vim.keymap.set'));
  const setups = lua.filter((b) => b !== keymap).map((setup) => ({ setup, minor: setup.includes('vim.lsp.start(') ? 8 : 7 }));
  return { setups, keymap };
}

const installedMinor = Number(/NVIM v0\.(\d+)/.exec(nvim.stdout ?? '')?.[1] ?? 0);

const { setups, keymap } = readmeSnippets();
for (const snippet of setups) {
  const tooOld = !missing && installedMinor < snippet.minor ? `README's Neovim 0.${snippet.minor}+ snippet needs Neovim 0.${snippet.minor} or later (installed: 0.${installedMinor})` : false;
  test(`README's Neovim 0.${snippet.minor}${snippet.minor === 8 ? '+' : ''} snippet as init.lua: diagnostics, and <leader>x toggles a task`, { skip: (process.env.CI ? false : missing) || tooOld, timeout: 120_000 }, () => {
    assert.equal(nvim.status, 0, 'CI installs Neovim (.ci/run)');
    ensureBuilt();
    assert.ok(keymap, 'README shows the toggle keymap');
    assert.match(snippet.setup, /cmd = \{ 'signoff', 'lsp', '--stdio' \}/);
    const ws = makeWorkspace({ 'src/pay.py': PAY_PY, 'certs/pay.md': certificate({ extra: '# A SECOND TITLE' }), 'ops/deploy.md': checklist() });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'signoff-nvim-init-'));
      // `signoff` on PATH is this checkout's CLI, the way `npm install -g signoff` provides it.
      writeFileSync(join(dir, 'signoff'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
      chmodSync(join(dir, 'signoff'), 0o755);
      writeFileSync(join(dir, 'init.lua'), `${snippet.setup}\n${keymap}\n`);
      const out = join(dir, 'out.json');
      const r = spawnSync('nvim', ['--headless', '-u', join(dir, 'init.lua'), '-i', 'NONE', '-c', `luafile ${join(__dirname, 'neovim', 'readme-check.lua')}`], {
        cwd: ws.root,
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, SIGNOFF_WS: ws.root, SIGNOFF_OUT: out, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir },
        encoding: 'utf8',
        timeout: 90_000,
      });
      assert.equal(r.status, 0, r.stderr);
      const seen = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; codes: string[]; afterToggle: string };
      assert.equal(seen.error, undefined, seen.error);
      assert.ok(seen.codes.includes('cert-title'), JSON.stringify(seen.codes));
      assert.equal(seen.afterToggle, '- [x] Build the archive');
    } finally {
      ws.dispose();
    }
  });
}
