/**
 * Stands in for `semver/functions/parse` and `semver/functions/satisfies` in the client bundle (esbuild.mjs
 * redirects them here). vscode-languageclient uses them once, to check `vscode.version` against a caret range
 * (`^1.82.0`); the full semver package is 20 KB of the 300 KB client budget. Anything other than `^X.Y.Z` throws,
 * so a library update that needs more fails loudly at start instead of passing silently.
 */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parse(text: string | Version): Version | null {
  if (typeof text !== 'string') return text;
  const m = VERSION.exec(text.trim());
  return m ? { major: +m[1], minor: +m[2], patch: +m[3], prerelease: m[4] ? m[4].split('.') : [] } : null;
}

export function satisfies(version: string | Version, range: string): boolean {
  const v = parse(version);
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!m) throw new Error(`semver-lite: unsupported range ${range}`);
  if (!v) return false;
  const [major, minor, patch] = [+m[1], +m[2], +m[3]];
  if (v.prerelease.length) return false;
  if (v.major !== major) return false;
  if (major === 0 && minor === 0) return v.minor === 0 && v.patch === patch;
  if (major === 0) return v.minor === minor && v.patch >= patch;
  return v.minor > minor || (v.minor === minor && v.patch >= patch);
}
