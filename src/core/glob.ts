/** Minimal glob matching for include/exclude settings: `**`, `*`, `?`, `{a,b}`, `[abc]`. Paths use `/`. */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = glob[i + 2] === '/' || i + 2 === glob.length;
        if (atSegmentStart && atSegmentEnd) {
          re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
          i += glob[i + 2] === '/' ? 2 : 1;
          continue;
        }
        i++;
        re += '[^/]*';
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') { inGroup++; re += '(?:'; }
    else if (c === '}' && inGroup) { inGroup--; re += ')'; }
    else if (c === ',' && inGroup) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close > i) { re += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']'; i = close; }
      else re += '\\[';
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  const out = new RegExp('^' + re + '$');
  cache.set(glob, out);
  return out;
}

export function matchesAny(path: string, globs: readonly string[]): boolean {
  const p = path.replace(/^\.\//, '');
  return globs.some((g) => globToRegExp(g.replace(/^\.\//, '')).test(p));
}

export function isGlob(s: string): boolean {
  return /[*?{[]/.test(s);
}
