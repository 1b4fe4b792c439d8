import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { CurrencyNotSupported } from '../../errors/index.ts';
import { checkAvailability, type CheckResult } from './check-availability.ts';
import { registerDomain } from './register-domain.ts';

/** A result as plain data: an error as its code and details, the name as its A-label. */
function summary(r: CheckResult): unknown {
  if (!r.ok) return { input: r.input, error: r.error.code, details: r.error.details };
  const { name, ...rest } = r;
  return { ...rest, name: name.ascii };
}

const price = (name: string, amountMinor: number, years = 1, kind = 'register', currency = 'EUR') => ({
  currency, lines: [{ kind, label: `register ${name} for ${years} year${years > 1 ? 's' : ''}`, amountMinor }], totalMinor: amountMinor, premium: kind === 'premium',
});

for (const backend of BACKENDS) {
  describe(`${backend}: checkAvailability`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('many names at once: each its availability and price, per-name problems in that name\'s result', async () => {
      const holder = await newAccount(engine, { depositEur: '100.00' });
      const asker = await newAccount(engine, { depositEur: '1.00' });
      await engine.run(registerDomain, { name: 'taken-check.com' }, { actor: holder.actor });
      const results = await engine.run(checkAvailability, {
        names: ['Free-Check.COM', 'taken-check.com', 'www.com', 'cars.com', 'bad_name.com', 'name.unknowntld', 'café-check.fr'],
      }, { actor: asker.actor });
      const base = { ok: true, premium: false, periodMonths: 12 };
      assert.deepEqual(results.map(summary), [
        { input: 'Free-Check.COM', ...base, availability: 'available', price: price('free-check.com', 999), name: 'free-check.com' },
        { input: 'taken-check.com', ...base, availability: 'registered', holderAccountId: holder.id, name: 'taken-check.com' },
        { input: 'www.com', ...base, availability: 'reserved', name: 'www.com' },
        { input: 'cars.com', ...base, premium: true, availability: 'available', price: price('cars.com', 499900, 1, 'premium'), name: 'cars.com' },
        { input: 'bad_name.com', error: 'INVALID_DOMAIN_NAME', details: { param: 'domain', name: 'bad_name.com', reason: 'label "bad_name" may contain only letters, digits and hyphens' } },
        { input: 'name.unknowntld', error: 'UNSUPPORTED_TLD', details: { param: 'domain', tld: 'unknowntld' } },
        { input: 'café-check.fr', ...base, availability: 'available', price: price('xn--caf-check-d4a.fr', 699), name: 'xn--caf-check-d4a.fr' },
      ]);
    });

    test('the period, the currency and the domain type of the quote; FREE only where the TLD offers it', async () => {
      const a = await newAccount(engine, { depositEur: '1.00' });
      const twoYearsUsd = await engine.run(checkAvailability, { names: ['usd-check.com'], periodMonths: 24, currency: 'usd' }, { actor: a.actor });
      assert.deepEqual(twoYearsUsd.map(summary), [
        { input: 'usd-check.com', ok: true, premium: false, periodMonths: 24, availability: 'available', price: price('usd-check.com', 2 * 1099, 2, 'register', 'USD'), name: 'usd-check.com' },
      ]);
      const free = await engine.run(checkAvailability, { names: ['gratis-check.tk', 'gratis-check.com'], domainType: 'FREE' }, { actor: a.actor });
      const [tk, com] = free.map(summary) as [Record<string, unknown>, Record<string, unknown>];
      assert.equal(tk.availability, 'available');
      assert.equal((tk.price as { totalMinor: number }).totalMinor, 0);
      assert.deepEqual(com, { input: 'gratis-check.com', error: 'INVALID_VALUE', details: { param: 'domaintype', reason: '.com offers no free registrations', value: 'FREE' } });
      const badPeriod = await engine.run(checkAvailability, { names: ['period-check.com'], periodMonths: 7 }, { actor: a.actor });
      assert.equal((badPeriod[0] as { error?: { code: string } }).error?.code, 'INVALID_PERIOD');
      await assert.rejects(engine.run(checkAvailability, { names: ['x-check.com'], currency: 'XYZ' }, { actor: a.actor }), CurrencyNotSupported);
    });
  });
}
