import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing, MONEY_AND_DOMAIN_TABLES } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { days, hours } from '../../clock.ts';
import { OPERATOR, SYSTEM } from '../../context.ts';
import { DomainNotFound, InvalidValue, NotAuthorizedOperation } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { getWhoisStats, recordWhoisLookup } from './whois-stats.ts';

const TABLES = [...MONEY_AND_DOMAIN_TABLES, 'whois_lookups'];

for (const backend of BACKENDS) {
  describe(`${backend}: WHOIS lookup counts`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: '2026-03-10T22:00:00Z' });
    });
    after(async () => engine.store.close());

    test('success: lookups counted per UTC day, read over a range; unregistered names are not counted', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'looked-up.com' }, { actor: a.actor });
      const look = (name: string) => engine.run(recordWhoisLookup, { name }, { actor: SYSTEM });
      assert.deepEqual(await engine.run(getWhoisStats, { name: 'looked-up.com' }, { actor: a.actor }), { name: 'looked-up.com', from: '2026-02-09', to: '2026-03-10', total: 0, days: [] });
      assert.deepEqual(await look('looked-up.com'), { counted: true });
      await look('LOOKED-UP.com');
      engine.clock.advance(hours(3));
      await look('looked-up.com');
      assert.deepEqual(await look('not-registered-here.com'), { counted: false });
      engine.clock.advance(days(2));
      await engine.run(recordWhoisLookup, { name: 'looked-up.com' }, { actor: OPERATOR });
      assert.deepEqual(await engine.run(getWhoisStats, { name: 'looked-up.com' }, { actor: a.actor }), {
        name: 'looked-up.com', from: '2026-02-12', to: '2026-03-13', total: 4,
        days: [{ day: '2026-03-10', lookups: 2 }, { day: '2026-03-11', lookups: 1 }, { day: '2026-03-13', lookups: 1 }],
      });
      const range = { from: new Date('2026-03-11T00:00:00Z'), to: new Date('2026-03-12T23:00:00Z') };
      assert.deepEqual(await engine.run(getWhoisStats, { name: 'looked-up.com', ...range }, { actor: a.actor }), {
        name: 'looked-up.com', from: '2026-03-11', to: '2026-03-12', total: 1, days: [{ day: '2026-03-11', lookups: 1 }],
      });
    });

    test('failure: an account cannot record, another account\'s domain, bad ranges; nothing changes', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await engine.run(registerDomain, { name: 'looked-up-two.com' }, { actor: a.actor });
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => engine.run(recordWhoisLookup, { name: 'looked-up-two.com' }, { actor: a.actor }), NotAuthorizedOperation, TABLES);
      await assertFailsAndChangesNothing(db, () => engine.run(getWhoisStats, { name: 'looked-up-two.com' }, { actor: b.actor }), DomainNotFound, TABLES);
      const stats = (from: Date, to: Date) => engine.run(getWhoisStats, { name: 'looked-up-two.com', from, to }, { actor: a.actor });
      await assertFailsAndChangesNothing(db, () => stats(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-01T00:00:00Z')), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, () => stats(new Date('2025-01-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z')), InvalidValue, TABLES);
      await assertFailsAndChangesNothing(db, () => stats(new Date('nope'), new Date('2026-03-01T00:00:00Z')), InvalidValue, TABLES);
    });
  });
}
