/**
 * A data directory holding an out-of-range clock offset, as an older regd
 * left it after `clock advance 1000000000d` (every later start then failed),
 * opens through the real CLI (issue 12, item 2): the offset is put back to
 * where the clock stood when it was written, with a warning, once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { runCli } from './support.ts';

describe('CLI: a data directory holding an out-of-range clock offset', { timeout: 280_000 }, () => {
  let root: string;
  let dir: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'regd-clock-repair-'));
    dir = join(root, 'data');
    const store = await openStore({ dataDir: join(dir, 'pglite') });
    try {
      // What `clock advance 1000000000d` stored (8.64e16 ms), written when the clock stood at 2030-01-01.
      await store.db.insertInto('settings').values({ key: 'clock.offset_ms', value: '86400000000000000', updated_at: new Date('2030-01-01T00:00:00Z') }).execute();
    } finally {
      await store.close();
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('opens: the clock is put back to 2030-01-01 with a warning on stderr; the next start finds it repaired', async () => {
    const first = await runCli(['--data-dir', dir, 'clock', 'show', '--json']);
    assert.deepEqual([first.code, first.stderr], [
      0,
      'regd: warning: settings clock.offset_ms held 86400000000000000, an offset out of range (an older regd stored such values on a clock move past 4000-01-01T00:00:00.000Z);' +
        ' the clock was put back to 2030-01-01T00:00:00.000Z, where it stood when that value was written.\n',
    ]);
    const clock = JSON.parse(first.stdout) as { now: string; offsetMs: number; movable: boolean };
    assert.ok(clock.now >= '2030-01-01T00:00:00.000Z' && clock.now < '2031-01-01', clock.now);
    assert.equal(clock.movable, true);
    const second = await runCli(['--data-dir', dir, 'clock', 'advance', '1d', '--json']);
    assert.deepEqual([second.code, second.stderr], [0, ''], 'repaired: no warning any more');
    assert.equal((JSON.parse(second.stdout) as { offsetMs: number }).offsetMs, clock.offsetMs + 86_400_000, 'moves go on from the repaired offset');
  });
});
