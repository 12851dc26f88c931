/** Every `.md` file under a directory, sorted, recursively (none when the directory is absent: ../shared may be). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function mdFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) mdFiles(p, out);
    else if (n.endsWith('.md')) out.push(p);
  }
  return out;
}
