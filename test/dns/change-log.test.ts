/**
 * The DNS server follows the store's change log (triggers, migration 0014),
 * not timestamps the writers set: rows written by hand, with no updated_at
 * and no announcement, are served after the next poll; on PostgreSQL, a
 * transaction that commits after a later one is served too. Every poll
 * here is the server's own (refresh(): one poll as the loop does it); the
 * loop's interval is a minute, so nothing else polls.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS, openTestEngine, type TestEngine } from '../support/backends.ts';
import { createHost, registerDomain, setDomainNameServers } from '../../src/core/index.ts';
import type { Db } from '../../src/store/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { newAccount } from '../support/fixtures.ts';
import { dig, section, status } from './support/dig.ts';
import { openTransaction } from '../support/open-transaction.ts';

/** A record inserted as a hand-written statement would: dns_zones (serial, updated_at) untouched. */
function insertRecord(db: Db, domainId: number, name: string, value: string) {
  return sql`insert into dns_records (domain_id, name, type, ttl, data, state, created_at, updated_at)
    values (${domainId}, ${name}, 'A', 300, ${value}, 'live', now(), now())`.execute(db);
}

for (const backend of BACKENDS) {
  describe(`${backend}: the DNS server reads the change log`, { timeout: 120_000 }, () => {
    let engine: TestEngine;
    let db: Db;
    let server: RunningDnsServer;
    const id = async (name: string) => (await db.selectFrom('domains').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

    before(async () => {
      engine = await openTestEngine(backend);
      db = engine.store.db;
      const account = await newAccount(engine, { depositEur: '100.00' });
      const as = { actor: account.actor };
      for (const name of ['handwritten.com', 'early.com', 'late.com']) await engine.run(registerDomain, { name }, as);
      await engine.run(registerDomain, { name: 'glued.com' }, as);
      await engine.run(createHost, { name: 'ns1.glued.com', addresses: ['198.51.100.1'] }, as);
      await engine.run(setDomainNameServers, { name: 'glued.com', nameServers: ['ns1.glued.com', 'ns2.provider.example'] }, as);
      server = await startDnsServer({ engine, config: { port: 0, pollIntervalMs: 60_000 } });
    });
    after(async () => {
      await server?.close();
      await engine?.store.close();
    });

    test('rows written by hand, without updated_at and unannounced, are served after the next poll', async () => {
      const port = server.udpPort;
      await insertRecord(db, await id('handwritten.com'), 'hand', '192.0.2.77');
      await server.refresh();
      assert.deepEqual(section(await dig(port, 'hand.handwritten.com', 'A'), 'ANSWER'), ['hand.handwritten.com. 300 IN A 192.0.2.77']);

      await sql`update hosts set addresses = '["198.51.100.2"]' where name = 'ns1.glued.com'`.execute(db);
      await server.refresh();
      const referral = await dig(port, 'www.glued.com', 'A');
      assert.deepEqual(section(referral, 'AUTHORITY').sort(), ['glued.com. 3600 IN NS ns1.glued.com.', 'glued.com. 3600 IN NS ns2.provider.example.']);
      assert.deepEqual(section(referral, 'ADDITIONAL'), ['ns1.glued.com. 3600 IN A 198.51.100.2']);

      await sql`delete from dns_records where name = 'hand'`.execute(db);
      await server.refresh();
      const gone = await dig(port, 'hand.handwritten.com', 'A');
      assert.equal(status(gone), 'NXDOMAIN');

      await sql`update domains set service_mode = 'custom_ns', name_servers = '["ns1.provider.example","ns2.provider.example"]' where name = 'handwritten.com'`.execute(db);
      await server.refresh();
      const delegated = await dig(port, 'www.handwritten.com', 'A');
      assert.deepEqual(section(delegated, 'ANSWER'), []);
      assert.deepEqual(section(delegated, 'AUTHORITY').sort(), ['handwritten.com. 3600 IN NS ns1.provider.example.', 'handwritten.com. 3600 IN NS ns2.provider.example.']);
    });

    if (backend === 'postgres') {
      test('two transactions committing out of order: the one that commits last, with the lower seq, is served too', async () => {
        const port = server.udpPort;
        const early = openTransaction(db, async (trx) => insertRecord(trx, await id('early.com'), 'www', '192.0.2.101'));
        try {
          await early.written;
          const late = openTransaction(db, async (trx) => insertRecord(trx, await id('late.com'), 'www', '192.0.2.102'));
          await late.written;
          await late.commit();
          await server.refresh();
          assert.deepEqual(section(await dig(port, 'www.late.com', 'A'), 'ANSWER'), ['www.late.com. 300 IN A 192.0.2.102']);
          assert.equal(status(await dig(port, 'www.early.com', 'A')), 'NXDOMAIN', 'not committed yet');
        } finally {
          await early.commit();
        }
        const rows = await db.selectFrom('dns_changes').select(['seq', 'ref']).where('kind', '=', 'y').where('ref', 'in', [await id('early.com'), await id('late.com')]).orderBy('seq').execute();
        assert.deepEqual(rows.map((r) => r.ref), [await id('early.com'), await id('late.com')], 'the early transaction holds the lower seq');
        await server.refresh();
        assert.deepEqual(section(await dig(port, 'www.early.com', 'A'), 'ANSWER'), ['www.early.com. 300 IN A 192.0.2.101']);
      });
    }
  });
}
