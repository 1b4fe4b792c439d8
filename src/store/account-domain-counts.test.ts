/**
 * account_domain_counts (migration 0026): the stored live-domain count of
 * each account equals counting its rows after every kind of write to
 * domains (flows and plain SQL: insert, bulk insert, transfer to another
 * account, delete, release, row delete, and a rolled-back transaction), and
 * an export imported elsewhere rebuilds it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS, openTestEngine, openTestStore, type TestEngine } from '../../test/support/backends.ts';
import { newAccount, type TestAccount } from '../../test/support/fixtures.ts';
import { getAccount } from '../core/flows/accounts/get-account.ts';
import { deleteDomain, getDomainExtras, registerDomain } from '../core/flows/domains/index.ts';
import type { Db } from './database.ts';
import { exportDump, importDump } from './dump/index.ts';

/** Stored counts (zeros left out) and counted ones, by account. */
async function countsOf(db: Db): Promise<{ stored: Record<string, number>; counted: Record<string, number> }> {
  // An account's count is the sum of its rows (one per writing connection's shard).
  const stored = await db.selectFrom('account_domain_counts').select((eb) => ['account_id', eb.fn.sum<string>('live').as('live')])
    .groupBy('account_id').having((eb) => eb.fn.sum('live'), '<>', 0).orderBy('account_id').execute();
  const counted = await sql<{ account_id: number; n: string }>`
    select account_id, count(*) as n from domains where released_at is null and deleted_at is null group by account_id order by account_id`.execute(db);
  return {
    stored: Object.fromEntries(stored.map((r) => [String(r.account_id), Number(r.live)])),
    counted: Object.fromEntries(counted.rows.map((r) => [String(r.account_id), Number(r.n)])),
  };
}

async function assertCountsMatch(db: Db, message: string): Promise<Record<string, number>> {
  const { stored, counted } = await countsOf(db);
  assert.deepEqual(stored, counted, message);
  return stored;
}

for (const backend of BACKENDS) {
  describe(`${backend}: account_domain_counts`, () => {
    let engine: TestEngine;
    let a: TestAccount;
    let b: TestAccount;
    before(async () => {
      engine = await openTestEngine(backend);
      a = await newAccount(engine, { depositEur: '1000.00' });
      b = await newAccount(engine, { depositEur: '1000.00' });
    });
    after(async () => engine.store.close());

    const countOf = async (x: TestAccount) => (await engine.run(getAccount, {}, { actor: x.actor })).domainCount;

    test('registrations, a delete, a transfer, a release, a bulk insert and row deletes keep the stored count exact', async () => {
      const db = engine.store.db;
      assert.equal(await countOf(a), 0);
      for (const name of ['count-1.com', 'count-2.com', 'count-3.com']) await engine.run(registerDomain, { name }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'count-4.com' }, { actor: b.actor });
      assert.equal(await countOf(a), 3);
      assert.equal(await countOf(b), 1);
      const extras = await engine.run(getDomainExtras, { name: 'count-1.com', include: { account: true } }, { actor: a.actor });
      assert.equal(extras.account!.domainCount, 3);
      await assertCountsMatch(db, 'after registrations');

      await engine.run(deleteDomain, { name: 'count-3.com' }, { actor: a.actor });
      assert.equal(await countOf(a), 2);
      await assertCountsMatch(db, 'after a delete');

      // Another account's now (a push or a transfer moves the row), then released, then an update that changes neither.
      await sql`update domains set account_id = ${b.id} where name = 'count-2.com'`.execute(db);
      assert.deepEqual([await countOf(a), await countOf(b)], [1, 2]);
      await sql`update domains set released_at = now() where name = 'count-4.com'`.execute(db);
      assert.equal(await countOf(b), 1);
      await sql`update domains set auto_renew = not auto_renew where account_id in (${a.id}, ${b.id})`.execute(db);
      await assertCountsMatch(db, 'after a transfer, a release and other updates');

      // One statement, many rows: one count update per account.
      await sql`
        insert into domains (account_id, name, unicode_name, tld, domain_type, created_at, expires_at, updated_at, period_months,
          auto_renew, renew_option, privacy, locked, auth_code, premium, service_mode, name_servers)
        select case when g % 3 = 0 then ${b.id}::bigint else ${a.id}::bigint end, 'bulk-' || g || '.com', 'bulk-' || g || '.com', 'com', 'PAID',
          now(), now() + interval '1 year', now(), 12, true, 'auto', 'off', false, 'Bulk' || g || 'Code7', false, 'regd_dns', '[]'::jsonb
        from generate_series(1, 30) g`.execute(db);
      assert.deepEqual([await countOf(a), await countOf(b)], [21, 11]);
      await sql`delete from domains where name like 'bulk-%' and account_id = ${a.id}`.execute(db);
      assert.deepEqual([await countOf(a), await countOf(b)], [1, 11]);
      await assertCountsMatch(db, 'after a bulk insert and a bulk delete');

      // A rolled-back transaction leaves the counts as they were; inside it, the count already shows its own writes.
      await assert.rejects(db.transaction().execute(async (trx) => {
        await sql`update domains set deleted_at = now() where account_id = ${b.id}`.execute(trx);
        const [row] = await trx.selectFrom('account_domain_counts').select((eb) => eb.fn.sum<string>('live').as('live')).where('account_id', '=', b.id).execute();
        assert.equal(Number(row!.live), 0);
        throw new Error('roll back');
      }), /roll back/);
      assert.equal(await countOf(b), 11);
      await assertCountsMatch(db, 'after a rollback');
    });

    test('registrations and deletes of one account on parallel connections: counted on their connections\' rows, the sum exact', async () => {
      const names = Array.from({ length: 12 }, (_, i) => `parallel-${i}.com`);
      const before = await countOf(a);
      await Promise.all(names.map((name) => engine.run(registerDomain, { name }, { actor: a.actor })));
      assert.equal(await countOf(a), before + names.length);
      await Promise.all(names.slice(0, 5).map((name) => engine.run(deleteDomain, { name }, { actor: a.actor })));
      assert.equal(await countOf(a), before + names.length - 5);
      await assertCountsMatch(engine.store.db, 'after parallel registrations and deletes');
      if (backend === 'postgres') {
        // Pooled connections are distinct backends: the writes did not all land on one row (16 rows; all 12 on one: 16^-11).
        const rows = await engine.store.db.selectFrom('account_domain_counts').select('shard').where('account_id', '=', a.id).execute();
        assert.ok(rows.length > 1, `spread over ${rows.length} row(s)`);
      }
    });

    test('an export imported into an empty database rebuilds the counts', async () => {
      const expected = await assertCountsMatch(engine.store.db, 'source');
      const dump = await exportDump(engine.store.db, { exportedAt: new Date('2026-02-01T00:00:00Z') });
      assert.ok(!dump.tables.some((t) => t.name === 'account_domain_counts'), 'derived: not exported');
      const target = await openTestStore(backend);
      try {
        await importDump(target.db, JSON.parse(JSON.stringify(dump)));
        assert.deepEqual(await assertCountsMatch(target.db, 'target'), expected);
      } finally {
        await target.close();
      }
    });
  });
}
