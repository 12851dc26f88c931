/**
 * A drop-in for micromark-util-character, bundled in its place (esbuild.mjs): the same twelve checks, answered for
 * ASCII from tables built once instead of `regex.test(String.fromCharCode(code))` on every character. micromark
 * asks these questions several times per character of every document; the regex form allocated a one-character
 * string per call and was the largest single function in a keystroke profile (8%). Beyond ASCII the original
 * regexes answer, so the results are identical for every code (an exhaustive test compares both over all codes).
 */
type Code = number | null;

function table(regex: RegExp): (code: Code) => boolean {
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = regex.test(String.fromCharCode(c)) ? 1 : 0;
  return (code) => code !== null && code > -1 && (code < 128 ? ascii[code] === 1 : regex.test(String.fromCharCode(code)));
}

export const asciiAlpha = table(/[A-Za-z]/);
export const asciiAlphanumeric = table(/[\dA-Za-z]/);
export const asciiAtext = table(/[#-'*+\--9=?A-Z^-~]/);
export const asciiDigit = table(/\d/);
export const asciiHexDigit = table(/[\dA-Fa-f]/);
export const asciiPunctuation = table(/[!-/:-@[-`{-~]/);
export const unicodePunctuation = table(/\p{P}|\p{S}/u);
export const unicodeWhitespace = table(/\s/);

/** C0 controls and DEL, and micromark's virtual codes for tabs and line endings (negative). */
export function asciiControl(code: Code): boolean {
  return code !== null && (code < 32 || code === 127);
}

export function markdownLineEnding(code: Code): boolean {
  return code !== null && code < -2;
}

export function markdownLineEndingOrSpace(code: Code): boolean {
  return code !== null && (code < 0 || code === 32);
}

export function markdownSpace(code: Code): boolean {
  return code === -2 || code === -1 || code === 32;
}
