import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { SYSTEM } from '../../context.ts';
import { CurrencyNotSupported, UnsupportedTld } from '../../errors/index.ts';
import { quoteDomainPrices } from './quote-domain-prices.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: quoteDomainPrices`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const run = (input: Parameters<typeof quoteDomainPrices>[1]) => engine.run(quoteDomainPrices, input, { actor: SYSTEM });

    test('every PAID period of the TLD, shortest first; premium names at their premium price', async () => {
      const all = await run({ name: 'Prices.COM', op: 'register', currency: 'EUR' });
      assert.deepEqual(all.map((p) => [p.periodMonths, p.quote.totalMinor]), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((y) => [y * 12, y * 999]));
      assert.deepEqual(all[1]!.quote, {
        currency: 'EUR', lines: [{ kind: 'register', label: 'register prices.com for 2 years', amountMinor: 1998 }], totalMinor: 1998, premium: false,
      });
      const [premium] = await run({ name: 'cars.com', op: 'register', currency: 'EUR', periodMonths: 12 });
      assert.equal(premium!.quote.totalMinor, 499900);
      assert.equal(premium!.quote.premium, true);
    });

    test('one period of a renewal', async () => {
      const r = await run({ name: 'renewal.com', op: 'renew', currency: 'EUR', periodMonths: 36 });
      assert.deepEqual(r.map((p) => [p.periodMonths, p.quote.totalMinor, p.quote.lines[0]!.kind]), [[36, 3 * 1199, 'renew']]);
    });

    test('refusals: a TLD outside the policy, a currency it has no price in', async () => {
      await assert.rejects(run({ name: 'a.unknowntld', op: 'register', currency: 'EUR' }), UnsupportedTld);
      await assert.rejects(run({ name: 'a.com', op: 'register', currency: 'XAF' }), CurrencyNotSupported);
    });
  });
}
