/**
 * package.json's contributions against the code: the generated config schema has not drifted, every contributed
 * command has a handler in the client, every `signoff.*` setting the code reads is declared, every rule id has its
 * docs page (diagnostics link to it), and the files the manifest points at exist.
 */
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigSchema, ENGINE_RULE_IDS, RULES } from '../../src/core/index';
import { SettingsSchema } from '../../src/server/settings';
import { SCHEMA_PATH, generateSchema } from '../../scripts/generate-schema';

const REPO = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const settings: Record<string, { type?: string; default?: unknown; description?: string; markdownDescription?: string }> = contributes.configuration.properties;

function sources(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push({ path: relative(REPO, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(join(REPO, dir));
  return out;
}

test('schemas/signoff.schema.json is what scripts/generate-schema.ts generates (run `npm run build` after changing the config schema or the rules)', () => {
  assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), generateSchema());
});

test('the generated schema describes the config: its keys, enums and rule ids', () => {
  const schema = JSON.parse(generateSchema());
  const configKeys = Object.keys(ConfigSchema.shape);
  assert.deepEqual(Object.keys(schema.properties).sort(), configKeys.sort());
  assert.equal(schema.additionalProperties, false, 'unknown top-level keys are flagged, as the strict zod schema does');
  for (const r of RULES) assert.ok(schema.properties.rules.properties[r.meta.id], `rule ${r.meta.id} is listed for completion`);
  assert.deepEqual(schema.properties.rules.properties[RULES[0].meta.id].allOf, [{ $ref: '#/definitions/ruleSetting' }]);
  assert.deepEqual(schema.definitions.ruleSetting.anyOf[0].enum, ['off', 'error', 'warning', 'info']);
  assert.equal(schema.required, undefined, 'every key is optional: {} is a full config');
});

test('every contributed command is in the Signoff category and has a handler registered in src/client', () => {
  const files = [...sources('src/client'), ...sources('src/protocol')];
  const constants = new Map<string, string>();
  for (const f of files) for (const m of f.text.matchAll(/const (\w+) = '(signoff\.[\w.]+)'/g)) constants.set(m[1], m[2]);
  const registered = new Set<string>();
  for (const f of sources('src/client')) {
    for (const m of f.text.matchAll(/register(?:TextEditor)?Command\(\s*(?:'([^']+)'|([\w.]+))/g)) {
      const id = m[1] ?? constants.get(m[2].split('.').pop()!);
      if (id) registered.add(id);
    }
  }
  assert.ok(contributes.commands.length >= 10);
  for (const c of contributes.commands) {
    assert.equal(c.category, 'Signoff', `${c.command} category`);
    assert.match(c.command, /^signoff\.[a-z][A-Za-z]+$/);
    assert.ok(c.title && !c.title.startsWith('Signoff'), `${c.command} has a title (the category adds the prefix)`);
    assert.ok(registered.has(c.command), `${c.command} has a registerCommand in src/client`);
  }
  const ids = new Set(contributes.commands.map((c: { command: string }) => c.command));
  for (const id of registered) if (id.startsWith('signoff.')) assert.ok(ids.has(id), `registered command ${id} is contributed`);
  for (const k of contributes.keybindings) assert.ok(ids.has(k.command), `keybinding for ${k.command}`);
  for (const [menu, entries] of Object.entries(contributes.menus as Record<string, { command: string }[]>)) {
    for (const e of entries) assert.ok(ids.has(e.command), `${menu} entry ${e.command}`);
  }
});

test('Toggle Task is Alt+C in Markdown editors and in the editor context menu', () => {
  const kb = contributes.keybindings.find((k: { command: string }) => k.command === 'signoff.toggleTask');
  assert.equal(kb.key, 'alt+c');
  assert.match(kb.when, /editorLangId == markdown/);
  assert.ok(contributes.menus['editor/context'].some((e: { command: string; when: string }) => e.command === 'signoff.toggleTask' && /markdown/.test(e.when)));
});

/** Settings the code reads: the server's zod settings schema, plus getConfiguration/get/affectsConfiguration literals. */
function settingsRead(): Set<string> {
  const read = new Set<string>();
  const leaves = (shape: Record<string, z.ZodType>, prefix: string) => {
    for (const [k, v] of Object.entries(shape)) {
      const json = z.toJSONSchema(v, { io: 'input' }) as { type?: string; properties?: object };
      if (json.type === 'object' && json.properties) leaves(unwrapObject(v).shape, `${prefix}${k}.`);
      else read.add(`${prefix}${k}`);
    }
  };
  leaves(SettingsSchema.shape, 'signoff.');
  // Keys may be literals or string constants (`const SETTING_TIMEOUT = 'run.timeoutSeconds'`).
  const files = sources('src');
  const constants = new Map<string, string>();
  for (const f of files) for (const m of f.text.matchAll(/const (\w+)\s*=\s*'([\w.]+)'/g)) constants.set(m[1], m[2]);
  for (const f of files) {
    let section = '';
    for (const m of f.text.matchAll(/getConfiguration\(\s*'(signoff[\w.]*)'|\.(?:get|inspect|update)(?:<[^>]*>)?\(\s*(?:'([\w.]+)'|([A-Z_][A-Z0-9_]*)\b)|affectsConfiguration\(\s*'(signoff[\w.]*)'/g)) {
      const key = m[2] ?? (m[3] ? constants.get(m[3]) : undefined);
      if (m[1]) section = m[1];
      else if (key && section) read.add(`${section}.${key}`);
      else if (m[4]) read.add(m[4]);
    }
  }
  return read;
}

function unwrapObject(t: z.ZodType): z.ZodObject {
  let cur: unknown = t;
  while (cur && !(cur instanceof z.ZodObject)) {
    const def = (cur as { def: { innerType?: unknown; in?: unknown } }).def;
    cur = def.innerType ?? def.in;
  }
  assert.ok(cur instanceof z.ZodObject);
  return cur;
}

test('every signoff.* setting read in src/ is declared in contributes.configuration, with a description', () => {
  const read = settingsRead();
  for (const s of ['signoff.enable', 'signoff.validate.debounceMs', 'signoff.evidence.git', 'signoff.defaultAgent', 'signoff.run.timeoutSeconds', 'signoff.run.stopOnFirstFailure']) assert.ok(read.has(s), `the scan sees ${s}`);
  for (const s of read) {
    const declared = settings[s] ?? Object.keys(settings).some((k) => k.startsWith(s + '.'));
    assert.ok(declared, `setting ${s} is read in src/ but not declared in package.json`);
  }
  for (const [name, decl] of Object.entries(settings)) {
    assert.match(name, /^signoff\.[a-z][\w.]*$/);
    assert.ok((decl.description ?? decl.markdownDescription ?? '').length > 20, `${name} has a description`);
    assert.ok('default' in decl, `${name} has a default`);
  }
  assert.deepEqual((settings['signoff.trace.server'] as { enum?: string[] }).enum, ['off', 'messages', 'verbose']);
});

test('the server settings defaults agree with the declared defaults', () => {
  const defaults = SettingsSchema.parse({}) as Record<string, unknown>;
  const flat = (o: Record<string, unknown>, p: string): [string, unknown][] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? flat(v as Record<string, unknown>, `${p}${k}.`) : [[`${p}${k}`, v] as [string, unknown]]));
  for (const [k, v] of flat(defaults, 'signoff.')) assert.deepEqual(settings[k]?.default, v, `${k} default`);
});

test('every rule id and engine finding id has its docs page (diagnostics link to it)', () => {
  const missing = [...RULES.map((r) => r.meta.id), ...ENGINE_RULE_IDS].filter((id) => !existsSync(join(REPO, 'docs/rules', `${id}.md`)));
  assert.deepEqual(missing, [], `docs/rules/<id>.md missing for: ${missing.join(', ')}`);
});

test('the manifest points at files that exist and declares what the extension needs', () => {
  for (const g of contributes.grammars) {
    assert.ok(existsSync(join(REPO, g.path)), g.path);
    const grammar = JSON.parse(readFileSync(join(REPO, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName);
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown\b/);
    assert.deepEqual(g.injectTo, ['text.html.markdown']);
  }
  for (const j of contributes.jsonValidation) assert.ok(existsSync(join(REPO, j.url)), j.url);
  assert.deepEqual(contributes.jsonValidation.map((j: { fileMatch: string }) => j.fileMatch), ['.signoff.json']);
  assert.ok(existsSync(join(REPO, pkg.icon)), pkg.icon);
  const png = readFileSync(join(REPO, pkg.icon));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'icon is 128x128');
  assert.equal(pkg.main, './dist/extension.js');
  // Markdown opened, or a workspace with a config file or Markdown in it (diagnostics with no file open); commands
  // add their own onCommand events.
  assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown', 'workspaceContains:.signoff.json', 'workspaceContains:**/*.md']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  for (const s of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(settings[s], `restricted ${s} is a setting`);
  assert.match(pkg.repository.url, /^https:\/\//);
});

test('the client never imports the core, the server, zod or remark (the bundle must stay small)', () => {
  for (const f of sources('src/client')) {
    for (const m of f.text.matchAll(/(?:from|import|require\()\s*'([^']+)'/g)) {
      const spec = m[1];
      const target = spec.startsWith('.') ? relative(REPO, resolve(REPO, dirname(f.path), spec)) : spec;
      assert.doesNotMatch(target, /^src\/(core|server|cli|node)(\/|$)|^(zod|remark|unified|micromark|mdast)/, `${f.path} imports ${spec}`);
    }
  }
});

test('every bundle esbuild.mjs builds is in the .vsix (.vscodeignore is an allowlist), and the client requires only those', () => {
  const outfiles = [...readFileSync(join(REPO, 'esbuild.mjs'), 'utf8').matchAll(/outfile: '(dist\/[\w.-]+\.js)'/g)].map((m) => m[1]);
  assert.ok(outfiles.includes('dist/extension.js') && outfiles.includes('dist/language-client.js') && outfiles.includes('dist/server.js'), outfiles.join(', '));
  const allowed = readFileSync(join(REPO, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!dist/')).map((l) => l.slice(1));
  assert.deepEqual([...allowed].sort(), [...outfiles].sort());
  // Files the client reaches at run time by path: the deferred language client, the deferred runner, the server, and the CLI (its MCP server).
  const runtime = sources('src/client').flatMap((f) => [...f.text.matchAll(/(?:join\(__dirname, |asAbsolutePath\()'((?:dist\/)?[\w.-]+\.js)'/g)].map((m) => (m[1].startsWith('dist/') ? m[1] : `dist/${m[1]}`)));
  assert.deepEqual([...new Set(runtime)].sort(), ['dist/cli.js', 'dist/language-client.js', 'dist/runner.js', 'dist/server.js']);
  for (const r of runtime) assert.ok(outfiles.includes(r), `${r} is built by esbuild.mjs`);
});

test('the .vsix ships every rule page: the rule-id link of a diagnostic opens it offline (vsce ls, the real packager)', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const listed = new Set(r.stdout.split('\n').map((l) => l.trim()));
  const missing = [...RULES.map((x) => x.meta.id), ...ENGINE_RULE_IDS].filter((id) => !listed.has(`docs/rules/${id}.md`));
  assert.deepEqual(missing, [], 'docs/rules pages not in the .vsix');
});
