/**
 * Dynadot auction commands over real HTTP (spec §13, §15.11) on the auction
 * engine, with the movable clock: an expiring .com enters its expired
 * auction 30 days after expiry, two accounts bid by proxy, a late bid moves
 * the end, the sweeper closes it, the winner owns the domain (seen through
 * KifDom too) and the ledger balances; a renewal by the holder closes an
 * auction by renewal (status 3); refusals in the command's envelope
 * changing nothing; 100 concurrent bids on one auction leave one leader, no
 * overdraft, and exactly the leader's maximum on hold.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getDomain, openAuction, OPERATOR, registerDomain, type Engine } from '../../../src/core/index.ts';
import { getBalance, verifyBalances } from '../../../src/core/money/ledger.ts';
import { BACKENDS } from '../../support/backends.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { call as freenomCall, creds } from '../freenom/support.ts';
import { isoSeconds, KifdomClient } from '../kifdom/support.ts';
import { decimalOrMinusOne, decimalPrice } from '../../../src/dialects/dynadot/commands/auction-values.ts';
import { assertBody, assertJson, dynadotAccount, type Client, type ParamMap } from './support.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** The sandbox clock runs on from where it was set: an instant stamped by the server lies within a minute after it. */
function within(stamp: number, from: Date): number {
  assert.ok(stamp >= from.getTime() && stamp < from.getTime() + MIN, `${stamp} not within a minute after ${from.toISOString()}`);
  return stamp;
}
const utc = (d: Date, seconds = false) =>
  `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''} UTC`;

test('the PascalCase answers print amounts as Java prints a double (YourProxyBid 1000.0 [L5355], BidPrice 1.0 [L5486], RenewalPrice -0.1 [L5157])', () => {
  assert.deepEqual([100000, 100, 2050, 1299, 635, -10, 0].map((m) => decimalPrice(m, 'USD')), ['1000.0', '1.0', '20.5', '12.99', '6.35', '-0.1', '0.0']);
  assert.deepEqual([decimalOrMinusOne(null, 'USD'), decimalOrMinusOne(8999, 'USD')], ['-1', '89.99']);
});

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot auction commands`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let seller: TestAccount & { c: Client };
    let a: TestAccount & { c: Client };
    let b: TestAccount & { c: Client };
    let expiry: Date;
    let auctionStart: Date;
    let auctionEnd: Date;
    /** renewme.com's auction (registered a few milliseconds later). */
    let renewStart: Date;
    let renewEnd: Date;

    const setClock = async (at: Date) => assert.equal((await ops(t.url, 'clock set', { at: at.toISOString() })).status, 200);
    const sweep = async () => assert.equal((await ops(t.url, 'sweep')).status, 200);
    const balance = async (who: TestAccount) => getBalance(t.services.store.db, who.id, 'USD');
    const legacyOk = (root: string) => `<${root}Response>\n  <${root}Header>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </${root}Header>\n</${root}Response>\n`;
    const legacyError = (root: string, text: string, declaration = false) =>
      `${declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}<${root}Response>\n  <${root}Header>\n    <SuccessCode>-1</SuccessCode>\n    <Status>error</Status>\n    <Error>${text}</Error>\n  </${root}Header>\n</${root}Response>\n`;
    async function refused(who: Client, command: string, params: ParamMap, xmlRoot: string, text: string, declaration = false, bare = true): Promise<void> {
      const before = await snapshotTables(t.services.store.db, ['auctions', 'auction_bids', 'auction_proxies', 'ledger_entries', 'balances']);
      assertBody(await who.xml(command, params), legacyError(xmlRoot, text, declaration));
      assertJson(await who.json(command, params), bare ? { status: 'error', error: text } : { [`${xmlRoot}Response`]: { ResponseCode: -1, Status: 'error', Error: text } });
      assert.deepStrictEqual(await snapshotTables(t.services.store.db, ['auctions', 'auction_bids', 'auction_proxies', 'ledger_entries', 'balances']), before);
    }

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      seller = await dynadotAccount(engine, t.url);
      a = await dynadotAccount(engine, t.url);
      b = await dynadotAccount(engine, t.url);
      for (const name of ['oldname.com', 'renewme.com']) await engine.run(registerDomain, { name, autoRenew: false, periodMonths: 12 }, { actor: seller.actor });
      expiry = (await engine.run(getDomain, { name: 'oldname.com' }, { actor: seller.actor })).expiresAt;
      auctionStart = new Date(expiry.getTime() + 30 * DAY);
      auctionEnd = new Date(auctionStart.getTime() + 7 * DAY);
      renewStart = new Date((await engine.run(getDomain, { name: 'renewme.com' }, { actor: seller.actor })).expiresAt.getTime() + 30 * DAY);
      renewEnd = new Date(renewStart.getTime() + 7 * DAY);
    });
    after(async () => t?.close());

    test('success: an expired .com enters its auction 30 days after expiry (get_open_auctions, XML, JSON and CSV)', async () => {
      await setClock(new Date(auctionStart.getTime() - MIN));
      await sweep();
      assertJson(await a.c.json('get_open_auctions', { currency: 'usd', type: 'expired' }), { status: 'success', auction_list: [] });
      await setClock(new Date(auctionStart.getTime() + 30 * MIN));
      await sweep();
      const now = new Date(auctionStart.getTime() + 30 * MIN);
      const list = JSON.parse((await a.c.json('get_open_auctions', { currency: 'usd', type: 'expired,user' })).text) as { auction_list: { auction_id: number; domain: string }[] };
      assert.deepEqual(list.auction_list.map((x) => x.domain), ['oldname.com', 'renewme.com']);
      const id = list.auction_list[0]!.auction_id;
      const item = (auctionId: number, domain: string, auctionStart: Date, auctionEnd: Date) => ({
        auction_id: auctionId, domain, utf_name: domain, is_idn: false, auction_type: 'expired', currency: 'USD', current_bid_price: '12.99', bids: 0, bidders: 0,
        time_left: '6 days, 23 hours', start_time: utc(auctionStart), start_time_stamp: auctionStart.getTime(), end_time: utc(auctionEnd), end_time_stamp: auctionEnd.getTime(),
        visitors: -1, links: '-', age: 1, estibot_appraisal: '-',
      });
      assertJson(await a.c.json('get_open_auctions', { type: 'expired' }), { status: 'success', auction_list: [item(id, 'oldname.com', auctionStart, auctionEnd), item(id + 1, 'renewme.com', renewStart, renewEnd)] });
      const xmlItem = (auctionId: number, domain: string, auctionEnd: Date) =>
        `    <Auction>\n      <AuctionId>${auctionId}</AuctionId>\n      <Domain>${domain}</Domain>\n      <BidPrice>12.99</BidPrice>\n      <BidPriceCurrency>USD</BidPriceCurrency>\n      <Bids>0</Bids>\n` +
        `      <EndTime>${utc(auctionEnd)}</EndTime>\n      <EndTimestamp>${auctionEnd.getTime()}</EndTimestamp>\n      <Revenue>-1</Revenue>\n      <RevenueCurrency>USD</RevenueCurrency>\n` +
        `      <Visitors>-1</Visitors>\n      <Links>-1</Links>\n      <Age>1</Age>\n    </Auction>\n`;
      assertBody(await a.c.xml('get_open_auctions', { currency: 'usd', type: 'expired' }),
        `<GetOpenAuctionsResponse>\n  <GetOpenAuctionsHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetOpenAuctionsHeader>\n  <GetOpenAuctionsContent>\n${xmlItem(id, 'oldname.com', auctionEnd)}${xmlItem(id + 1, 'renewme.com', renewEnd)}  </GetOpenAuctionsContent>\n</GetOpenAuctionsResponse>\n`);
      const row = (auctionId: number, domain: string, auctionEnd: Date) => `${auctionId},${domain},12.99,USD,0,${utc(auctionEnd)},${auctionEnd.getTime()},-1,USD,-1,-1,1`;
      assertBody(await a.c.csv('get_open_auctions', { type: 'expired' }),
        `ok,\nsuccess,\nAuctionId,Domain,BidPrice,BidPriceCurrency,Bids,EndTime,EndTimestamp,Revenue,RevenueCurrency,Visitors,Links,Age\n${row(id, 'oldname.com', auctionEnd)}\n${row(id + 1, 'renewme.com', renewEnd)}\n`);
      assert.ok(now.getTime() > auctionStart.getTime());
      await refused(a.c, 'get_open_auctions', { type: 'closeout' }, 'GetOpenAuctions', 'invalid type: "closeout"');
    });

    test('success: two accounts bid by proxy; holds follow the leader; refusals change nothing', async () => {
      const bidAt = new Date(auctionStart.getTime() + 90 * MIN);
      await setClock(bidAt);
      const first = await a.c.json('place_auction_bid', { domain: 'oldname.com', bid_amount: '20', currency: 'usd' });
      const firstBody = JSON.parse(first.text) as { auction_details: { auction_json: { auction_id: number } } };
      const id = firstBody.auction_details.auction_json.auction_id;
      const ts = within(JSON.parse(first.text).auction_details.bid_history[0].timestamp, bidAt);
      assertJson(first, {
        status: 'success',
        auction_details: {
          auction_json: {
            auction_id: id, domain: 'oldname.com', utf_name: 'oldname.com', is_idn: false, auction_type: 'expired', current_bid_price: '12.99', accepted_bid_price: '13.99',
            currency: 'USD', is_high_bidder: true, bids: 1, bidders: 1, time_left: '6 days, 22 hours', start_time: utc(auctionStart), start_time_stamp: auctionStart.getTime(),
            end_time: utc(auctionEnd), end_time_stamp: auctionEnd.getTime(), revenue: '-', visitors: -1, links: '-', age: 1, estibot_appraisal: '-',
            auction_ended: false, customer_bided: true, customer_bid: '12.99', customer_proxy_bid: '$20.00',
          },
          bid_history: [{ bidder_name: 'You', bid_price: '12.99', currency: 'USD', timestamp: ts, bid_status: 'High Bidder', is_proxy_auto_bid: false }],
        },
      });
      assert.deepEqual([(await balance(a)).onHoldMinor, (await balance(a)).balanceMinor], [2000, 100000]);

      // B bids 15.00: A's proxy defends at 16.00 (15.00 + the $1.00 increment).
      assertBody(await b.c.xml('place_auction_bid', { domain: 'oldname.com', bid_amount: '15.00' }), legacyOk('PlaceAuctionBid'));
      assert.equal((await balance(b)).onHoldMinor, 0);
      // B bids 30.00: B leads at 21.00 (A's maximum + $1.00); A's hold is released at once.
      assertBody(await b.c.csv('place_auction_bid', { domain: 'oldname.com', bid_amount: '30' }), 'ok,success\n');
      assert.equal((await balance(a)).onHoldMinor, 0);
      assert.equal((await balance(b)).onHoldMinor, 3000);

      const details = (who: 'a' | 'b', high: boolean, current: string, proxy: string) =>
        `<?xml version="1.0" encoding="UTF-8"?>\n<GetAuctionDetailsResponse>\n  <GetAuctionDetailsHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetAuctionDetailsHeader>\n  <GetAuctionDetailsContent>\n    <Auction>\n` +
        `      <AuctionStatusId>0</AuctionStatusId>\n      <AuctionStatus>In Progress</AuctionStatus>\n      <AuctionId>${id}</AuctionId>\n      <Domain>oldname.com</Domain>\n      <BidPrice>21.0</BidPrice>\n      <BidPriceCurrency>USD</BidPriceCurrency>\n      <Bids>5</Bids>\n` +
        `      <EndTime>${utc(auctionEnd)}</EndTime>\n      <EndTimestamp>${auctionEnd.getTime()}</EndTimestamp>\n      <Revenue>-1</Revenue>\n      <RevenueCurrency>USD</RevenueCurrency>\n      <Visitors>-1</Visitors>\n      <Links>-1</Links>\n      <Age>1</Age>\n` +
        `      <isPremium>false</isPremium>\n      <RenewalPrice>12.99</RenewalPrice>\n      <UserIsHighBid>${high}</UserIsHighBid>\n      <YourCurrentBid>${current}</YourCurrentBid>\n      <YourProxyBid>${proxy}</YourProxyBid>\n    </Auction>\n  </GetAuctionDetailsContent>\n</GetAuctionDetailsResponse>\n` + (who === 'a' ? '' : '');
      assertBody(await a.c.xml('get_auction_details', { domain: 'oldname.com', currency: 'usd' }), details('a', false, '20.0', '20.0'));
      assertBody(await b.c.xml('get_auction_details', { domain: 'oldname.com' }), details('b', true, '21.0', '30.0'));
      assertBody(await seller.c.xml('get_auction_details', { domain: 'oldname.com' }), details('a', false, '-1', '-1'));
      const history = (JSON.parse((await b.c.json('get_auction_details', { domain: 'oldname.com' })).text) as { size: number; auction_details: { bid_history: unknown[] }[] });
      assert.equal(history.size, 1);
      assert.deepEqual(history.auction_details[0]!.bid_history.map((h) => ({ ...(h as object), timestamp: within((h as { timestamp: number }).timestamp, bidAt) && bidAt.getTime() })), [
        { bidder_name: 'You', bid_price: '21.00', currency: 'USD', timestamp: bidAt.getTime(), bid_status: 'High Bidder', is_proxy_auto_bid: false },
        { bidder_name: 'Bidder 1', bid_price: '20.00', currency: 'USD', timestamp: bidAt.getTime(), bid_status: 'Out Bid', is_proxy_auto_bid: true },
        { bidder_name: 'Bidder 1', bid_price: '16.00', currency: 'USD', timestamp: bidAt.getTime(), bid_status: 'Out Bid', is_proxy_auto_bid: true },
        { bidder_name: 'You', bid_price: '15.00', currency: 'USD', timestamp: bidAt.getTime(), bid_status: 'High Bidder', is_proxy_auto_bid: false },
        { bidder_name: 'Bidder 1', bid_price: '12.99', currency: 'USD', timestamp: bidAt.getTime(), bid_status: 'Out Bid', is_proxy_auto_bid: false },
      ]);
      assertJson(await a.c.json('get_auction_bids', { currency: 'usd' }), {
        status: 'success',
        auction_bids: [{
          bid_id: JSON.parse((await a.c.json('get_auction_bids')).text).auction_bids[0].bid_id, auction_id: id, account_id: String(a.id), domain: 'oldname.com', domain_utf: 'oldname.com',
          auction_type: 'expired', is_idn: false, current_bid: '$21.00', your_status: 'Out Bid', proxy_bid: '$20.00', active_bidders: 2, time_left: '6 days, 22 hours',
          end_time: utc(auctionEnd, true), end_time_stamp: auctionEnd.getTime(),
        }],
      });

      await refused(a.c, 'place_auction_bid', { domain: 'oldname.com', bid_amount: '21.50' }, 'PlaceAuctionBid', 'your bid is too low, the minimum bid for oldname.com is 22.00 USD');
      await refused(seller.c, 'place_auction_bid', { domain: 'oldname.com', bid_amount: '50' }, 'PlaceAuctionBid', 'you can not bid in the auction of your own domain');
      await refused(a.c, 'place_auction_bid', { domain: 'nothere.com', bid_amount: '50' }, 'PlaceAuctionBid', 'could not find an auction for nothere.com');
      await refused(a.c, 'place_auction_bid', { domain: 'oldname.com', bid_amount: '5000' }, 'PlaceAuctionBid', 'not enough account balance to place this bid');
      await refused(a.c, 'place_auction_bid', { domain: 'oldname.com', bid_amount: '25', currency: 'eur' }, 'PlaceAuctionBid', 'invalid currency: "eur", auctions are held in USD only');
      await refused(a.c, 'place_auction_bid', { domain: 'oldname.com', bid_amount: '2.555' }, 'PlaceAuctionBid', 'invalid bid_amount: "2.555"');
      await refused(a.c, 'place_auction_bid', { domain: 'oldname.com', bid_amount: '0' }, 'PlaceAuctionBid', 'invalid bid_amount: "0"');
      await refused(a.c, 'get_auction_details', { domain: 'nothere.com' }, 'GetAuctionDetails', 'could not find an auction for nothere.com', true);
    });

    test('success: a renewal by the holder closes its auction by renewal (status 3) and releases the bid hold', async () => {
      assertBody(await b.c.xml('place_auction_bid', { domain: 'renewme.com', bid_amount: '13' }), legacyOk('PlaceAuctionBid'));
      assert.equal((await balance(b)).onHoldMinor, 3000 + 1300);
      const renewed = await seller.c.obj('renew', { domain: 'renewme.com', duration: 1 });
      assert.equal((renewed.RenewResponse as Record<string, unknown>).Status, 'success');
      assert.equal((await balance(b)).onHoldMinor, 3000);
      const d = JSON.parse((await b.c.json('get_auction_details', { domain: 'renewme.com' })).text) as { auction_details: { auction_json: Record<string, unknown> }[] };
      assert.equal(d.auction_details[0]!.auction_json.auction_status_id, 3);
      await refused(b.c, 'place_auction_bid', { domain: 'renewme.com', bid_amount: '20' }, 'PlaceAuctionBid', 'the auction for renewme.com is closed');
    });

    test('success: a late bid moves the end; the sweeper closes the auction; the winner owns the domain; the ledger balances', async () => {
      const late = new Date(auctionEnd.getTime() - 2 * MIN);
      await setClock(late);
      assertBody(await a.c.xml('place_auction_bid', { domain: 'oldname.com', bid_amount: '40' }), legacyOk('PlaceAuctionBid'));
      const open = JSON.parse((await a.c.json('get_auction_details', { domain: 'oldname.com' })).text) as { auction_details: { auction_json: Record<string, unknown> }[] };
      const newEnd = new Date(within(open.auction_details[0]!.auction_json.end_time_stamp as number, new Date(late.getTime() + 5 * MIN)));
      assert.equal(open.auction_details[0]!.auction_json.current_bid_price, '31.00');
      // The original end has passed, the moved one not: still open.
      await setClock(new Date(auctionEnd.getTime() + MIN));
      await sweep();
      assert.equal((await balance(a)).onHoldMinor, 4000);
      await setClock(new Date(newEnd.getTime() + MIN));
      await sweep();
      assert.deepEqual(await balance(a), { currency: 'USD', balanceMinor: 100000 - 3100, onHoldMinor: 0, availableMinor: 100000 - 3100 });
      assert.deepEqual(await balance(b), { currency: 'USD', balanceMinor: 100000, onHoldMinor: 0, availableMinor: 100000 });
      assert.deepEqual(await verifyBalances(t.services.store.db), []);
      const holds = await t.services.store.db.selectFrom('ledger_entries').select(['kind']).select((eb) => eb.fn.sum<string>('amount_minor').as('total')).where('account_id', 'in', [a.id, b.id]).groupBy('kind').orderBy('kind').execute();
      assert.deepEqual(holds.map((h) => [h.kind, Number(h.total)]), [['charge', 3100], ['deposit', 200000], ['hold', 2000 + 3000 + 1300 + 4000], ['release', 2000 + 3000 + 1300 + 4000]]);

      // The winner holds the domain, renewed one year from its expiry; the seller no longer does (KifDom).
      const api = new KifdomClient(t.url);
      const won = await api.call('GET', '/domains/oldname.com', { token: await api.login(a.email, a.password) });
      const mine = await engine.run(getDomain, { name: 'oldname.com' }, { actor: a.actor });
      assert.equal(won.status, 200, won.text);
      assert.deepEqual((won.body as { domain: unknown }).domain, {
        name: 'oldname.com', punycode_name: 'oldname.com', status: 'active', renew: false, kifdns: true, dns: [], registry_ends_at: isoSeconds(mine.expiresAt), label: null,
      });
      const lost = await api.call('GET', '/domains/oldname.com', { token: await api.login(seller.email, seller.password) });
      assert.equal(lost.status, 400, lost.text);
      assert.deepEqual(lost.body, { meta: { 'on-hold': 0, 'total-domains': 1, 'credits-balance': 0, error: true }, error: { code: 400, message: 'None of your domain names matching this `domain_name` has been found.' } });
      // Freenom and Dynadot see it in the winner's account too, and no longer in the seller's.
      const info = await freenomCall(`${t.url}/v2`, '/domain/getinfo', { ...creds(a), domainname: 'oldname.com' });
      assert.equal(info.status, 200, info.text);
      assert.equal((info.body.domain as Record<string, unknown>[])[0]!.domainname, 'oldname.com');
      assert.equal((await freenomCall(`${t.url}/v2`, '/domain/getinfo', { ...creds(seller), domainname: 'oldname.com' })).body.status, 'error');
      const dyn = (await a.c.obj('domain_info', { domain: 'oldname.com' })).DomainInfoResponse as { Status: string; DomainInfo: { Name: string } };
      assert.deepEqual([dyn.Status, dyn.DomainInfo.Name], ['success', 'oldname.com']);
      assert.equal(((await seller.c.obj('domain_info', { domain: 'oldname.com' })).DomainInfoResponse as { Error: string }).Error, 'could not find domain in your account');
      assert.equal(mine.expiresAt.getTime(), new Date(Date.UTC(expiry.getUTCFullYear() + 1, expiry.getUTCMonth(), expiry.getUTCDate(), expiry.getUTCHours(), expiry.getUTCMinutes(), expiry.getUTCSeconds(), expiry.getUTCMilliseconds())).getTime());

      const day = (d: Date) => `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}`;
      const range = { startDate: day(auctionStart), endDate: day(new Date(newEnd.getTime() + MIN)) };
      const id = (open.auction_details[0]!.auction_json.auction_id as number);
      const closed = (won: boolean, high: string, proxy: string) => ({ AuctionId: String(id), Domain: 'oldname.com', AuctionStatusId: '4', AuctionStatus: 'Closed by Timeout', BidPrice: '31.0', BidPriceCurrency: 'USD', Bids: '7', AuctionWonStatus: won ? 'won' : 'lost', YourHighBid: high, YourProxyBid: proxy });
      assertJson(await a.c.json('get_closed_auctions', range), { GetClosedAuctionsResponse: { ResponseCode: 0, Status: 'success', Auctions: [closed(true, '31.0', '40.0')] } });
      const renewedId = id + 1;
      assertJson(await b.c.json('get_closed_auctions', range), {
        GetClosedAuctionsResponse: {
          ResponseCode: 0, Status: 'success',
          Auctions: [
            { AuctionId: String(renewedId), Domain: 'renewme.com', AuctionStatusId: '3', AuctionStatus: 'Closed by Renewal', BidPrice: '12.99', BidPriceCurrency: 'USD', Bids: '1', AuctionWonStatus: 'lost', YourHighBid: '12.99', YourProxyBid: '13.0' },
            closed(false, '30.0', '30.0'),
          ],
        },
      });
      const x = closed(true, '31.0', '40.0');
      assertBody(await a.c.xml('get_closed_auctions', range),
        `<?xml version="1.0" encoding="UTF-8"?>\n<GetClosedAuctionsResponse>\n  <GetClosedAuctionsHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetClosedAuctionsHeader>\n  <GetClosedAuctionsContent>\n    <Auction>\n` +
        Object.entries(x).map(([k, v]) => `      <${k}>${v}</${k}>\n`).join('') + `    </Auction>\n  </GetClosedAuctionsContent>\n</GetClosedAuctionsResponse>\n`);
      assertBody(await a.c.csv('get_closed_auctions', range), `ok,success,${Object.keys(x).join(',')},${Object.values(x).join(',')}\n`);
      await refused(a.c, 'get_closed_auctions', { startDate: '2026-13-01', endDate: '2027-01-01' }, 'GetClosedAuctions', 'invalid startDate: "2026-13-01"', true, false);
      await refused(a.c, 'get_closed_auctions', { startDate: '2016-02-30', endDate: '2017-5-15' }, 'GetClosedAuctions', 'invalid startDate: "2016-02-30"', true, false);
      await refused(a.c, 'get_closed_auctions', { startDate: range.endDate, endDate: range.startDate }, 'GetClosedAuctions', `invalid endDate: "${range.startDate}"`, true, false);
      // order_list's yyyy/mm/dd is read too (README).
      const slashes = { startDate: range.startDate.replace(/-/g, '/'), endDate: range.endDate.replace(/-/g, '/') };
      assertJson(await a.c.json('get_closed_auctions', slashes), { GetClosedAuctionsResponse: { ResponseCode: 0, Status: 'success', Auctions: [closed(true, '31.0', '40.0')] } });
      assertJson(await a.c.json('get_auction_bids'), { status: 'success', auction_bids: [] });
    });

    test('success: 100 concurrent bids on one auction: one consistent leader, no overdraft, holds = the leading maximum', async (ctx) => {
      const now = new Date(auctionEnd.getTime() + DAY);
      await setClock(now);
      await engine.run(registerDomain, { name: 'crowded.com' }, { actor: seller.actor });
      const opened = await ops(t.url, 'auction open', { name: 'crowded.com', price: '10.00', duration: '1d' });
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.equal((opened.body.result as { kind: string; seller_account_id: number }).seller_account_id, seller.id);
      const bidders = await Promise.all(Array.from({ length: 20 }, () => dynadotAccount(engine, t.url, { level: 'reseller', deposits: { USD: '100.00' } })));
      const attempts = bidders.flatMap((who, i) => Array.from({ length: 5 }, (_, j) => ({ who, amount: 10 + j * 20 + i + 0.25 })));
      const started = performance.now();
      const results = await Promise.all(attempts.map(async ({ who, amount }) => {
        const r = JSON.parse((await who.c.json('place_auction_bid', { domain: 'crowded.com', bid_amount: amount.toFixed(2) })).text) as { status: string; error?: string };
        return { who, amount, ok: r.status === 'success', error: r.error };
      }));
      ctx.diagnostic(`100 concurrent bids answered in ${Math.round(performance.now() - started)} ms (${results.filter((r) => r.ok).length} accepted)`);
      for (const r of results) if (!r.ok) assert.match(r.error!, /^(your bid is too low|not enough account balance)/);
      const accepted = results.filter((r) => r.ok);
      assert.ok(accepted.length > 0);
      const top = accepted.reduce((m, r) => (r.amount > m.amount ? r : m));
      assert.ok(top.amount <= 100, 'no accepted maximum beyond the balance');
      const totals = await Promise.all(bidders.map(async (w) => ({ w, b: await balance(w) })));
      for (const { b: bal } of totals) assert.ok(bal.availableMinor >= 0 && bal.balanceMinor === 10000);
      const held = totals.filter(({ b: bal }) => bal.onHoldMinor > 0);
      assert.equal(held.length, 1);
      assert.equal(held[0]!.w.id, top.who.id);
      assert.equal(held[0]!.b.onHoldMinor, Math.round(top.amount * 100));
      const view = JSON.parse((await top.who.c.json('get_auction_details', { domain: 'crowded.com' })).text) as { auction_details: { auction_json: Record<string, unknown> }[] };
      assert.equal(view.auction_details[0]!.auction_json.is_high_bidder, true);
      assert.equal(view.auction_details[0]!.auction_json.customer_proxy_bid, `$${top.amount.toFixed(2)}`);
      assert.deepEqual(await verifyBalances(t.services.store.db), []);
    });

    test('success: an operator closes an auction by admin (status 2): no sale, the bid hold released', async () => {
      await engine.run(registerDomain, { name: 'withdrawn.com' }, { actor: seller.actor });
      assert.equal((await ops(t.url, 'auction open', { name: 'withdrawn.com', price: '50', type: 'user' })).status, 200);
      const held = (await balance(b)).onHoldMinor;
      assertBody(await b.c.xml('place_auction_bid', { domain: 'withdrawn.com', bid_amount: '60' }), legacyOk('PlaceAuctionBid'));
      assert.equal((await balance(b)).onHoldMinor, held + 6000);
      const closed = await ops(t.url, 'auction close', { name: 'withdrawn.com', note: 'withdrawn' });
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal((await balance(b)).onHoldMinor, held);
      const d = JSON.parse((await b.c.json('get_auction_details', { domain: 'withdrawn.com' })).text) as { auction_details: { auction_json: Record<string, unknown> }[] };
      assert.equal(d.auction_details[0]!.auction_json.auction_status_id, 2);
      assert.equal((await engine.run(getDomain, { name: 'withdrawn.com' }, { actor: seller.actor })).name, 'withdrawn.com');
      const again = await ops(t.url, 'auction close', { name: 'withdrawn.com' });
      assert.equal(again.body.error?.code, 'AUCTION_NOT_FOUND');
    });

    test('success: a backorder auction among its requesters: read, bid, closed, the name registered to the winner', async () => {
      const opened = new Date(auctionEnd.getTime() + 2 * DAY);
      await setClock(opened);
      const endsAt = new Date(opened.getTime() + DAY);
      const row = await engine.run(openAuction, { type: 'backorder', domainName: 'dropped.net', startPriceMinor: 2000, endsAt, participants: [a.id, b.id] }, { actor: OPERATOR });
      const short = (bids: number, bid: string, seconds = false) =>
        ({ AuctionId: String(row.id), Domain: 'dropped.net', BidPrice: bid, BidPriceCurrency: 'USD', Bids: String(bids), EndTime: utc(endsAt, seconds), EndTimestamp: String(endsAt.getTime()) });
      const xmlFields = (o: Record<string, string>, indent: string) => Object.entries(o).map(([k, v]) => `${indent}<${k}>${v}</${k}>\n`).join('');
      assertBody(await b.c.xml('get_open_backorder_auctions', { currency: 'usd' }),
        `<GetOpenBackorderAuctionsResponse>\n  <GetOpenBackorderAuctionsHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetOpenBackorderAuctionsHeader>\n  <GetOpenBackorderAuctionsContent>\n    <Auction>\n${xmlFields(short(0, '20.0'), '      ')}    </Auction>\n  </GetOpenBackorderAuctionsContent>\n</GetOpenBackorderAuctionsResponse>\n`);
      assertJson(await b.c.json('get_open_backorder_auctions'), { GetOpenBackorderAuctionsResponse: { ResponseCode: '0', Status: 'success', Auctions: [short(0, '20.0')] } });
      // The CSV as its example [L5482-5487]: `1.0`-style amounts there too.
      assertBody(await b.c.csv('get_open_backorder_auctions'), `ok,\nsuccess,\n${Object.keys(short(0, '20.0')).join(',')}\n${Object.values(short(0, '20.0')).join(',')}\n`);

      assertBody(await a.c.xml('place_backorder_auction_bid', { domain: 'dropped.net', bid_amount: '25', currency: 'usd' }),
        `<PlaceBakcorderAuctionBidResponse>\n  <PlaceBackorderAuctionBidHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </PlaceBackorderAuctionBidHeader>\n</PlaceBakcorderAuctionBidResponse>\n`);
      assertJson(await b.c.json('place_backorder_auction_bid', { domain: 'dropped.net', bid_amount: '21' }), { PlaceBakcorderAuctionBidResponse: { ResponseCode: '0', Status: 'success' } });
      const text = 'only the backorder requesters of dropped.net can bid in its auction';
      const before = await snapshotTables(t.services.store.db, ['auctions', 'auction_bids', 'ledger_entries']);
      assertJson(await seller.c.json('place_backorder_auction_bid', { domain: 'dropped.net', bid_amount: '30' }), { PlaceBakcorderAuctionBidResponse: { ResponseCode: '-1', Status: 'error', Error: text } });
      assert.deepStrictEqual(await snapshotTables(t.services.store.db, ['auctions', 'auction_bids', 'ledger_entries']), before);

      // a leads at 22.00 (b's 21.00 + $1.00).
      const details = { AuctionStatusId: '0', AuctionStatus: 'In Progress', UserIsHighBid: 'yes', YourCurrentBid: '22.0', YourProxyBid: '25.0', Auction: short(3, '22.0') };
      assertJson(await a.c.json('get_backorder_auction_details', { domain: 'dropped.net' }), { GetBackorderAuctionDetailsResponse: { ResponseCode: 0, Status: 'success', GetBackorderAuctionDetails: details } });
      const { Auction: auction, ...head } = details;
      assertBody(await a.c.xml('get_backorder_auction_details', { domain: 'dropped.net', currency: 'usd' }),
        `<?xml version="1.0" encoding="UTF-8"?>\n<GetBackorderAuctionDetailsResponse>\n  <GetBackorderAuctionDetailsHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetBackorderAuctionDetailsHeader>\n  <GetBackorderAuctionDetailsContent>\n` +
        `${xmlFields(head, '    ')}    <Auction>\n${xmlFields(auction, '      ')}    </Auction>\n  </GetBackorderAuctionDetailsContent>\n</GetBackorderAuctionDetailsResponse>\n`);
      assertJson(await a.c.json('get_backorder_auction_details', { domain: 'oldname.com' }),
        { GetBackorderAuctionDetailsResponse: { ResponseCode: -1, Status: 'error', Error: 'could not find an auction for oldname.com' } });

      const balanceBefore = (await balance(a)).balanceMinor;
      await setClock(new Date(endsAt.getTime() + MIN));
      await sweep();
      assert.equal((await engine.run(getDomain, { name: 'dropped.net' }, { actor: a.actor })).name, 'dropped.net');
      assert.deepEqual(await balance(a), { currency: 'USD', balanceMinor: balanceBefore - 2200, onHoldMinor: 0, availableMinor: balanceBefore - 2200 });
      assert.equal((await balance(b)).onHoldMinor, 0);
      assert.deepEqual(await verifyBalances(t.services.store.db), []);
      const day = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      const range = { startDate: day(opened), endDate: day(new Date(endsAt.getTime() + MIN)) };
      const closed = { AuctionWonStatus: 'won', YourHighBid: '22.0', YourProxyBid: '25.0', ...short(3, '22.0', true) };
      assertJson(await a.c.json('get_closed_backorder_auctions', range), { GetClosedBackorderAuctionsResponse: { ResponseCode: 0, Status: 'success', Auctions: [closed] } });
      // The CSV with the columns of its example [L5709] (AuctionStatusId and AuctionStatus, which its XML and JSON lack).
      assertBody(await a.c.csv('get_closed_backorder_auctions', range),
        `ok,success,AuctionId,Domain,AuctionStatusId,AuctionStatus,BidPrice,BidPriceCurrency,Bids,AuctionWonStatus,YourHighBid,YourProxyBid,${row.id},dropped.net,4,Closed by Timeout,22.0,USD,3,won,22.0,25.0\n`);
      assertBody(await a.c.xml('get_closed_backorder_auctions', range),
        `<?xml version="1.0" encoding="UTF-8"?>\n<GetClosedBackorderAuctionsResponse>\n  <GetClosedBackorderAuctionsHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetClosedBackorderAuctionsHeader>\n  <GetClosedBackorderAuctionsContent>\n    <Auction>\n${xmlFields(closed, '      ')}    </Auction>\n  </GetClosedBackorderAuctionsContent>\n</GetClosedBackorderAuctionsResponse>\n`);
      assertJson(await b.c.json('get_closed_backorder_auctions', range),
        { GetClosedBackorderAuctionsResponse: { ResponseCode: 0, Status: 'success', Auctions: [{ AuctionWonStatus: 'lost', YourHighBid: '21.0', YourProxyBid: '21.0', ...short(3, '22.0', true) }] } });
    });
  });
}
