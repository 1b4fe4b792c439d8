import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing, snapshotTables } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { CurrencyNotSupported, UnsupportedTld } from '../../errors/index.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { quoteTransfer } from './quote-transfer.ts';
import { requestTransfer } from './request-transfer.ts';

const START = '2026-01-15T10:00:00Z';

const comQuote = { currency: 'EUR', lines: [{ kind: 'transfer', label: 'transfer quoted.com', amountMinor: 999 }], totalMinor: 999, premium: false };

for (const backend of BACKENDS) {
  describe(`${backend}: quoteTransfer`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const quoteFor = (a: TestAccount, name: string, currency?: string) => engine.run(quoteTransfer, { name, ...(currency ? { currency } : {}) }, { actor: a.actor });

    test('success: price, added months and possibility, reporting the first obstacle; writes nothing', async () => {
      const holder = await newAccount(engine, { depositEur: '100.00' });
      const asker = await newAccount(engine, { depositEur: '100.00' });
      const third = await newAccount(engine, { depositEur: '100.00' });
      assert.deepEqual(await quoteFor(asker, 'quoted.com'), { name: 'quoted.com', quote: comQuote, addsMonths: 12, possible: false, reason: 'TRANSFER_NOT_POSSIBLE' });
      await engine.run(registerDomain, { name: 'quoted.com' }, { actor: holder.actor });
      assert.deepEqual(await quoteFor(asker, 'quoted.com'), { name: 'quoted.com', quote: comQuote, addsMonths: 12, possible: false, reason: 'TRANSFER_TOO_SOON' });
      assert.deepEqual(await quoteFor(holder, 'quoted.com'), { name: 'quoted.com', quote: comQuote, addsMonths: 12, possible: false, reason: 'TRANSFER_TO_SELF' });
      engine.clock.advance(days(61));
      const before = await snapshotTables(engine.store.db);
      assert.deepEqual(await quoteFor(asker, 'Quoted.COM'), { name: 'quoted.com', quote: comQuote, addsMonths: 12, possible: true });
      assert.deepEqual(await quoteFor(asker, 'quoted.com', 'usd'), {
        name: 'quoted.com',
        quote: { currency: 'USD', lines: [{ kind: 'transfer', label: 'transfer quoted.com', amountMinor: 1099 }], totalMinor: 1099, premium: false },
        addsMonths: 12,
        possible: true,
      });
      assert.deepEqual(await snapshotTables(engine.store.db), before);

      const { authCode } = await engine.run(getAuthCode, { name: 'quoted.com' }, { actor: holder.actor });
      await engine.run(requestTransfer, { name: 'quoted.com', authCode }, { actor: asker.actor });
      assert.deepEqual(await quoteFor(third, 'quoted.com'), { name: 'quoted.com', quote: comQuote, addsMonths: 12, possible: false, reason: 'TRANSFER_ALREADY_PENDING' });
    });

    test('success: a locked domain and a TLD that adds no time', async () => {
      const holder = await newAccount(engine, { depositEur: '100.00' });
      const asker = await newAccount(engine);
      await engine.run(registerDomain, { name: 'quoted-locked.eu', locked: true }, { actor: holder.actor });
      assert.equal((await quoteFor(asker, 'quoted-locked.eu')).reason, 'DOMAIN_LOCKED');
      await engine.run(registerDomain, { name: 'quoted-de.de' }, { actor: holder.actor });
      const de = await quoteFor(asker, 'quoted-de.de');
      assert.deepEqual([de.possible, de.addsMonths, de.quote.totalMinor], [true, 0, 0]);
    });

    test('failure: an unpriced currency and an unknown TLD', async () => {
      const asker = await newAccount(engine);
      await assertFailsAndChangesNothing(engine.store.db, () => quoteFor(asker, 'quoted.com', 'JPY'), CurrencyNotSupported);
      await assertFailsAndChangesNothing(engine.store.db, () => quoteFor(asker, 'quoted.nope'), UnsupportedTld);
    });
  });
}
