import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { DAY, HOUR } from '../../clock.ts';
import { ClockCannotGoBack, ClockNotMovable, InvalidValue, MissingParameter, NotAuthorizedOperation } from '../../errors/index.ts';
import { advanceClock, readClockOffset, setClock, showClock } from './index.ts';

const SETTINGS = ['settings'] as const;

for (const backend of BACKENDS) {
  describe(`${backend}: sandbox clock`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: '2026-01-15T10:00:00Z' });
    });
    after(async () => engine.store.close());

    test('success: a fresh database has no offset', async () => {
      const v = await engine.run(showClock, { mode: 'sandbox' }, { actor: OPERATOR });
      assert.deepEqual(v, { now: new Date('2026-01-15T10:00:00Z'), offsetMs: 0, movable: true });
      assert.equal((await engine.run(showClock, { mode: 'production' }, { actor: OPERATOR })).movable, false);
    });

    test('success: advance adds exactly the duration to the stored offset', async () => {
      const before = await readClockOffset(engine.store.db);
      const r = await engine.run(advanceClock, { mode: 'sandbox', duration: '45d' }, { actor: OPERATOR });
      assert.equal(r.previous.toISOString(), '2026-01-15T10:00:00.000Z');
      assert.equal(r.now.toISOString(), '2026-03-01T10:00:00.000Z');
      assert.equal(r.offsetMs, before + 45 * DAY);
      const r2 = await engine.run(advanceClock, { mode: 'sandbox', duration: '1d12h' }, { actor: OPERATOR });
      assert.equal(r2.offsetMs, before + 45 * DAY + 36 * HOUR);
      assert.equal(await readClockOffset(engine.store.db), r2.offsetMs);
    });

    test('success: set moves the offset by the distance from now to the instant', async () => {
      const before = await readClockOffset(engine.store.db);
      const r = await engine.run(setClock, { mode: 'sandbox', at: '2026-02-01T10:00:00Z' }, { actor: OPERATOR });
      assert.equal(r.now.toISOString(), '2026-02-01T10:00:00.000Z');
      assert.equal(r.offsetMs, before + 17 * DAY);
      const same = await engine.run(setClock, { mode: 'sandbox', at: '2026-01-15T10:00:00Z' }, { actor: OPERATOR });
      assert.equal(same.offsetMs, r.offsetMs, 'setting the current instant changes nothing');
    });

    test('failure: production mode refuses both moves and changes nothing', async () => {
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(advanceClock, { mode: 'production', duration: '1d' }, { actor: OPERATOR }), ClockNotMovable, SETTINGS);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setClock, { mode: 'production', at: '2030-01-01T00:00:00Z' }, { actor: OPERATOR }), ClockNotMovable, SETTINGS);
    });

    test('failure: the clock does not go back', async () => {
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setClock, { mode: 'sandbox', at: '2026-01-15T09:59:59Z' }, { actor: OPERATOR }), ClockCannotGoBack, SETTINGS);
    });

    test('failure: malformed durations and instants', async () => {
      for (const duration of ['', '45', 'd', '-1d', '0d', '1y']) {
        const cls = duration === '' ? MissingParameter : InvalidValue;
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(advanceClock, { mode: 'sandbox', duration }, { actor: OPERATOR }), cls, SETTINGS);
      }
      for (const at of ['tomorrow', '2026-13-01T00:00:00Z', '2027-01-01T00:00:00', '1700000000']) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setClock, { mode: 'sandbox', at }, { actor: OPERATOR }), InvalidValue, SETTINGS);
      }
    });

    test('failure: an account may not move the clock', async () => {
      const a = await newAccount(engine);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(advanceClock, { mode: 'sandbox', duration: '1d' }, { actor: a.actor }), NotAuthorizedOperation, SETTINGS);
    });
  });
}
