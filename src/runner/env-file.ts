/**
 * `{env=.env.staging}`: a dotenv-style file of `KEY=value` lines added to a snippet's environment. Blank lines and
 * `#` comments are skipped, `export KEY=value` is accepted, values may be single- or double-quoted (double quotes
 * understand `\n`); nothing is expanded or executed.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const q = /^(["'])(.*?)\1(?:\s+#.*)?$/.exec(value);
    if (q) value = q[1] === '"' ? q[2].replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : q[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    out[m[1]] = value;
  }
  return out;
}
