import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { DAY, MINUTE } from '../../clock.ts';
import { OPERATOR, SYSTEM } from '../../context.ts';
import { AuctionClosed, AuctionExists, BidTooLow, DomainNotAvailable } from '../../errors/index.ts';
import { getBalance, verifyBalances } from '../../money/ledger.ts';
import { updateAccount } from '../accounts/update-account.ts';
import { checkAvailability } from '../domains/check-availability.ts';
import { getDomain } from '../domains/get-domain.ts';
import { deleteDomain } from '../domains/delete-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { answerPush } from '../pushes/answer-push.ts';
import { createPush } from '../pushes/create-push.ts';
import { closeDueAuction, getAuctionDetails, listDueAuctionCloses, openAuctionByOperator, placeAuctionBid } from './index.ts';

const TABLES = ['auctions', 'auction_bids', 'auction_proxies', 'ledger_entries', 'balances', 'domains'];
const usd = (balanceMinor: number, onHoldMinor = 0) => ({ currency: 'USD', balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor });

for (const backend of BACKENDS) {
  describe(`${backend}: the auction engine`, () => {
    let engine: TestEngine;
    let seller: TestAccount;
    before(async () => {
      engine = await openTestEngine(backend);
      seller = await newAccount(engine, { deposits: { USD: '100.00' }, currency: 'USD' });
    });
    after(async () => engine.store.close());

    const balance = (a: TestAccount) => getBalance(engine.store.db, a.id, 'USD');
    const bidder = () => newAccount(engine, { deposits: { USD: '100.00' }, currency: 'USD' });
    const bid = (who: TestAccount, name: string, amountMinor: number) => engine.run(placeAuctionBid, { name, amountMinor }, { actor: who.actor });
    async function userAuction(name: string, startPriceMinor = 1000) {
      await engine.run(registerDomain, { name, autoRenew: false }, { actor: seller.actor });
      return engine.run(openAuctionByOperator, { type: 'user', name, startPriceMinor, durationMs: DAY }, { actor: OPERATOR });
    }
    async function sweepCloses() {
      for (const auctionId of await engine.run(listDueAuctionCloses, {}, { actor: SYSTEM })) await engine.run(closeDueAuction, { auctionId }, { actor: SYSTEM });
    }

    test('success: a user auction sells: the winner pays the final price, the seller is credited it, the domain moves', async () => {
      const b = await bidder();
      await userAuction('forsale.com');
      const sellerBefore = (await balance(seller)).balanceMinor;
      await bid(b, 'forsale.com', 2500);
      assert.deepEqual(await balance(b), usd(10000, 2500));
      engine.clock.advance(DAY + MINUTE);
      await sweepCloses();
      assert.deepEqual(await balance(b), usd(10000 - 1000));
      assert.equal((await balance(seller)).balanceMinor, sellerBefore + 1000);
      assert.equal((await engine.run(getDomain, { name: 'forsale.com' }, { actor: b.actor })).name, 'forsale.com');
      const [d] = await engine.run(getAuctionDetails, { names: ['forsale.com'] }, { actor: b.actor });
      assert.deepEqual([d!.auction.statusId, d!.auction.currentPriceMinor, d!.auction.you.won], [4, 1000, true]);
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });

    test('success: equal maximums go to the earlier proxy, at that maximum', async () => {
      const [x, y] = [await bidder(), await bidder()];
      await userAuction('tie.com');
      await bid(x, 'tie.com', 3000);
      const r = await bid(y, 'tie.com', 3000);
      assert.deepEqual([r.auction.you.isLeader, r.auction.currentPriceMinor], [false, 3000]);
      assert.deepEqual([await balance(x), await balance(y)], [usd(10000, 3000), usd(10000)]);
      // Now the minimum is 30.00 + $1.00.
      await assertFailsAndChangesNothing(engine.store.db, () => bid(y, 'tie.com', 3050), BidTooLow, TABLES);
    });

    test('success: a push away ends the auction (status 5) and releases the leader\'s hold', async () => {
      const b = await bidder();
      const receiver = await newAccount(engine, { deposits: { USD: '10.00' }, currency: 'USD' });
      await engine.run(updateAccount, { pushUsername: 'auction-receiver' }, { actor: receiver.actor });
      await userAuction('pushed.com');
      await bid(b, 'pushed.com', 2000);
      await engine.run(createPush, { names: ['pushed.com'], receiverPushUsername: 'auction-receiver' }, { actor: seller.actor });
      await engine.run(answerPush, { names: ['pushed.com'], action: 'accept' }, { actor: receiver.actor });
      assert.deepEqual(await balance(b), usd(10000));
      const [d] = await engine.run(getAuctionDetails, { names: ['pushed.com'] }, { actor: b.actor });
      assert.equal(d!.auction.statusId, 5);
      await assertFailsAndChangesNothing(engine.store.db, () => bid(b, 'pushed.com', 5000), AuctionClosed, TABLES);
    });

    test('success: a holder that deletes its domain ends its auction (status 1) and the leader\'s hold is released', async () => {
      const b = await bidder();
      await userAuction('deleted.com');
      await bid(b, 'deleted.com', 2000);
      await engine.run(deleteDomain, { name: 'deleted.com' }, { actor: seller.actor });
      assert.deepEqual(await balance(b), usd(10000));
      const [d] = await engine.run(getAuctionDetails, { names: ['deleted.com'] }, { actor: b.actor });
      assert.equal(d!.auction.statusId, 1);
    });

    test('failure: one open auction per name; an ended auction takes no bid before the sweeper closes it', async () => {
      const b = await bidder();
      await userAuction('once.com');
      await assertFailsAndChangesNothing(
        engine.store.db,
        () => engine.run(openAuctionByOperator, { type: 'user', name: 'once.com', startPriceMinor: 500, durationMs: DAY }, { actor: OPERATOR }),
        AuctionExists,
        TABLES,
      );
      engine.clock.advance(DAY);
      await assertFailsAndChangesNothing(engine.store.db, () => bid(b, 'once.com', 2000), AuctionClosed, TABLES);
      await sweepCloses();
      const [d] = await engine.run(getAuctionDetails, { names: ['once.com'] }, { actor: b.actor });
      assert.deepEqual([d!.auction.statusId, d!.auction.you.won], [4, false]);
      assert.equal((await engine.run(getDomain, { name: 'once.com' }, { actor: seller.actor })).name, 'once.com');
    });

    test('failure: a bare name in an open registry_expired auction cannot be registered by anyone (either registration path) until the close gives it to the winner', async () => {
      const [b, other] = [await bidder(), await bidder()];
      await engine.run(openAuctionByOperator, { type: 'registry_expired', name: 'bare-lot.com', startPriceMinor: 1500, durationMs: DAY }, { actor: OPERATOR });
      const [check] = await engine.run(checkAvailability, { names: ['bare-lot.com'] }, { actor: other.actor });
      assert.deepEqual(check!.ok && [check!.availability, check!.holderAccountId], ['registered', undefined]);
      // The runner's one statement and the step-by-step path (a dry run).
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'bare-lot.com' }, { actor: other.actor }), DomainNotAvailable, TABLES);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(registerDomain, { name: 'bare-lot.com' }, { actor: other.actor, dryRun: true }), DomainNotAvailable, TABLES);
      await bid(b, 'bare-lot.com', 2000);
      engine.clock.advance(DAY + MINUTE);
      await sweepCloses();
      assert.equal((await engine.run(getDomain, { name: 'bare-lot.com' }, { actor: b.actor })).name, 'bare-lot.com');
      assert.deepEqual(await verifyBalances(engine.store.db), []);
    });
  });
}
