import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { startTestServer, waitFor } from './support.ts';

/** A test-only route that holds its request until the test opens the gate. */
function slowRoute() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const state = { started: false, open };
  const configure = (app: FastifyInstance) => {
    app.get('/slow', async () => {
      state.started = true;
      await gate;
      return { done: true };
    });
  };
  return { state, configure };
}

async function refusesNewRequests(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.status === 503;
  } catch {
    return true;
  }
}

describe('graceful shutdown', { timeout: 120_000 }, () => {
  test('an in-flight request completes while close() waits; then the store closes and server.json goes', async () => {
    const slow = slowRoute();
    const t = await startTestServer('pglite', { configure: slow.configure });
    const serverFile = join(t.dataDir, 'server.json');
    assert.ok(existsSync(serverFile));
    const inFlight = fetch(`${t.url}/slow`);
    await waitFor(() => slow.state.started, 'the slow request to start');

    let closed = false;
    const closing = t.server.close().then(() => (closed = true));
    await waitFor(() => refusesNewRequests(t.url), 'the server to stop accepting requests');
    assert.equal(closed, false, 'close() waits for the in-flight request');
    await sql`select 1`.execute(t.services.store.db);

    slow.state.open();
    const res = await inFlight;
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { done: true });
    await closing;
    assert.equal(closed, true);
    await assert.rejects(sql`select 1`.execute(t.services.store.db), 'the store is closed after the server');
    assert.equal(existsSync(serverFile), false);
    await t.close();
  });

  test('a request that outlives the shutdown timeout is cut, and shutdown completes', async () => {
    const slow = slowRoute();
    const t = await startTestServer('pglite', { configure: slow.configure, argv: ['--shutdown-timeout', '1s'] });
    const inFlight = fetch(`${t.url}/slow`).then(
      (r) => r.status,
      () => 'cut',
    );
    await waitFor(() => slow.state.started, 'the slow request to start');
    const started = performance.now();
    await t.server.close();
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 900, `waited ${Math.round(elapsed)} ms, about the 1s timeout`);
    assert.equal(await inFlight, 'cut');
    slow.state.open();
    await t.close();
  });
});
