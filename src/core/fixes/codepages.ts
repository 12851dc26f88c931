/**
 * The two single-byte code pages through which UTF-8 text gets damaged in the wild (format.md, "Encoding
 * damage"): Mac OS Roman and Windows-1252. Written out here (no iconv, no Buffer: the core is pure) as the
 * characters of bytes 0x80..0xFF; bytes below 0x80 are ASCII in both.
 */

export interface CodePage {
  name: string;
  /** Byte value of a character in this code page, or undefined when the character has none. ASCII excluded. */
  byteOf(code: number): number | undefined;
}

/** Mac OS Roman, bytes 0x80..0xFF (Apple's mapping; 0xF0 is the Apple logo, the private-use U+F8FF). */
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü' +
  '†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ' +
  '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

/**
 * Other characters some Mac OS Roman decoders produce for the same bytes (older tables: 0xDB as the currency
 * sign; Ω as the ohm sign, ∆ as Greek delta, µ as Greek mu).
 */
const MAC_ROMAN_ALIASES: Record<number, number> = { 0x00a4: 0xdb, 0x2126: 0xbd, 0x0394: 0xc6, 0x03bc: 0xb5 };

/**
 * Windows-1252, bytes 0x80..0x9F; 0xA0..0xFF are Latin-1. The five bytes Windows-1252 leaves undefined (0x81,
 * 0x8D, 0x8F, 0x90, 0x9D) decode, in the decoders that produce this damage, to the C1 control of the same value,
 * so they are written that way here: `❌` (E2 9D 8C) becomes `â\u009DŒ`.
 */
const CP1252_80_9F =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F' +
  '\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function table(high: string, aliases: Record<number, number>): Map<number, number> {
  if (high.length !== 128) throw new Error(`code page table has ${high.length} characters, not 128`);
  const map = new Map<number, number>();
  for (let i = 0; i < 128; i++) map.set(high.charCodeAt(i), 0x80 + i);
  for (const [code, byte] of Object.entries(aliases)) if (!map.has(Number(code))) map.set(Number(code), byte);
  return map;
}

const macRomanMap = table(MAC_ROMAN_HIGH, MAC_ROMAN_ALIASES);

// Latin-1 decoding of 0x80..0x9F (the C1 controls) is accepted too: it is the same damage with a cruder decoder.
const cp1252Aliases: Record<number, number> = {};
for (let b = 0x80; b < 0xa0; b++) cp1252Aliases[b] = b;
let latin1 = '';
for (let b = 0xa0; b <= 0xff; b++) latin1 += String.fromCharCode(b);
const cp1252Map = table(CP1252_80_9F + latin1, cp1252Aliases);

export const MAC_ROMAN: CodePage = { name: 'Mac OS Roman', byteOf: (code) => macRomanMap.get(code) };
export const WINDOWS_1252: CodePage = { name: 'Windows-1252', byteOf: (code) => cp1252Map.get(code) };

/** The characters of bytes 0x80..0xFF in each code page, for tests that damage text on purpose. */
export const HIGH_CHARS = { macRoman: MAC_ROMAN_HIGH, windows1252: CP1252_80_9F + latin1 } as const;
