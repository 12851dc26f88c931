/**
 * `extends` in `.signoff.json`: the configurations a file builds on, merged before validation. Merge order: each
 * entry of `extends` in the order written (itself expanded first, recursively), then the file's own settings; a
 * later source wins. Objects (`rules`, `statuses`, `evidence`, ...) merge key by key; arrays (`include`, `exclude`,
 * `requiredSections`, ...) and scalars are replaced whole. Reading files is the host's (the resolver), so this stays pure.
 */
export interface ResolvedConfig {
  /** The JSONC text of the base configuration. */
  text: string;
  /** Where it came from (shown in messages; also the base for its own relative `extends`). */
  source: string;
  /** Resolves `extends` entries written in that file, relative to it. */
  resolver: ExtendsResolver;
}

/** Resolves one `extends` entry (a relative path or a package name); a string is the reason it could not. */
export type ExtendsResolver = (spec: string) => ResolvedConfig | string;

type Parse = (text: string) => { value: unknown } | { error: string; offset: number };
type Resolved = { value: Record<string, unknown> } | { error: string };

const MAX_DEPTH = 10;
/** Files one configuration may pull in, counting each once (a diamond of extends is read once, not 6^9 times). */
export const MAX_EXTENDS_FILES = 64;
/** Bytes of configuration text read in all, the file itself aside. */
export const MAX_EXTENDS_BYTES = 4 * 1024 * 1024;

/** What one resolution has read so far: each file resolved once (memo), within the caps above. */
interface Budget {
  memo: Map<string, Resolved>;
  bytes: number;
}

export function resolveExtends(json: Record<string, unknown>, resolver: ExtendsResolver | undefined, parse: Parse, seen: string[] = [], budget: Budget = { memo: new Map(), bytes: 0 }): Resolved {
  const { extends: ext, ...own } = json;
  if (ext === undefined) return { value: own };
  const specs = typeof ext === 'string' ? [ext] : Array.isArray(ext) && ext.every((e) => typeof e === 'string') ? (ext as string[]) : undefined;
  if (!specs) return { error: 'must be a string or an array of strings' };
  if (!resolver) return { error: 'cannot be followed here' };
  let merged: Record<string, unknown> = {};
  for (const spec of specs) {
    const base = resolver(spec);
    if (typeof base === 'string') return { error: base };
    if (seen.includes(base.source) || seen.length >= MAX_DEPTH) return { error: `${[...seen, base.source].join(' -> ')} is a cycle or too deep` };
    let inner = budget.memo.get(base.source);
    if (!inner) {
      if (budget.memo.size >= MAX_EXTENDS_FILES) return { error: `more than ${MAX_EXTENDS_FILES} files are extended (the cap)` };
      budget.bytes += base.text.length;
      if (budget.bytes > MAX_EXTENDS_BYTES) return { error: `the extended files hold more than ${MAX_EXTENDS_BYTES / (1024 * 1024)} MiB in all (the cap)` };
      inner = resolveOne(base, parse, [...seen, base.source], budget);
      budget.memo.set(base.source, inner);
    }
    if ('error' in inner) return inner;
    merged = mergeConfig(merged, inner.value);
  }
  return { value: mergeConfig(merged, own) };
}

function resolveOne(base: ResolvedConfig, parse: Parse, seen: string[], budget: Budget): Resolved {
  const parsed = parse(base.text.replace(/^\uFEFF/, ''));
  if ('error' in parsed) return { error: `${base.source} is not valid JSON (${parsed.error})` };
  if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return { error: `${base.source} is not a JSON object` };
  return resolveExtends(parsed.value as Record<string, unknown>, base.resolver, parse, seen, budget);
}

/** `over` on top of `base`: plain objects merge recursively; everything else in `over` replaces. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? mergeConfig(b, v) : v;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
