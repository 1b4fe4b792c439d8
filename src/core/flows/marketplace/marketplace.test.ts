import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { DAY, addMonths } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import { CloseoutNotEligible, InsufficientFunds, isRegdError } from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { buyCloseout, closeoutPriceAt, enterCloseout, listCloseouts } from '../closeouts/index.ts';
import { answerPush, createPush } from '../pushes/index.ts';
import { updateAccount } from '../accounts/index.ts';
import { buyListing, commissionOf, getListing, setForSale, setSyndicationAction } from './index.ts';

const usd = { deposits: { USD: '100.00' }, currency: 'USD' } as const;

for (const backend of BACKENDS) {
  describe(`${backend}: marketplace listings and expired closeouts`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());
    const balance = async (id: number) => (await getBalance(engine.store.db, id, 'USD')).balanceMinor;
    const notices = async (id: number) =>
      (await engine.store.db.selectFrom('notifications').select(['kind', 'domain_name']).where('account_id', '=', id).orderBy('id').execute()).map((n) => [n.kind, n.domain_name]);

    test('the closeout schedule: 3 × the renewal, a tenth of the way to the floor (a tenth of the renewal) each whole day, then the floor', () => {
      const com = engine.policy.get('com');
      const start = new Date('2027-01-01T00:00:00Z');
      const at = (ms: number) => closeoutPriceAt(com, 'x.com', 'USD', start, new Date(start.getTime() + ms)).currentMinor;
      assert.deepEqual([at(0), at(DAY - 1), at(DAY), at(2 * DAY), at(9 * DAY), at(10 * DAY), at(40 * DAY)], [3897, 3897, 3521, 3144, 506, 129, 129]);
      assert.equal(closeoutPriceAt(com, 'x.com', 'EUR', start, start).renewalMinor, 1199);
    });

    test('concurrency: 20 buyers of one listing at once → one sale, one charge, one credit less the commission', async () => {
      const seller = await newAccount(engine, usd);
      await engine.run(registerDomain, { name: 'race-listing.com' }, { actor: seller.actor });
      await engine.run(setForSale, { names: ['race-listing.com'], forSale: true, priceMinor: 5000, currency: 'USD' }, { actor: seller.actor });
      const afterRegistration = await balance(seller.id);
      const buyers = await Promise.all(Array.from({ length: 20 }, () => newAccount(engine, usd)));
      const results = await Promise.allSettled(buyers.map((b) => engine.run(buyListing, { name: 'race-listing.com' }, { actor: b.actor })));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [buyers[i]!] : []));
      assert.equal(won.length, 1);
      for (const r of results) if (r.status === 'rejected') assert.ok(isRegdError(r.reason) && r.reason.code === 'LISTING_NOT_FOUND', String(r.reason));
      const paid = await Promise.all(buyers.map((b) => balance(b.id)));
      assert.deepEqual(paid.filter((p) => p !== 10_000), [5000]);
      assert.equal((await balance(seller.id)) - afterRegistration, 5000 - commissionOf(5000));
      const holder = await engine.store.db.selectFrom('domains').select('account_id').where('name', '=', 'race-listing.com').where('released_at', 'is', null).executeTakeFirstOrThrow();
      assert.equal(holder.account_id, won[0]!.id);
      await assert.rejects(engine.run(getListing, { name: 'race-listing.com' }, { actor: seller.actor }), (e) => isRegdError(e) && e.code === 'LISTING_NOT_FOUND');
      assert.deepEqual(await notices(seller.id), [['marketplace.sold', 'race-listing.com']]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('failure: a buyer without the funds changes nothing', async () => {
      const seller = await newAccount(engine, usd);
      await engine.run(registerDomain, { name: 'too-dear.com' }, { actor: seller.actor });
      await engine.run(setForSale, { names: ['too-dear.com'], forSale: true, priceMinor: 50_000, currency: 'USD' }, { actor: seller.actor });
      const poor = await newAccount(engine, usd);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(buyListing, { name: 'too-dear.com' }, { actor: poor.actor }), InsufficientFunds);
    });

    test('a listing ends when its domain changes hands: pushed away and back, it is not listed until listed again (afresh)', async () => {
      const seller = await newAccount(engine, usd);
      const friend = await newAccount(engine, usd);
      await engine.run(updateAccount, { pushUsername: `friend-${friend.id}` }, { actor: friend.actor });
      await engine.run(updateAccount, { pushUsername: `seller-${seller.id}` }, { actor: seller.actor });
      await engine.run(registerDomain, { name: 'round-trip.com' }, { actor: seller.actor });
      await engine.run(setForSale, { names: ['round-trip.com'], forSale: true, priceMinor: 1000, currency: 'USD' }, { actor: seller.actor });
      await engine.run(setSyndicationAction, { name: 'round-trip.com', partner: 'afternic', action: 'confirm_afternic' }, { actor: seller.actor });
      const notListed = (e: unknown) => isRegdError(e) && e.code === 'LISTING_NOT_FOUND';
      engine.clock.advance(1000);
      await engine.run(createPush, { names: ['round-trip.com'], receiverPushUsername: `friend-${friend.id}` }, { actor: seller.actor });
      await engine.run(answerPush, { names: ['round-trip.com'], action: 'accept' }, { actor: friend.actor });
      await assert.rejects(engine.run(getListing, { name: 'round-trip.com' }, { actor: friend.actor }), notListed);
      engine.clock.advance(1000);
      await engine.run(createPush, { names: ['round-trip.com'], receiverPushUsername: `seller-${seller.id}` }, { actor: friend.actor });
      await engine.run(answerPush, { names: ['round-trip.com'], action: 'accept' }, { actor: seller.actor });
      await assert.rejects(engine.run(getListing, { name: 'round-trip.com' }, { actor: friend.actor }), notListed);
      engine.clock.advance(1000);
      await engine.run(setForSale, { names: ['round-trip.com'], forSale: true, priceMinor: 2000, currency: 'USD' }, { actor: seller.actor });
      const again = await engine.run(getListing, { name: 'round-trip.com' }, { actor: friend.actor });
      assert.deepEqual([again.priceMinor, again.afternicAction, again.sellerAccountId], [2000, null, seller.id]);
    });

    test('closeouts: only an expired registration enters; 10 buyers at once → one owner, the others refused, the books balanced', async () => {
      const holder = await newAccount(engine, usd);
      const start = engine.clock.now();
      await engine.run(registerDomain, { name: 'race-closeout.com', autoRenew: false }, { actor: holder.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(enterCloseout, { name: 'race-closeout.com' }, { actor: OPERATOR }), CloseoutNotEligible);
      engine.clock.set(new Date(addMonths(start, 12).getTime() + DAY));
      const entered = await engine.run(enterCloseout, { name: 'race-closeout.com' }, { actor: OPERATOR });
      assert.deepEqual((await engine.run(listCloseouts, { currency: 'USD' }, { actor: OPERATOR })).map((c) => [c.name, c.currentPriceMinor]), [['race-closeout.com', 3897]]);
      engine.clock.set(new Date(entered.startedAt.getTime() + 10 * DAY));
      const buyers = await Promise.all(Array.from({ length: 10 }, () => newAccount(engine, usd)));
      const results = await Promise.allSettled(buyers.map((b) => engine.run(buyCloseout, { name: 'race-closeout.com' }, { actor: b.actor })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') assert.ok(isRegdError(r.reason) && r.reason.code === 'CLOSEOUT_SOLD', String(r.reason));
      const paid = await Promise.all(buyers.map((b) => balance(b.id)));
      assert.deepEqual(paid.filter((p) => p !== 10_000), [10_000 - 129 - 1299]);
      assert.deepEqual(await engine.run(listCloseouts, { currency: 'USD' }, { actor: OPERATOR }), []);
      assert.deepEqual(await notices(holder.id), [['closeout.sold', 'race-closeout.com']]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });
  });
}
