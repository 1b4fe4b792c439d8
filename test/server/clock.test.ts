import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATOR } from '../../src/core/context.ts';
import { DAY } from '../../src/core/clock.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { advanceClock, readClockOffset, readStoredClockOffset } from '../../src/core/flows/clock/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import { openServices } from '../../src/runtime/services.ts';
import { startServer } from '../../src/server/index.ts';
import { BACKENDS, openTestStore } from '../support/backends.ts';
import type { ClockMove } from '../../src/runtime/clock-sync.ts';
import { ops, startTestServer, TEST_TOKEN, waitFor, type TestServer } from './support.ts';

async function healthTime(url: string): Promise<number> {
  const body = (await (await fetch(`${url}/healthz`)).json()) as { time: string };
  return new Date(body.time).getTime();
}

for (const backend of BACKENDS) {
  describe(`${backend}: sandbox clock through the operator API`, { timeout: 120_000 }, () => {
    let t: TestServer;
    const moves: ClockMove[] = [];
    before(async () => {
      t = await startTestServer(backend);
      t.server.app.onClockMoved((m) => {
        moves.push(m);
      });
    });
    after(async () => t.close());

    test('show: no offset on a fresh database', async () => {
      const r = await ops(t.url, 'clock show');
      assert.equal(r.status, 200);
      const v = r.body.result as { now: string; offsetMs: number; movable: boolean };
      assert.equal(v.offsetMs, 0);
      assert.equal(v.movable, true);
      assert.ok(Math.abs(new Date(v.now).getTime() - Date.now()) < 5000);
    });

    test('advance: the server clock moves at once and the onClockMoved hook runs', async () => {
      const before = await healthTime(t.url);
      const r = await ops(t.url, 'clock advance', { duration: '45d' });
      assert.equal(r.status, 200);
      const m = r.body.result as { previous: string; now: string; offsetMs: number };
      assert.equal(new Date(m.now).getTime() - new Date(m.previous).getTime(), 45 * DAY);
      assert.equal(m.offsetMs, 45 * DAY);
      const after = await healthTime(t.url);
      assert.ok(after - before >= 45 * DAY && after - before < 45 * DAY + 60_000, 'healthz shows the moved clock without waiting for the poll');
      assert.equal(moves.length, 1);
      assert.equal(moves[0]!.offsetMs, 45 * DAY);
      assert.equal(moves[0]!.to.getTime() - moves[0]!.from.getTime(), 45 * DAY);
    });

    test('set: forward to an instant; backwards is refused and changes nothing', async () => {
      const target = new Date(t.services.engine.clock.now().getTime() + 10 * DAY);
      target.setUTCMilliseconds(0);
      const r = await ops(t.url, 'clock set', { at: target.toISOString() });
      assert.equal(r.status, 200);
      assert.equal((r.body.result as { now: string }).now, target.toISOString());
      const offset = (r.body.result as { offsetMs: number }).offsetMs;
      const back = await ops(t.url, 'clock set', { at: '2020-01-01T00:00:00Z' });
      assert.equal(back.status, 409);
      assert.equal(back.body.error?.code, 'CLOCK_CANNOT_GO_BACK');
      assert.equal(((await ops(t.url, 'clock show')).body.result as { offsetMs: number }).offsetMs, offset);
      const bad = await ops(t.url, 'clock advance', { duration: 'soon' });
      assert.equal(bad.body.error?.code, 'INVALID_VALUE');
    });

    test('a move past 4000-01-01 is refused with 400 CLOCK_OUT_OF_RANGE; the clock and the stored offset are unchanged', async () => {
      const offset = ((await ops(t.url, 'clock show')).body.result as { offsetMs: number }).offsetMs;
      const message = (param: string) =>
        `Invalid ${param}: the clock cannot be moved past 4000-01-01T00:00:00.000Z (every stored date and wire format must hold it, with a 10-year registration after it).`;
      const cases = [
        ['clock advance', { duration: '1000000000d' }, 'duration'],
        ['clock advance', { duration: '99000000d' }, 'duration'],
        ['clock advance', { duration: '99999999999999999999d' }, 'duration'],
        ['clock set', { at: '9999-12-31T23:59:59Z' }, 'at'],
      ] as const;
      for (const [command, options, param] of cases) {
        const r = await ops(t.url, command, options);
        assert.deepEqual({ status: r.status, body: r.body }, { status: 400, body: { error: { code: 'CLOCK_OUT_OF_RANGE', message: message(param), category: 'InvalidParameter' } } }, JSON.stringify(options));
      }
      const shown = await ops(t.url, 'clock show');
      assert.equal(shown.status, 200);
      assert.equal((shown.body.result as { offsetMs: number }).offsetMs, offset);
      assert.equal(t.services.clockSync.clock.offsetMs, offset);
      assert.equal(await readClockOffset(t.services.store.db), offset);
    });

    test('a move made by another process is picked up by the once-a-second re-read', async () => {
      const seen = moves.length;
      const offset = t.services.clockSync.clock.offsetMs;
      // Another process: the flow writes the store; this server's clock is not told.
      await t.services.engine.run(advanceClock, { mode: 'sandbox', duration: '2d' }, { actor: OPERATOR });
      await waitFor(() => t.services.clockSync.clock.offsetMs === offset + 2 * DAY, 'the server to re-read the clock offset', 10_000);
      // listeners (the sweeper among them) run after the offset is taken over
      await waitFor(() => moves.length > seen, 'the clock-moved listeners', 10_000);
      assert.equal(moves.length, seen + 1);
    });
  });

  describe(`${backend}: a store holding an out-of-range offset (an older regd's)`, { timeout: 120_000 }, () => {
    test('the server starts with the clock put back to where it stood when the value was written, and a warning', async () => {
      const store = await openTestStore(backend);
      // What `clock advance 1000000000d` stored, written when the clock stood at 2030-01-01.
      await store.db.insertInto('settings').values({ key: 'clock.offset_ms', value: '86400000000000000', updated_at: new Date('2030-01-01T00:00:00Z') }).execute();
      const dataDir = mkdtempSync(join(tmpdir(), 'regd-server-'));
      const config = loadConfig({ argv: ['--data-dir', dataDir, '--port', '0', '--log-level', 'silent'], env: { REGD_OPERATOR_TOKEN: TEST_TOKEN } });
      const warnings: unknown[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(...args);
      let services;
      try {
        services = await openServices(config, { store });
      } finally {
        console.warn = warn;
      }
      const server = await startServer(services, { operatorToken: TEST_TOKEN });
      try {
        assert.deepEqual(warnings, [
          'regd: warning: settings clock.offset_ms held 86400000000000000, an offset out of range (an older regd stored such values on a clock move past 4000-01-01T00:00:00.000Z);' +
            ' the clock was put back to 2030-01-01T00:00:00.000Z, where it stood when that value was written.',
        ]);
        const time = new Date(((await (await fetch(`${server.url}/healthz`)).json()) as { time: string }).time).getTime();
        assert.ok(time >= Date.parse('2030-01-01T00:00:00Z') && time < Date.parse('2031-01-01T00:00:00Z'), new Date(time).toISOString());
        const stored = await readStoredClockOffset(services.store.db);
        assert.deepEqual(stored, { offsetMs: services.clockSync.clock.offsetMs }, 'the repaired offset is stored and in use');
        const moved = await ops(server.url, 'clock advance', { duration: '1d' });
        assert.equal(moved.status, 200);
        assert.equal((moved.body.result as { offsetMs: number }).offsetMs, stored.offsetMs + DAY);
      } finally {
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe(`${backend}: production mode`, { timeout: 120_000 }, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(backend, { mode: 'production' });
    });
    after(async () => t.close());

    test('advance and set are refused with CLOCK_NOT_MOVABLE; show works', async () => {
      for (const [command, options] of [['clock advance', { duration: '1d' }], ['clock set', { at: '2099-01-01T00:00:00Z' }]] as const) {
        const r = await ops(t.url, command, options);
        assert.equal(r.status, 409, command);
        assert.deepEqual(r.body.error, { code: 'CLOCK_NOT_MOVABLE', message: 'The clock can only be moved in sandbox mode.', category: 'PolicyViolation' });
      }
      const shown = (await ops(t.url, 'clock show')).body.result as { offsetMs: number; movable: boolean };
      assert.deepEqual([shown.offsetMs, shown.movable], [0, false]);
      const health = (await (await fetch(`${t.url}/healthz`)).json()) as { mode: string };
      assert.equal(health.mode, 'production');
    });
  });
}
