/**
 * The mojibake scanner and repair (src/core/fixes/mojibake.ts). Damage is made here with the platform's own
 * WHATWG decoders ('macintosh', 'windows-1252'), independent of the core's tables, so a wrong table entry fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findMojibake, repairMojibake } from '../../src/core/fixes/mojibake';
import { MAC_ROMAN, WINDOWS_1252 } from '../../src/core/fixes/codepages';
import { checkText, makeTree, SHARED } from '../helpers/engine';
import { runCli } from '../helpers/cli';

const utf8 = new TextEncoder();
const asMacRoman = (s: string) => new TextDecoder('macintosh').decode(utf8.encode(s));
/**
 * Windows-1252 bytes 0x80..0x9F per the WHATWG Encoding Standard (index-windows-1252), written out here because
 * Node's TextDecoder('windows-1252') decodes them as Latin-1; 0xA0..0xFF are Latin-1.
 */
const WIN1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];
const win1252Char = (b: number) => String.fromCharCode(b >= 0x80 && b < 0xa0 ? WIN1252_80_9F[b - 0x80] : b);
const asWindows1252 = (s: string) => Array.from(utf8.encode(s), win1252Char).join('');
/** Latin-1 proper: bytes 0x80..0x9F become C1 controls (a cruder decoder than Windows-1252). */
const asLatin1 = (s: string) => String.fromCharCode(...utf8.encode(s));

const ORIGINALS = [
  '# Release ✅ ready → ship ⚠️ careful 🔴 stop 🟡 wait 🟢 go 🚦\n',
  '- ❌ **NO-GO**: failures\r\n- ✅ **GO**: passes\r\n',
  'Café, naïve, façade, Noël, São Paulo, ¿Qué?, größer — “quoted” … ©2025 ≤ ≥ ± €\n',
  'Keycap 1️⃣, family 👨‍👩‍👧, flag 🇫🇷, CJK 日本語, Cyrillic Привет мир, Greek Ελληνικά, Hebrew שלום\n',
  '🏗️ Build 🧪 Test 📋 Docs 🔧 Fix 🧠 Memory 🔗 Links 🔄 Retry 🚀 Ship 📊 Stats 🚨 Alert 📢 Announce 📝 Notes 🔍 🎯 📈\n',
  '`debug-failures` → `view-failures`, ✓ ✗ ─ │ ├ └ ⭐\n',
  '✅', // a whole text that is one run, at both ends
];

test('the code-page tables agree with the platform decoders for every byte 0x80..0xFF', () => {
  for (let b = 0x80; b <= 0xff; b++) {
    const mac = new TextDecoder('macintosh').decode(Uint8Array.of(b));
    assert.equal(MAC_ROMAN.byteOf(mac.charCodeAt(0)), b, `Mac OS Roman byte ${b.toString(16)} (${mac})`);
    const win = win1252Char(b);
    assert.equal(WINDOWS_1252.byteOf(win.charCodeAt(0)), b, `Windows-1252 byte ${b.toString(16)} (${win})`);
  }
  assert.equal(MAC_ROMAN.byteOf('A'.charCodeAt(0)), undefined, 'ASCII is not a damaged character');
});

for (const [name, damage] of [['Mac OS Roman', asMacRoman], ['Windows-1252', asWindows1252], ['Latin-1', asLatin1]] as const) {
  test(`text damaged through ${name} is repaired byte for byte`, () => {
    for (const original of ORIGINALS) {
      const damaged = damage(original);
      assert.notEqual(damaged, original);
      const repaired = repairMojibake(damaged);
      assert.deepEqual(utf8.encode(repaired), utf8.encode(original), `repair of ${JSON.stringify(damaged)}`);
      assert.equal(repairMojibake(repaired), repaired, 'repairing again changes nothing');
      assert.deepEqual(findMojibake(repaired), [], 'no damage left');
    }
  });
}

test('runs are reported with exact offsets, one per group of adjacent damaged characters', () => {
  const text = `ok ${asMacRoman('✅')} and ${asMacRoman('⚠️')}! ${asWindows1252('❌')}`;
  const runs = findMojibake(text);
  assert.deepEqual(
    runs.map((r) => [text.slice(r.start, r.end), r.repaired, r.encoding]),
    [
      ['‚úÖ', '✅', 'Mac OS Roman'],
      ['‚ö†Ô∏è', '⚠️', 'Mac OS Roman'],
      ['â\u009dŒ', '❌', 'Windows-1252'],
    ],
  );
});

test('the invisible U+F8FF that starts a damaged 4-byte emoji is part of its run', () => {
  const damaged = asMacRoman('🔴');
  assert.equal(damaged, '\uf8ffüî¥');
  const [run] = findMojibake(`a ${damaged} b`);
  assert.deepEqual([run.start, run.end, run.repaired], [2, 6, '🔴']);
});

test('damaged runs next to good non-ASCII text are repaired without touching it', () => {
  const text = `é${asMacRoman('✅')}ü → ${asWindows1252('✅')}ß 🔴`;
  assert.equal(repairMojibake(text), 'é✅ü → ✅ß 🔴');
});

test('nothing is repaired in legitimate text', () => {
  const good = [
    'l’été, d’où, «Ça va», ‹ça›, “É”, –é, —à',
    'naïve café crème brûlée, Ærø, Œuvre, Ångström, São, Ação, Ñandú, ¿Qué? ¡Sí!',
    '„Über“ größer Straße Äpfel Öl',
    '© 2025 ® ™ ≤ 5 ≥ 1 ± 0.5 ≈ π ∞ ∑ ∂ µ ° € £ ¥ § ¶ † • … – — ÷ ◊ √2 ∆x',
    '✅ ❌ ⚠️ 🔴 🟡 🟢 🚦 → ← ↔ ⭐ 🚀 ✓ ✗ ─ │ ├ └ 👨‍👩‍👧 🇫🇷',
    'Привет мир, Ελληνικά, 日本語, עברית, العربية',
    // A damaged sequence cut short decodes to nothing: left alone.
    '‚ú alone, Ã at the end Ã',
  ];
  for (const text of good) assert.deepEqual(findMojibake(text).map((r) => r.damaged), [], text);
});

test('property: any mix of emoji, symbols, accents and words round-trips through either code page', () => {
  const pieces = ['✅', '❌', '⚠️', '🔴', '→', '🚦', '🏗️', 'é', 'ü', 'ß', 'ñ', 'Ωμέγα', '日本', 'Привет', '©', '≤', '…', '—', ' ', 'ok', '\n', '\r\n', 'a', '1️⃣'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.boolean(), (parts, mac) => {
      const original = parts.join('');
      const damaged = mac ? asMacRoman(original) : asWindows1252(original);
      return repairMojibake(damaged) === original;
    }),
    { numRuns: 300 },
  );
});

const CORPUS = join(SHARED, 'corpus', 'lighthouse');
test('no damage found in the real certificate corpus', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.md')) files.push(join(dir, e.name));
    }
  };
  walk(CORPUS);
  assert.ok(files.length >= 100, `corpus has ${files.length} files`);
  const damaged = files.filter((f) => findMojibake(readFileSync(f, 'utf8')).length > 0);
  assert.deepEqual(damaged, []);
});

test('the rule offers safe repairs, and only unsafe ones in a file that is not valid UTF-8', async () => {
  const text = `# Release Checklist\n\n### Phase 1: Build\n- [ ] **Compile**: ${asMacRoman('✅')} and ${asMacRoman('🔴')}\n`;
  const valid = (await checkText('docs/c.md', text)).filter((f) => f.ruleId === 'encoding-mojibake');
  assert.deepEqual(valid.map((f) => f.fixes?.map((x) => [x.title, x.safe])), [
    [['Repair to "✅"', true], ['Repair all 2 damaged runs in this file', true]],
    [['Repair to "🔴"', true], ['Repair all 2 damaged runs in this file', true]],
  ]);
  const invalid = (await checkText('docs/c.md', text, { decoded: { bom: false, binary: false, invalidUtf8At: 3 } })).filter((f) => f.ruleId === 'encoding-mojibake');
  assert.equal(invalid.length, 2);
  assert.ok(invalid.every((f) => f.fixes?.every((x) => !x.safe)));
});

test('check --fix (the real CLI) leaves a damaged file that is not valid UTF-8 byte for byte as it was', () => {
  const bytes = Buffer.concat([
    Buffer.from(`# Release Checklist\n\n### Phase 1: Build\n- [ ] **Compile**: ${asMacRoman('✅')}\n- [ ] **Caf`, 'utf8'),
    Buffer.from([0xe9]), // Latin-1 é: not UTF-8
    Buffer.from('**: done\n', 'utf8'),
  ]);
  const root = makeTree({ 'c.md': bytes });
  const r = runCli(['check', '--root', root, '--fix', '--format', 'json'], { cwd: root });
  const ids = (JSON.parse(r.stdout) as { files: { findings: { ruleId: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.ruleId));
  assert.ok(ids.includes('encoding-invalid') && ids.includes('encoding-mojibake'), ids.join(' '));
  assert.ok(readFileSync(join(root, 'c.md')).equals(bytes));
});

test('check --fix (the real CLI) repairs the lost-byte damage it is sure of and keeps a warning on the rest', () => {
  // `❌` lost its 9D (one emoji candidate: sure); a lone `â€` could be `”`, `‐` and more: not sure.
  const text = '# Release Checklist\n\n### Phase 1: Build\n- [ ] **Lint**: failed \u00e2\u0152 twice\n- [ ] **Notes**: a lone \u00e2\u20ac here\n';
  const root = makeTree({ 'c.md': text });
  const r = runCli(['check', '--root', root, '--fix', '--format', 'json'], { cwd: root });
  const after = readFileSync(join(root, 'c.md'), 'utf8');
  assert.ok(after.includes('failed \u274c twice'), after);
  assert.ok(after.includes('a lone \u00e2\u20ac here'), 'the ambiguous run is left as it was');
  const left = (JSON.parse(r.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] }).files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'encoding-mojibake');
  assert.equal(left.length, 1, 'fix-all never leaves damage behind silently');
  assert.match(left[0].message, /lost a byte Windows-1252 does not define; it was one of .*choose the repair/);
});

test('lost-byte damage: repaired when implied, ambiguous otherwise, real accented text untouched', () => {
  assert.equal(repairMojibake('He said \u00e2\u20ac\u0153yes\u00e2\u20ac and left.'), 'He said \u201cyes\u201d and left.');
  assert.equal(repairMojibake('done \u00e2\u0152'), 'done \u274c');
  const lone = findMojibake('a \u00e2\u20ac b');
  assert.equal(lone.length, 1);
  assert.equal(lone[0].ambiguous, true);
  assert.ok(lone[0].candidates!.includes('\u201d') && lone[0].candidates!.includes('\u2010'));
  assert.deepEqual(findMojibake('le café» servi, SÃO PAULO, Ã bientôt'), []);
});
