/**
 * Glob matching for include/exclude settings and CLI arguments, by picomatch (POSIX paths, `/` separators): globs
 * are user input, so negation (`!`), escapes, classes (`[a-z]`, `[[:alpha:]]`), braces and extglobs behave as in
 * the other tools people write them for. Dotfiles match like any file (`docs/**` covers `docs/.drafts/x.md`).
 */
import picomatch from 'picomatch/posix';

const OPTIONS = { dot: true } as const;
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    // `[!a-z]` is the shell's (and .gitignore's) negated class; picomatch reads only `[^a-z]` as one.
    re = picomatch.makeRe(glob.replace(/^\.\//, '').replace(/(^|[^\\])\[!/g, '$1[^'), OPTIONS);
    cache.set(glob, re);
  }
  return re;
}

export function matchesAny(path: string, globs: readonly string[]): boolean {
  const p = path.replace(/^\.\//, '');
  return globs.some((g) => globToRegExp(g).test(p));
}

export function isGlob(s: string): boolean {
  return picomatch.scan(s).isGlob;
}
