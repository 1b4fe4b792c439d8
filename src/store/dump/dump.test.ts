import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, openTestStore, type TestEngine } from '../../../test/support/backends.ts';
import { newAccount } from '../../../test/support/fixtures.ts';
import { OPERATOR } from '../../core/context.ts';
import { advanceClock } from '../../core/flows/clock/index.ts';
import { registerDomain } from '../../core/flows/domains/index.ts';
import type { Store } from '../index.ts';
import { DumpError, exportDump, importDump, type DataDump } from './index.ts';

const AT = new Date('2026-02-01T00:00:00Z');

for (const backend of BACKENDS) {
  describe(`${backend}: export and import`, () => {
    let source: TestEngine;
    let target: Store;
    let dump: DataDump;
    before(async () => {
      source = await openTestEngine(backend);
      const a = await newAccount(source, { depositEur: '100.00', deposits: { CZK: '500.00' }, pushUsername: 'dumper' });
      await source.run(registerDomain, { name: 'exported.com', nameServers: ['ns1.dns-host.example', 'ns2.dns-host.example'] }, { actor: a.actor });
      await source.run(advanceClock, { mode: 'sandbox', duration: '7d' }, { actor: OPERATOR });
      target = await openTestStore(backend);
    });
    after(async () => {
      await source.store.close();
      await target.close();
    });

    test('export: parents before children, rows in key order, sequences and migrations recorded', async () => {
      dump = await exportDump(source.store.db, { exportedAt: AT });
      assert.equal(dump.exportedAt, AT.toISOString());
      const names = dump.tables.map((t) => t.name);
      assert.ok(names.indexOf('accounts') < names.indexOf('orders'));
      assert.ok(names.indexOf('orders') < names.indexOf('order_items'));
      assert.ok(names.indexOf('orders') < names.indexOf('domains'));
      assert.ok(!names.some((n) => n.startsWith('kysely_')));
      const domains = dump.tables.find((t) => t.name === 'domains')!;
      const row = Object.fromEntries(domains.columns.map((c, i) => [c, domains.rows[0]![i]]));
      assert.equal(row.name, 'exported.com');
      assert.deepEqual(row.name_servers, ['ns1.dns-host.example', 'ns2.dns-host.example'], 'jsonb stays JSON');
      assert.ok(dump.sequences.some((s) => s.name === 'order_numbers' && s.isCalled));
      assert.ok(dump.migrations.includes('0001-foundation'));
    });

    test('import into an empty database reproduces the export exactly', async () => {
      const summary = await importDump(target.db, JSON.parse(JSON.stringify(dump)));
      assert.equal(summary.rows, dump.tables.reduce((n, t) => n + t.rows.length, 0));
      assert.deepEqual(await exportDump(target.db, { exportedAt: AT }), dump);
    });

    test('import refuses a non-empty database, another schema and damaged files, changing nothing', async () => {
      const before = await exportDump(target.db, { exportedAt: AT });
      const refusals: [unknown, string][] = [
        [dump, 'DATABASE_NOT_EMPTY'],
        [{ ...dump, migrations: ['0001-foundation'] }, 'SCHEMA_MISMATCH'],
        [{ ...dump, version: 2 }, 'INVALID_EXPORT'],
        [{ format: 'something-else' }, 'INVALID_EXPORT'],
        [{ ...dump, tables: 'all of them' }, 'INVALID_EXPORT'],
      ];
      for (const [input, code] of refusals) {
        await assert.rejects(importDump(target.db, input), (e: unknown) => e instanceof DumpError && e.code === code, code);
      }
      assert.deepEqual(await exportDump(target.db, { exportedAt: AT }), before);
    });

    test('a failing row rolls the whole import back', async () => {
      const fresh = await openTestStore(backend);
      try {
        const broken = structuredClone(dump) as unknown as { tables: { name: string; rows: unknown[][] }[] };
        broken.tables.find((t) => t.name === 'domains')!.rows[0]![0] = 'not-an-id';
        await assert.rejects(importDump(fresh.db, broken));
        const accounts = await fresh.db.selectFrom('accounts').select('id').execute();
        assert.deepEqual(accounts, []);
      } finally {
        await fresh.close();
      }
    });
  });
}
