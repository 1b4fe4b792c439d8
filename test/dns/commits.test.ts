/**
 * The DNS server follows the engine's commit announcements: a change made
 * through a flow is published without waiting for the poll interval, and
 * on the embedded store (which no other process can write) an idle server
 * issues no SQL between announcements. A PostgreSQL server may have other
 * writers, so there every tick polls.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../support/backends.ts';
import { createEngine, type Engine } from '../../src/core/engine.ts';
import { addRecord, registerDomain } from '../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { StatementCounter } from '../support/statement-counter.ts';
import { decode, query, sendUdpMany, waitFor } from './support/client.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: the DNS server follows committed changes`, { timeout: 60_000 }, () => {
    let base: TestEngine;
    let engine: Engine;
    let counter: StatementCounter;
    let server: RunningDnsServer;
    let account: TestAccount;

    before(async () => {
      base = await openTestEngine(backend);
      account = await newAccount(base, { depositEur: '100.00' });
      await base.run(registerDomain, { name: 'announced.com' }, { actor: account.actor });
      // The same store seen through a statement counter; the server and the flows below share it.
      counter = new StatementCounter();
      engine = createEngine({ store: { ...base.store, db: base.store.db.withPlugin(counter) }, clock: base.clock, policy: base.policy });
    });
    after(async () => {
      await server?.close();
      await base?.store.close();
    });

    const answersA = async (name: string, value: string) => {
      const [reply] = await sendUdpMany({ host: '127.0.0.1', port: server.udpPort }, [query(name, 'A')], { timeoutMs: 500 });
      return reply !== undefined && (decode(reply).answers ?? []).some((a) => a.type === 'A' && a.data === value);
    };

    test('a record added through a flow is answered long before the next poll', async () => {
      server = await startDnsServer({ engine, config: { port: 0, pollIntervalMs: 60_000 } });
      assert.equal(await answersA('new.announced.com', '198.51.100.7'), false);
      await engine.run(addRecord, { accountId: account.id, name: 'announced.com', record: { type: 'A', name: 'new', value: '198.51.100.7' } }, { actor: account.actor });
      // The poll interval is a minute: only the announcement can publish this within the wait.
      await waitFor('the new record', () => answersA('new.announced.com', '198.51.100.7'), 10_000, 10);
      await server.close();
    });

    test(backend === 'pglite' ? 'idle ticks on the embedded store issue no SQL' : 'every tick polls a PostgreSQL server (other processes may write)', async () => {
      server = await startDnsServer({ engine, config: { port: 0, pollIntervalMs: 5 } });
      await server.refresh();
      const start = counter.count;
      // 300 ms at a 5 ms interval is dozens of ticks.
      await new Promise((r) => setTimeout(r, 300));
      if (backend === 'pglite') assert.equal(counter.count, start, 'no statement while nothing was announced');
      else assert.ok(counter.count > start);
      // An announced write is still picked up by the next tick.
      await engine.run(addRecord, { accountId: account.id, name: 'announced.com', record: { type: 'A', name: 'later', value: '198.51.100.8' } }, { actor: account.actor });
      await waitFor('the later record', () => answersA('later.announced.com', '198.51.100.8'), 10_000, 10);
    });
  });
}
