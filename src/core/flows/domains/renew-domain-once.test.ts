import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { DomainNotFound, InvalidPeriod, RenewalAlreadyRequested } from '../../errors/index.ts';
import { getBalance } from '../../money/ledger.ts';
import { getDomain } from './get-domain.ts';
import { registerDomain } from './register-domain.ts';
import { renewDomainOnce } from './renew-domain-once.ts';

const START = '2026-01-15T10:00:00Z';

for (const backend of BACKENDS) {
  describe(`${backend}: renewDomainOnce`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const register = (a: TestAccount, name: string, extra: Record<string, unknown> = {}) =>
      engine.run(registerDomain, { name, ...extra }, { actor: a.actor });
    const renew = (a: TestAccount, name: string, periodMonths = 12) => engine.run(renewDomainOnce, { name, periodMonths }, { actor: a.actor });
    const expiry = async (a: TestAccount, name: string) => (await engine.run(getDomain, { name }, { actor: a.actor })).expiresAt.toISOString();

    test('a retry of a renewal that went through is refused, charged once; the next term renews once the renewed period begins', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'once.com', { autoRenew: false });
      const r = await renew(a, 'once.com');
      assert.equal(r.newExpiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
      const balance = (await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor;

      const e = await assertFailsAndChangesNothing(engine.store.db, () => renew(a, 'once.com'), RenewalAlreadyRequested);
      assert.equal((e as RenewalAlreadyRequested).code, 'RENEWAL_ALREADY_REQUESTED');
      assert.match(e.message, /already has a renewal of its current term \(it expires 2028-01-15\): the renewed period has not begun yet/);
      engine.clock.set('2027-01-15T09:59:59Z');
      await assertFailsAndChangesNothing(engine.store.db, () => renew(a, 'once.com', 24), RenewalAlreadyRequested);
      assert.equal((await getBalance(engine.store.db, a.id, 'EUR')).balanceMinor, balance, 'charged once');

      engine.clock.set('2027-01-15T10:00:00Z'); // the renewed period begins: its renewal may be ordered
      assert.equal((await renew(a, 'once.com')).newExpiresAt.toISOString(), '2029-01-15T10:00:00.000Z');
      await assertFailsAndChangesNothing(engine.store.db, () => renew(a, 'once.com'), RenewalAlreadyRequested);
    });

    test('an impossible period is INVALID_PERIOD before anything else; another account\'s domain is not found', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'once-period.com', { autoRenew: false });
      await renew(a, 'once-period.com');
      await assertFailsAndChangesNothing(engine.store.db, () => renew(a, 'once-period.com', 132), InvalidPeriod);
      await assertFailsAndChangesNothing(engine.store.db, () => renew(b, 'once-period.com'), DomainNotFound);
    });

    test('renewals of other domains, in this account or another, do not count', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'once-a1.com', { autoRenew: false });
      await register(a, 'once-a2.com', { autoRenew: false });
      await register(b, 'once-b1.com', { autoRenew: false });
      await renew(a, 'once-a1.com');
      assert.equal((await renew(a, 'once-a2.com')).newExpiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
      assert.equal((await renew(b, 'once-b1.com')).newExpiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
    });

    test('the automatic renewal of the current term is due (.cz: 30 days early): refused; with auto-renew off, renewed', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'once-auto.cz');
      await register(a, 'once-manual.cz', { autoRenew: false });
      engine.clock.advance(days(340));
      const e = await assertFailsAndChangesNothing(engine.store.db, () => renew(a, 'once-auto.cz'), RenewalAlreadyRequested);
      assert.match(e.message, /its automatic renewal is due/);
      assert.equal((await renew(a, 'once-manual.cz')).newExpiresAt.toISOString(), '2028-01-15T10:00:00.000Z');
      assert.equal(await expiry(a, 'once-auto.cz'), '2027-01-15T10:00:00.000Z');
    });
  });
}
