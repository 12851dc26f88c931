/**
 * Text that came from a document, a file name or a config, made safe to print where a person or a CI runner reads it.
 *
 * A GitHub runner executes any stdout line starting with `::` as a workflow command, and a terminal obeys ESC/OSC/CSI
 * sequences. So every control character (C0 except tab, DEL, C1) and the Unicode line and paragraph separators are
 * shown escaped: `\n`, `\r`, `\t` stays a tab, `\x1b`, `\u2028`. The result is always one line, and a backslash
 * is left as it is (the escapes are for reading, not for round-tripping).
 */

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };

// C0 controls except tab, DEL, C1 controls, line/paragraph separators, and the bidi overrides that reorder a line.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One printable line: control characters escaped. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? hex(c));
}

/** True when the text holds nothing `escapeControl` would change. */
export function isPrintable(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return !found;
}

function hex(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
