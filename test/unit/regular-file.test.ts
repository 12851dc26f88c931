/** readRegularFile (src/node/regular-file.ts) on real FIFOs, links and large sparse files: refused, never blocked on. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegularFile, readRegularFileSync, regularFileProblem } from '../../src/node/regular-file';

const dir = mkdtempSync(join(tmpdir(), 'signoff-regular-'));
const fifo = join(dir, 'pipe');
execFileSync('mkfifo', [fifo]);
writeFileSync(join(dir, 'a.txt'), 'hello');
symlinkSync(fifo, join(dir, 'to-pipe'));
symlinkSync(join(dir, 'a.txt'), join(dir, 'to-a'));
writeFileSync(join(dir, 'big'), '');
truncateSync(join(dir, 'big'), 64 * 1024 * 1024);

test('a FIFO (directly or through a link) is refused without opening it', async () => {
  for (const f of [fifo, join(dir, 'to-pipe')]) {
    const sync = readRegularFileSync(f);
    assert.ok(!('bytes' in sync) && sync.special === 'a FIFO', JSON.stringify(sync));
    const async = await readRegularFile(f);
    assert.ok(!('bytes' in async) && async.special === 'a FIFO');
    assert.equal(regularFileProblem(f), `${f}: not a regular file (a FIFO), not read`);
  }
});

test('a regular file is read; over maxBytes it is not; noFollow refuses a link', async () => {
  const ok = readRegularFileSync(join(dir, 'a.txt'));
  assert.ok('bytes' in ok && Buffer.from(ok.bytes).toString() === 'hello');
  const viaLink = await readRegularFile(join(dir, 'to-a'));
  assert.ok('bytes' in viaLink);
  const big = readRegularFileSync(join(dir, 'big'), { maxBytes: 1024 });
  assert.ok(!('bytes' in big) && big.tooLarge === 64 * 1024 * 1024);
  const noFollow = readRegularFileSync(join(dir, 'to-a'), { noFollow: true });
  assert.ok(!('bytes' in noFollow) && noFollow.error === 'ELOOP', JSON.stringify(noFollow));
  assert.equal(regularFileProblem(join(dir, 'missing')), `${join(dir, 'missing')}: cannot read (ENOENT)`);
  assert.equal(regularFileProblem(join(dir, 'a.txt')), undefined);
});
