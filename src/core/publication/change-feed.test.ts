/**
 * The DNS change log on each backend: what the triggers write (and do not),
 * that an idle read is one statement, that a transaction committing after
 * a later one is still read (PostgreSQL, two connections), and pruning: the
 * rows a reader passed RETENTION_MS ago go, and a reader that had not read
 * them is told to reread everything.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../test/support/backends.ts';
import { newAccount, type TestAccount } from '../../../test/support/fixtures.ts';
import { StatementCounter } from '../../../test/support/statement-counter.ts';
import { addRecord, createHost, registerDomain, replaceZone } from '../index.ts';
import type { Db } from '../../store/index.ts';
import { DnsChangeFeed, RETENTION_MS, type FeedRead } from './change-feed.ts';
import { openTransaction } from '../../../test/support/open-transaction.ts';
import { RECORD_ROWS_LOGGED } from '../../store/migrations/0023-dns-zone-totals.ts';

/** One read, applied at once (done()). */
async function readOnce(feed: DnsChangeFeed, db: Db): Promise<FeedRead> {
  const r = await feed.read(db);
  feed.done();
  return r;
}

/**
 * Waits until every transaction that wrote to the log has ended (on a shared
 * PostgreSQL, another test's transaction may hold the oldest running
 * transaction back): a reader started after this sees none of those rows.
 */
async function settle(db: Db): Promise<void> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const { rows } = await sql<{ done: boolean }>`
      select coalesce((select max(xid) from dns_changes) < pg_snapshot_xmin(pg_current_snapshot()), true) as done`.execute(db);
    if (rows[0]!.done) return;
    if (performance.now() > deadline) throw new Error('transactions older than the log rows did not end within 30 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const backend of BACKENDS) {
  describe(`${backend}: the DNS change log`, { timeout: 120_000 }, () => {
    let engine: TestEngine;
    let account: TestAccount;
    let db: Db;
    const ids = new Map<string, number>();

    before(async () => {
      engine = await openTestEngine(backend);
      db = engine.store.db;
      account = await newAccount(engine, { depositEur: '100.00' });
    });
    after(async () => {
      await engine?.store.close();
    });

    const domainId = async (name: string) =>
      ids.get(name) ?? (await db.selectFrom('domains').select('id').where('name', '=', name).where('released_at', 'is', null).executeTakeFirstOrThrow()).id;

    test('each write to a row the DNS reads appends its change in the same transaction; other writes none', async () => {
      const feed = new DnsChangeFeed();
      await settle(db);
      await feed.start(db);
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [] });

      await engine.run(registerDomain, { name: 'log-one.com' }, { actor: account.actor });
      const one = await domainId('log-one.com');
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [{ kind: 'd', ref: one }] });

      // Columns the DNS does not read: no change.
      await db.updateTable('domains').set({ auto_renew_retry_at: new Date('2026-02-01T00:00:00Z'), note: 'a note' }).where('id', '=', one).execute();
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [] });
      // A hand-written update of the name servers, updated_at untouched: a change.
      await sql`update domains set name_servers = '["ns1.elsewhere.example","ns2.elsewhere.example"]' where id = ${one}`.execute(db);
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [{ kind: 'd', ref: one }] });

      // Three records in one statement: the zone's dns_zones row created ('s'), the statement's zone ('y') and each record ('r'), the serial bump ('s').
      await engine.run(replaceZone, { name: 'log-one.com', records: [
        { type: 'A', name: '@', value: '192.0.2.1' }, { type: 'A', name: 'www', value: '192.0.2.2' }, { type: 'TXT', name: '@', value: 'x' },
      ] }, { actor: account.actor });
      const zoneRows = await readOnce(feed, db);
      const recordIds = (await db.selectFrom('dns_records').select('id').where('domain_id', '=', one).orderBy('id').execute()).map((r) => r.id);
      assert.deepEqual(zoneRows, { reset: false, changes: [
        { kind: 's', ref: one }, { kind: 'y', ref: one }, ...recordIds.map((id) => ({ kind: 'r', ref: id })), { kind: 's', ref: one },
      ] });
      // More than RECORD_ROWS_LOGGED rows in one statement: just the zone ('z').
      await engine.run(replaceZone, { name: 'log-one.com', records: Array.from({ length: RECORD_ROWS_LOGGED + 1 }, (_, i) => ({ type: 'A' as const, name: `h${i}`, value: '192.0.2.1' })) }, { actor: account.actor });
      const bulk = await readOnce(feed, db);
      assert.equal(bulk.reset, false);
      const changes = bulk.reset ? [] : bulk.changes;
      assert.deepEqual(changes.map((c) => c.kind), ['y', 'r', 'r', 'r', 'z', 's'], 'the three records deleted one by one, the new ones as a zone');
      assert.deepEqual(changes.filter((c) => c.kind !== 'r').map((c) => c.ref), [one, one, one]);
      assert.deepEqual(changes.filter((c) => c.kind === 'r').map((c) => c.ref).sort((a, b) => a - b), recordIds);

      const host = await engine.run(createHost, { name: 'ns1.log-one.com', addresses: ['192.0.2.53'] }, { actor: account.actor });
      const hostRow = await db.selectFrom('hosts').select('id').where('number', '=', host.id).executeTakeFirstOrThrow();
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [{ kind: 'h', ref: hostRow.id }] });
      await db.updateTable('hosts').set({ account_id: account.id }).where('id', '=', hostRow.id).execute();
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [] }, 'the holder of a host is not DNS');
      await db.deleteFrom('hosts').where('id', '=', hostRow.id).execute();
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [{ kind: 'h', ref: hostRow.id }] });

      // A rolled-back write leaves nothing.
      await assert.rejects(db.transaction().execute(async (trx) => {
        await sql`update domains set service_mode = 'parking' where id = ${one}`.execute(trx);
        throw new Error('roll back');
      }));
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [] });

      await sql`truncate dns_records`.execute(db);
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [{ kind: '*', ref: 0 }] });
    });

    test('a read when nothing changed is one statement', async () => {
      const counter = new StatementCounter();
      const counted = db.withPlugin(counter);
      const feed = new DnsChangeFeed();
      await settle(db);
      await feed.start(counted);
      const before = counter.count;
      assert.deepEqual(await readOnce(feed, counted), { reset: false, changes: [] });
      assert.equal(counter.count - before, 1);
    });

    test('a read that was not applied (done() not called) is read again', async () => {
      const feed = new DnsChangeFeed();
      await settle(db);
      await feed.start(db);
      await engine.run(registerDomain, { name: 'log-again.com' }, { actor: account.actor });
      const id = await domainId('log-again.com');
      assert.deepEqual(await feed.read(db), { reset: false, changes: [{ kind: 'd', ref: id }] });
      assert.deepEqual(await feed.read(db), { reset: false, changes: [{ kind: 'd', ref: id }] });
      feed.done();
      assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [] });
    });

    if (backend === 'postgres') {
      test('a transaction that commits after a later one is still read (its seq is lower than rows already read)', async () => {
        await engine.run(registerDomain, { name: 'log-first.com' }, { actor: account.actor });
        await engine.run(registerDomain, { name: 'log-second.com' }, { actor: account.actor });
        const first = await domainId('log-first.com');
        const second = await domainId('log-second.com');
        const feed = new DnsChangeFeed();
        await settle(db);
        await feed.start(db);
        const lastSeq = (await db.selectFrom('dns_changes').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0;
        const logged = async () => (await db.selectFrom('dns_changes').select('ref').where('seq', '>', lastSeq).orderBy('seq').execute()).map((r) => r.ref);
        // The first transaction writes (and takes the lower seq) first, then waits; the second writes and commits.
        const early = openTransaction(db, (trx) => sql`update domains set service_mode = 'parking' where id = ${first}`.execute(trx));
        try {
          await early.written;
          const late = openTransaction(db, (trx) => sql`update domains set service_mode = 'parking' where id = ${second}`.execute(trx));
          await late.written;
          await late.commit();
          assert.deepEqual(await logged(), [second], 'only the later transaction is visible yet');
          assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [{ kind: 'd', ref: second }] });
        } finally {
          await early.commit();
        }
        assert.deepEqual(await logged(), [first, second], 'the early transaction holds the lower seq');
        assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [{ kind: 'd', ref: first }] });
        assert.deepEqual(await readOnce(feed, db), { reset: false, changes: [] });
      });
    }

    test('pruning: rows a reader passed RETENTION_MS ago go; a reader that had not read them rereads everything', async () => {
      const lagging = new DnsChangeFeed();
      await settle(db);
      await lagging.start(db);
      const reader = new DnsChangeFeed();
      await reader.start(db);
      await engine.run(registerDomain, { name: 'log-pruned.com' }, { actor: account.actor });
      const pruned = await domainId('log-pruned.com');
      // The reader's mark passes the registration (and everything before it): pruning at that mark removes them.
      await settle(db);
      assert.deepEqual(await readOnce(reader, db), { reset: false, changes: [{ kind: 'd', ref: pruned }] });
      const t0 = 1_000_000;
      await reader.prune(db, t0);
      // A change after the mark of t0 stays.
      await engine.run(addRecord, { accountId: account.id, name: 'log-pruned.com', record: { type: 'A', name: 'kept', value: '192.0.2.9' } }, { actor: account.actor });
      const count = async () => Number((await sql<{ n: string }>`select count(*) as n from dns_changes`.execute(db)).rows[0]!.n);
      const before = await count();
      await reader.prune(db, t0 + RETENTION_MS - 1);
      assert.equal(await count(), before, 'nothing is older than the retention yet');
      await reader.prune(db, t0 + RETENTION_MS);
      const left = await db.selectFrom('dns_changes').select(['kind', 'ref']).orderBy('seq').execute();
      // The record's zone row (created), the record (its zone and itself), the serial bump.
      const recordId = (await db.selectFrom('dns_records').select('id').where('domain_id', '=', pruned).executeTakeFirstOrThrow()).id;
      const added = [{ kind: 's', ref: pruned }, { kind: 'y', ref: pruned }, { kind: 'r', ref: recordId }, { kind: 's', ref: pruned }];
      assert.deepEqual(left, added, 'only the rows after the mark of t0 are left');
      assert.deepEqual(await readOnce(reader, db), { reset: false, changes: added });
      assert.deepEqual(await readOnce(lagging, db), { reset: true });
      assert.deepEqual(await readOnce(lagging, db), { reset: false, changes: [] }, 'after the reset the lagging reader goes on from its new mark');
    });
  });
}
