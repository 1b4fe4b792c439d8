/** The embedded database's sweep lock: an in-process mutex per database (the PostgreSQL advisory lock is in sweep-crash.test.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../store/index.ts';
import { withSweepLock } from './sweep-lock.ts';

/** withSweepLock only needs the kind and a database identity for PGlite; no connection is ever taken. */
const embedded = (): Store => ({ kind: 'pglite', db: {} as Store['db'], close: async () => undefined });

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('pglite: sweep lock', () => {
  test('success: a second sweep of the same database gives up while the first runs, then may run', async () => {
    const store = embedded();
    const g = gate();
    const first = withSweepLock(store, {}, async () => {
      await g.opened;
      return 'first';
    });
    assert.deepEqual(await withSweepLock(store, {}, async () => 'second'), { acquired: false });
    g.open();
    assert.deepEqual(await first, { acquired: true, value: 'first' });
    assert.deepEqual(await withSweepLock(store, {}, async () => 'third'), { acquired: true, value: 'third' });
  });

  test('success: a waiting sweep runs after the one in progress, never alongside it', async () => {
    const store = embedded();
    const g = gate();
    const order: string[] = [];
    const first = withSweepLock(store, {}, async () => {
      order.push('first start');
      await g.opened;
      order.push('first end');
    });
    const second = withSweepLock(store, { wait: true }, async () => {
      order.push('second');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    g.open();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first start', 'first end', 'second']);
  });

  test('success: the lock is per database and is released when the sweep throws', async () => {
    const a = embedded();
    const b = embedded();
    const g = gate();
    const onA = withSweepLock(a, {}, () => g.opened);
    assert.deepEqual(await withSweepLock(b, {}, async () => 'b'), { acquired: true, value: 'b' });
    g.open();
    await onA;
    await assert.rejects(withSweepLock(a, {}, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.deepEqual(await withSweepLock(a, {}, async () => 'after'), { acquired: true, value: 'after' });
  });
});
