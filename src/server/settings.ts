/**
 * The `signoff.*` editor settings the server reads, fetched per resource through `workspace/configuration` and
 * validated here. A wrong value falls back to its default on its own (the others still apply). Cached per resource
 * until the client says the configuration changed; never kept in globals beyond that cache.
 */
import { z } from 'zod';

export const SETTINGS_SECTION = 'signoff';

export const SettingsSchema = z.object({
  /** Validation, links, hovers, code actions and code lenses for this resource. Outline and folding stay. */
  enable: z.boolean().catch(true).default(true),
  validate: z
    .object({ debounceMs: z.number().int().min(0).max(10_000).catch(200).default(200) })
    .catch({ debounceMs: 200 })
    .default({ debounceMs: 200 }),
  evidence: z
    .object({ git: z.boolean().catch(true).default(true) })
    .catch({ git: true })
    .default({ git: true }),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Validates what the client sent (anything: null, a wrong type, extra keys). */
export function parseSettings(value: unknown): Settings {
  const r = SettingsSchema.safeParse(value && typeof value === 'object' ? value : {});
  return r.success ? r.data : DEFAULT_SETTINGS;
}

/** Per-resource cache in front of a fetch function (the `workspace/configuration` request). */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(private readonly fetch: (scopeUri: string) => Promise<unknown>, private readonly onError: (e: unknown) => void) {}

  get(scopeUri: string): Promise<Settings> {
    let hit = this.cache.get(scopeUri);
    if (!hit) {
      hit = this.fetch(scopeUri).then(parseSettings, (e) => {
        this.onError(e);
        this.cache.delete(scopeUri); // try again next time
        return DEFAULT_SETTINGS;
      });
      this.cache.set(scopeUri, hit);
    }
    return hit;
  }

  delete(scopeUri: string): void {
    this.cache.delete(scopeUri);
  }

  clear(): void {
    this.cache.clear();
  }
}
