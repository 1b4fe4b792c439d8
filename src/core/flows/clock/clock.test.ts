import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { DAY, HOUR, LATEST_CLOCK } from '../../clock.ts';
import { ClockCannotGoBack, ClockNotMovable, ClockOutOfRange, InvalidValue, MissingParameter, NotAuthorizedOperation } from '../../errors/index.ts';
import { advanceClock, CLOCK_OFFSET_KEY, MAX_CLOCK_OFFSET_MS, readClockOffset, readStoredClockOffset, repairClockOffset, setClock, showClock } from './index.ts';

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
      const notOnTheCalendar = ['2027-02-29T00:00:00Z', '2027-04-31', '2027-01-01T24:00:00Z', '2027-01-01T12:60:00Z', '2027-01-01T12:00:60Z', '2027-01-01T00:00:00+24:00', '2027-01-01T00:00:00+01:60'];
      for (const at of ['tomorrow', '2026-13-01T00:00:00Z', '2027-01-01T00:00:00', '1700000000', '+275760-09-13T00:00:00Z', ...notOnTheCalendar]) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setClock, { mode: 'sandbox', at }, { actor: OPERATOR }), InvalidValue, SETTINGS);
      }
    });

    test('failure: an account may not move the clock', async () => {
      const a = await newAccount(engine);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(advanceClock, { mode: 'sandbox', duration: '1d' }, { actor: a.actor }), NotAuthorizedOperation, SETTINGS);
    });
  });
}

for (const backend of BACKENDS) {
  describe(`${backend}: the clock's range`, () => {
    let engine: TestEngine;
    const SANDBOX = { mode: 'sandbox' } as const;
    const AS = { actor: OPERATOR } as const;
    before(async () => {
      engine = await openTestEngine(backend, { start: '2026-01-15T10:00:00Z' });
    });
    after(async () => engine.store.close());

    async function store(value: string, updatedAt: string): Promise<void> {
      await engine.store.db.insertInto('settings').values({ key: CLOCK_OFFSET_KEY, value, updated_at: new Date(updatedAt) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date(updatedAt) })).execute();
    }

    test('failure: a move past 4000-01-01 is refused and stores nothing; up to it is accepted', async () => {
      const tooFar = [
        '1000000000d', // the issue's: stored 8.64e16 ms, which no later read accepted
        '99000000d', // accepted before, then registrations failed
        '99999999999999999999d', // more milliseconds than a double counts exactly
        `${'9'.repeat(400)}d`, // Infinity
        '720000w',
      ];
      for (const duration of tooFar) {
        const e = await assertFailsAndChangesNothing(engine.store.db, () => engine.run(advanceClock, { ...SANDBOX, duration }, AS), ClockOutOfRange, SETTINGS);
        assert.equal(e.message, 'Invalid duration: the clock cannot be moved past 4000-01-01T00:00:00.000Z (every stored date and wire format must hold it, with a 10-year registration after it).');
      }
      for (const at of ['4000-01-01T00:00:00.001Z', '9999-12-31T23:59:59Z', '4000-01-01T00:00:00-00:01']) {
        await assertFailsAndChangesNothing(engine.store.db, () => engine.run(setClock, { ...SANDBOX, at }, AS), ClockOutOfRange, SETTINGS);
      }
      const r = await engine.run(setClock, { ...SANDBOX, at: '4000-01-01T00:00:00Z' }, AS);
      assert.equal(r.now.toISOString(), LATEST_CLOCK.toISOString());
      assert.equal(await readClockOffset(engine.store.db), r.offsetMs, 'the stored offset reads back as it was written');
      engine.clock.set(LATEST_CLOCK);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(advanceClock, { ...SANDBOX, duration: '1s' }, AS), ClockOutOfRange, SETTINGS);
    });

    test('failure: another process\'s move counts: the stored offset may not pass the largest either', async () => {
      engine.clock.set('2026-01-15T10:00:00Z');
      await store(String(MAX_CLOCK_OFFSET_MS - DAY), '2026-01-15T10:00:00Z');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(advanceClock, { ...SANDBOX, duration: '2d' }, AS), ClockOutOfRange, SETTINGS);
      assert.equal((await engine.run(advanceClock, { ...SANDBOX, duration: '1d' }, AS)).offsetMs, MAX_CLOCK_OFFSET_MS);
    });

    test('success: an out-of-range stored value reads as the instant it was written at, and is repaired to it', async () => {
      const realNow = Date.parse('2026-06-01T00:00:00Z');
      const writtenAt = '2026-07-01T00:00:00.000Z';
      // What older versions stored: 8.64e16 (1000000000d), 8.5536e15 (99000000d, in range for a Date but not for the wire), null (an Infinity), a negative beyond 1970, text.
      for (const value of ['86400000000000000', '8553600000000000', 'null', '-1e20', '"soon"', '1.5', '{}']) {
        await store(value, writtenAt);
        const read = await readStoredClockOffset(engine.store.db, realNow);
        assert.deepEqual(read, { offsetMs: 30 * DAY, outOfRange: JSON.parse(value) }, value);
        assert.deepEqual(await repairClockOffset(engine.store.db, realNow), { was: JSON.parse(value), writtenAt: new Date(writtenAt), offsetMs: 30 * DAY, now: new Date(writtenAt) }, value);
        assert.deepEqual(await readStoredClockOffset(engine.store.db, realNow), { offsetMs: 30 * DAY }, `${value}: repaired`);
        assert.equal(await repairClockOffset(engine.store.db, realNow), undefined, `${value}: nothing left to repair`);
      }
      await store('86400000000000000', '2026-01-01T00:00:00Z');
      assert.equal((await readStoredClockOffset(engine.store.db, realNow)).offsetMs, 0, 'written before real time: real time');
      await store('86400000000000000', '9000-01-01T00:00:00Z');
      assert.equal((await readStoredClockOffset(engine.store.db, realNow)).offsetMs, LATEST_CLOCK.getTime() - realNow, 'written past the range: its end');
    });

    test('success: a move from an out-of-range stored value starts from the recovered offset and stores a valid one', async () => {
      engine.clock.set('2026-01-15T10:00:00Z');
      await store('86400000000000000', '2020-01-01T00:00:00Z');
      const r = await engine.run(advanceClock, { ...SANDBOX, duration: '1d' }, AS);
      assert.equal(r.offsetMs, DAY);
      assert.deepEqual(await readStoredClockOffset(engine.store.db), { offsetMs: DAY });
    });
  });
}
