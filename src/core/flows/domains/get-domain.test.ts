import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import { AccountNotFound, DomainNotFound, InvalidDomainName, NotAuthorizedOperation } from '../../errors/index.ts';
import { getDomain } from './get-domain.ts';
import { registerDomain } from './register-domain.ts';

const START = '2026-01-15T10:00:00Z';

for (const backend of BACKENDS) {
  describe(`${backend}: getDomain`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    test('success: the owner sees the same view the registration returned, by any spelling', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const r = await engine.run(registerDomain, { name: 'café-get.fr' }, { actor: a.actor });
      assert.deepEqual(await engine.run(getDomain, { name: 'CAFÉ-get.fr' }, { actor: a.actor }), r.domain);
      assert.deepEqual(await engine.run(getDomain, { name: 'xn--caf-get-dya.fr' }, { actor: a.actor }), r.domain);
    });

    test('success: the operator reads a domain by naming its account', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const r = await engine.run(registerDomain, { name: 'operator-get.com' }, { actor: a.actor });
      assert.deepEqual(await engine.run(getDomain, { accountId: a.id, name: 'operator-get.com' }, { actor: OPERATOR }), r.domain);
    });

    test('success: the state is projected at the current instant', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const r = await engine.run(registerDomain, { name: 'projected-get.com' }, { actor: a.actor });
      engine.clock.advance(days(366));
      assert.deepEqual(await engine.run(getDomain, { name: 'projected-get.com' }, { actor: a.actor }), {
        ...r.domain,
        state: 'expired',
        inAddGrace: false,
        redemptionEndsAt: new Date('2027-03-31T10:00:00Z'),
        releasesAt: new Date('2027-04-05T10:00:00Z'),
      });
    });

    test('failure: another account\'s domain and an unknown domain are not found', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await engine.run(registerDomain, { name: 'private-get.com' }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getDomain, { name: 'private-get.com' }, { actor: b.actor }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getDomain, { name: 'unknown-get.com' }, { actor: a.actor }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getDomain, { accountId: b.id, name: 'private-get.com' }, { actor: OPERATOR }), DomainNotFound);
    });

    test('failure: a released domain is not found', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'released-get.com' }, { actor: a.actor });
      engine.clock.advance(days(365 + 45 + 30 + 5 + 1));
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getDomain, { name: 'released-get.com' }, { actor: a.actor }), DomainNotFound);
    });

    test('failure: invalid name, operator without an account, account naming another account', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getDomain, { name: '-bad-.com' }, { actor: a.actor }), InvalidDomainName);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getDomain, { name: 'any.com' }, { actor: OPERATOR }), NotAuthorizedOperation);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getDomain, { accountId: b.id, name: 'any.com' }, { actor: a.actor }), AccountNotFound);
    });
  });
}
