/**
 * Dynadot marketplace, closeout and backorder commands over real HTTP
 * (spec §12, §13, §15.10, §15.12) with the movable clock: a listing set for
 * sale, seen by another account (get_listings, get_listing_item), locked by
 * a pending sale, bought with buy_it_now (the buyer owns it, seen through
 * KifDom; the seller credited less the commission; the ledger balances);
 * Afternic/Sedo actions kept on the listing; an expired closeout whose
 * price decays day by day and is bought at once; a backorder with one
 * requester caught at release and charged, its request listed as it goes.
 * Whole bodies in XML and JSON; refusals change nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createPush, getDomain, getListing, registerDomain, releaseInstantOf, updateAccount, type Engine,
} from '../../../src/core/index.ts';
import { getBalance, verifyBalances } from '../../../src/core/money/ledger.ts';
import { BACKENDS, testPolicy } from '../../support/backends.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { KifdomClient } from '../kifdom/support.ts';
import { assertBody, assertJson, dynadotAccount, type Client, type ParamMap } from './support.ts';

const DAY = 86_400_000;
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const MARKET_TABLES = ['marketplace_listings', 'closeouts', 'drop_requests', 'domains', 'ledger_entries', 'balances', 'orders'];

/** An XML envelope without content: `<RootResponse><RootHeader><Code>0</Code><Status>success</Status></RootHeader></RootResponse>`. */
function xmlOk(root: string, code: 'SuccessCode' | 'ResponseCode', declaration: boolean): string {
  return `${declaration ? DECL : ''}<${root}Response>\n  <${root}Header>\n    <${code}>0</${code}>\n    <Status>success</Status>\n  </${root}Header>\n</${root}Response>\n`;
}
function xmlError(root: string, code: 'SuccessCode' | 'ResponseCode', declaration: boolean, text: string): string {
  return `${declaration ? DECL : ''}<${root}Response>\n  <${root}Header>\n    <${code}>-1</${code}>\n    <Status>error</Status>\n    <Error>${text}</Error>\n  </${root}Header>\n</${root}Response>\n`;
}
/** Elements as the XML writer indents them at `depth` levels. */
function elements(fields: Readonly<Record<string, string>>, depth: number): string {
  const pad = '  '.repeat(depth);
  return Object.entries(fields).map(([k, v]) => `${pad}<${k}>${v}</${k}>`).join('\n');
}

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot marketplace, closeout and backorder commands`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let seller: TestAccount & { c: Client };
    let buyer: TestAccount & { c: Client };
    let other: TestAccount & { c: Client };
    const kifdom = () => new KifdomClient(t.url);

    const setClock = async (at: Date) => assert.equal((await ops(t.url, 'clock set', { at: at.toISOString() })).status, 200);
    const sweep = async () => assert.equal((await ops(t.url, 'sweep')).status, 200);
    const usd = async (who: TestAccount) => (await getBalance(t.services.store.db, who.id, 'USD')).balanceMinor;
    async function refused(who: Client, command: string, params: ParamMap, want: { xml: string; json: string }): Promise<void> {
      const before = await snapshotTables(t.services.store.db, MARKET_TABLES);
      assertBody(await who.xml(command, params), want.xml);
      assertBody(await who.json(command, params), want.json);
      assert.deepStrictEqual(await snapshotTables(t.services.store.db, MARKET_TABLES), before, `${command} changed stored data`);
    }
    async function holderOf(name: string, who: TestAccount): Promise<number> {
      const token = await kifdom().login(who.email, who.password);
      return (await kifdom().call('GET', `/domains/${name}`, { token })).status;
    }

    /** A .com the seller registers now without auto-renew: when it is released, and today's date as backorder_request_list takes it. */
    async function heldBySeller(name: string): Promise<{ release: Date; day: string }> {
      await engine.run(registerDomain, { name, autoRenew: false, periodMonths: 12 }, { actor: seller.actor });
      const held = await t.services.store.db.selectFrom('domains').selectAll().where('name', '=', name).where('released_at', 'is', null).executeTakeFirstOrThrow();
      const now = engine.clock.now();
      return { release: releaseInstantOf(held, testPolicy().get('com')), day: `${now.getUTCFullYear()}-${now.getUTCMonth() + 1}-${now.getUTCDate()}` };
    }

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      seller = await dynadotAccount(engine, t.url);
      buyer = await dynadotAccount(engine, t.url);
      other = await dynadotAccount(engine, t.url);
      await engine.run(updateAccount, { pushUsername: 'other-receiver' }, { actor: other.actor });
      for (const name of ['forsale.com', 'second.com', 'pushed.com']) await engine.run(registerDomain, { name }, { actor: seller.actor });
    });
    after(async () => t?.close());

    test('listings: set_for_sale, seen by another account, Afternic/Sedo actions kept, a pending sale locks, buy_it_now moves the domain and the money', async () => {
      const set = { domains: 'forsale.com,second.com,pushed.com', for_sale_type: 'marketplace', price: '250', currency: 'usd' };
      assertBody(await seller.c.xml('set_for_sale', set), xmlOk('SetForSale', 'ResponseCode', true));
      assertJson(await seller.c.json('set_for_sale', { domains: 'pushed.com', for_sale_type: 'marketplace', price: '99.50' }), { SetForSaleResponse: { ResponseCode: 0, Status: 'success' } });
      await refused(seller.c, 'set_for_sale', { domains: 'forsale.com', for_sale_type: 'auction', price: '1' }, {
        xml: xmlError('SetForSale', 'ResponseCode', true, 'invalid for_sale_type: "auction"'),
        json: '{"SetForSaleResponse":{"ResponseCode":-1,"Status":"error","Error":"invalid for_sale_type: \\"auction\\""}}',
      });
      await refused(buyer.c, 'set_for_sale', { domains: 'forsale.com', for_sale_type: 'marketplace', price: '1' }, {
        xml: xmlError('SetForSale', 'ResponseCode', true, 'could not find domain in your account'),
        json: '{"SetForSaleResponse":{"ResponseCode":-1,"Status":"error","Error":"could not find domain in your account"}}',
      });
      // domain_info tells its holder the domain is for sale.
      const isForSale = async (who: Client, domain: string) =>
        (JSON.parse((await who.json('domain_info', { domain })).text) as { DomainInfoResponse: { DomainInfo: { isForSale: string } } }).DomainInfoResponse.DomainInfo.isForSale;
      assert.equal(await isForSale(seller.c, 'forsale.com'), 'yes');
      const ids = (await engine.run(getListing, { name: 'forsale.com' }, { actor: buyer.actor })).id;
      const listing = (id: number, domain: string, price: string, locked = 'No') => ({ ListingId: String(id), Domain: domain, Price: price, InboundLinks: '-1', Age: '0', PendingSaleLocked: locked });
      // Listed in name order (one request takes its names sorted).
      const [forsale, pushed, second] = [listing(ids, 'forsale.com', '250.00'), listing(ids + 1, 'pushed.com', '99.50'), listing(ids + 2, 'second.com', '250.00')];
      const all = [forsale, pushed, second];
      const xmlListings = (items: readonly Record<string, string>[]) => `${DECL}<GetListingsResponse>\n  <GetListingsHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetListingsHeader>\n  <GetListingsContent>\n${items.map((l) => `    <Listing>\n${elements(l, 3)}\n    </Listing>`).join('\n')}\n  </GetListingsContent>\n</GetListingsResponse>\n`;
      assertBody(await buyer.c.xml('get_listings', { currency: 'usd' }), xmlListings(all));
      assertJson(await buyer.c.json('get_listings', {}), { GetListingsResponse: { ResponseCode: 0, Status: 'success', Listing: all } });
      // Priced in USD only: none in EUR.
      assertBody(await buyer.c.xml('get_listings', { currency: 'eur' }), `${DECL}<GetListingsResponse>\n  <GetListingsHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetListingsHeader>\n  <GetListingsContent/>\n</GetListingsResponse>\n`);
      assertBody(await buyer.c.xml('get_listing_item', { domain: 'forsale.com', currency: 'usd' }),
        `${DECL}<GetListingsItemResponse>\n  <GetListingsItemHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </GetListingsItemHeader>\n  <GetListingsItemContent>\n    <Listing>\n${elements(forsale, 3)}\n    </Listing>\n  </GetListingsItemContent>\n</GetListingsItemResponse>\n`);
      assertJson(await buyer.c.json('get_listing_item', { domain: 'forsale.com' }), { GetListingsItemResponse: { ResponseCode: 0, Status: 'success', Listing: forsale } });

      // Afternic and Sedo actions: kept on the listing, only by its seller, only the documented values.
      assertBody(await seller.c.xml('set_afternic_confirm_action', { domain: 'forsale.com', action: 'confirm_afternic' }), xmlOk('SetAfternicConfirmAction', 'SuccessCode', true));
      assertJson(await seller.c.json('set_sedo_confirm_action', { domain: 'forsale.com', action: 'delete_from_sedo' }), { SetSedoConfirmActionResponse: { ResponseCode: '0', Status: 'success' } });
      const kept = await engine.run(getListing, { name: 'forsale.com' }, { actor: seller.actor });
      assert.deepEqual([kept.afternicAction, kept.sedoAction], ['confirm_afternic', 'delete_from_sedo']);
      assertJson(await seller.c.json('set_afternic_confirm_action', { domain: 'forsale.com', action: 'delete_from_afternic' }), { SetAfternicConfirmActionResponse: { ResponseCode: '0', Status: 'success' } });
      assert.equal((await engine.run(getListing, { name: 'forsale.com' }, { actor: seller.actor })).afternicAction, 'delete_from_afternic');
      await refused(seller.c, 'set_afternic_confirm_action', { domain: 'forsale.com', action: 'confirm_sedo' }, {
        xml: xmlError('SetAfternicConfirmAction', 'SuccessCode', true, 'invalid action: "confirm_sedo"'),
        json: '{"SetAfternicConfirmActionResponse":{"ResponseCode":"-1","Status":"error","Error":"invalid action: \\"confirm_sedo\\""}}',
      });
      await refused(buyer.c, 'set_sedo_confirm_action', { domain: 'forsale.com', action: 'confirm_sedo' }, {
        xml: xmlError('SetSedoConfirmAction', 'SuccessCode', true, 'this domain is not listed for sale'),
        json: '{"SetSedoConfirmActionResponse":{"ResponseCode":"-1","Status":"error","Error":"this domain is not listed for sale"}}',
      });

      // A push in progress locks the listing: shown, hidden with exclude_pending_sale=yes, not for sale.
      await engine.run(createPush, { names: ['pushed.com'], receiverPushUsername: 'other-receiver' }, { actor: seller.actor });
      assertJson(await buyer.c.json('get_listings', { exclude_pending_sale: 'no' }), { GetListingsResponse: { ResponseCode: 0, Status: 'success', Listing: [forsale, { ...pushed, PendingSaleLocked: 'Yes' }, second] } });
      assertJson(await buyer.c.json('get_listings', { exclude_pending_sale: 'yes', show_other_registrar: 'yes' }), { GetListingsResponse: { ResponseCode: 0, Status: 'success', Listing: [forsale, second] } });
      const legacy = (text: string) => ({ xml: xmlError('BuyItNow', 'SuccessCode', false, text), json: `{"BuyItNowResponse":{"ResponseCode":"-1","Status":"error","Error":"${text}"}}` });
      await refused(buyer.c, 'buy_it_now', { domain: 'pushed.com' }, legacy('this listing is locked by a pending sale'));
      await refused(seller.c, 'buy_it_now', { domain: 'forsale.com' }, legacy('you can not buy your own listing'));
      await refused(buyer.c, 'buy_it_now', { domain: 'unlisted.com' }, legacy('this domain is not listed for sale'));
      await refused(buyer.c, 'buy_it_now', { domain: 'forsale.com', currency: 'eur' }, legacy('this domain is listed in USD, please use currency=usd'));
      await refused(buyer.c, 'buy_it_now', { domain: 'forsale.com,second.com' }, legacy('only 1 domain can be entered per request'));
      // Too little balance: the register command's answer (Status insufficient_funds, no Error).
      const poor = await dynadotAccount(engine, t.url, { deposits: { USD: '10.00' } });
      await refused(poor.c, 'buy_it_now', { domain: 'forsale.com' }, {
        xml: '<BuyItNowResponse>\n  <BuyItNowHeader>\n    <SuccessCode>-1</SuccessCode>\n    <Status>insufficient_funds</Status>\n  </BuyItNowHeader>\n</BuyItNowResponse>\n',
        json: '{"BuyItNowResponse":{"ResponseCode":"-1","Status":"insufficient_funds"}}',
      });

      // Bought: 250.00 from the buyer, 225.00 to the seller (10 % commission), the domain the buyer's.
      const [buyerBefore, sellerBefore] = [await usd(buyer), await usd(seller)];
      assertBody(await buyer.c.xml('buy_it_now', { domain: 'forsale.com', currency: 'usd' }),
        '<BuyItNowResponse>\n  <BuyItNowHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </BuyItNowHeader>\n  <Message>domain order created</Message>\n</BuyItNowResponse>\n');
      assert.deepEqual([buyerBefore - (await usd(buyer)), (await usd(seller)) - sellerBefore], [25_000, 22_500]);
      assert.equal(await holderOf('forsale.com', buyer), 200);
      assert.equal(await holderOf('forsale.com', seller), 400);
      assert.equal(await isForSale(buyer.c, 'forsale.com'), 'no');
      assertJson(await other.c.json('buy_it_now', { domain: 'second.com' }), { BuyItNowResponse: { ResponseCode: '0', Status: 'success', Message: 'domain order created' } });
      assert.equal(await holderOf('second.com', other), 200);
      assert.deepEqual(await verifyBalances(t.services.store.db), []);
      // Every charge of a sale is matched by the seller's credit and regd's commission.
      const sums = await t.services.store.db.selectFrom('ledger_entries').select(['kind', 'amount_minor', 'memo']).where('kind', 'in', ['charge', 'credit']).where('memo', 'like', '%forsale.com%').orderBy('id').execute();
      const sale = sums.filter((s) => s.memo === 'buy it now forsale.com' || s.memo.startsWith('sale of forsale.com'));
      assert.deepEqual(sale.map((s) => [s.kind, s.amount_minor]), [['charge', 25_000], ['credit', 22_500]]);
      await refused(other.c, 'buy_it_now', { domain: 'forsale.com' }, legacy('this domain is not listed for sale'));
      assertJson(await buyer.c.json('get_listings'), { GetListingsResponse: { ResponseCode: 0, Status: 'success', Listing: [{ ...pushed, PendingSaleLocked: 'Yes' }] } });
      // Taken off the market by its seller.
      assertBody(await seller.c.xml('set_for_sale', { domain: 'pushed.com', for_sale_type: 'not_for_sale' }), xmlOk('SetForSale', 'ResponseCode', true));
      assertJson(await buyer.c.json('get_listings'), { GetListingsResponse: { ResponseCode: 0, Status: 'success', Listing: [] } });
    });

    test('expired closeout: entered by the operator, its price decays day by day on the engine clock, bought at once', async () => {
      await engine.run(registerDomain, { name: 'closeme.com', autoRenew: false, periodMonths: 12 }, { actor: seller.actor });
      const expiry = (await engine.run(getDomain, { name: 'closeme.com' }, { actor: seller.actor })).expiresAt;
      const start = new Date(expiry.getTime() + 2 * DAY);
      await setClock(start);
      // The operator puts it there (regd closeout enter, through the operator API); an active registration cannot enter.
      await engine.run(registerDomain, { name: 'notyet.com' }, { actor: seller.actor });
      const notYet = await ops(t.url, 'closeout enter', { name: 'notyet.com' });
      assert.deepEqual([notYet.status, notYet.body.error?.code], [409, 'CLOSEOUT_NOT_ELIGIBLE']);
      const res = await ops(t.url, 'closeout enter', { name: 'closeme.com' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const entered = res.body.result as { name: string; currentPriceMinor: number; startedAt: string; endsAt: string };
      assert.deepEqual([entered.name, entered.currentPriceMinor], ['closeme.com', 3897]);
      // The clock runs on from where it was set: the closeout began a moment after `start`.
      const end = new Date(entered.endsAt);
      assert.equal(end.getTime() - new Date(entered.startedAt).getTime(), 14 * DAY);
      // Entering again answers the standing closeout.
      assert.equal((await ops(t.url, 'closeout enter', { name: 'closeme.com' })).body.result !== undefined, true);
      assert.equal((await t.services.store.db.selectFrom('closeouts').select('id').where('domain_name', '=', 'closeme.com').execute()).length, 1);
      const item = (current: string) => ({
        DomainName: 'closeme.com', DomainNameUtf: 'closeme.com', CurrentPrice: current, IsIDN: 'false', EndTimeStamp: String(end.getTime()),
        RenewalPrice: '12.99', ExpiredRevenue: '0.00', EstibotAppraisal: '-1', InboundLinks: '-1', MonthlyVisitors: '-1', Currency: 'usd',
      });
      const xmlList = (items: readonly Record<string, string>[]) => `${DECL}<GetExpiredCloseoutDomainsResponse>\n  <GetExpiredCloseoutDomainsHeader>\n    <ResponseCode>0</ResponseCode>\n    <Status>success</Status>\n  </GetExpiredCloseoutDomainsHeader>\n${items.length === 0 ? '  <GetExpiredCloseoutDomainsContent/>' : `  <GetExpiredCloseoutDomainsContent>\n${items.map((i) => `    <CloseoutItem>\n${elements(i, 3)}\n    </CloseoutItem>`).join('\n')}\n  </GetExpiredCloseoutDomainsContent>`}\n</GetExpiredCloseoutDomainsResponse>\n`;
      const jsonItem = (current: string) => ({
        closeoutItem: {
          domainName: 'closeme.com', domainNameUtf: 'closeme.com', currentPrice: current, isIdn: false, endTimeStamp: end.getTime(),
          renewalPrice: '12.99', expiredRevenue: '0.00', estibotAppraisal: '-1', inboundLinks: -1, monthlyVisitors: -1, currency: 'usd',
        },
      });
      // Day 0: 3 × 12.99; then a tenth of (38.97 − 1.29) less each day; the floor 1.29 from day 10.
      assertBody(await buyer.c.xml('get_expired_closeout_domains', { currency: 'usd' }), xmlList([item('38.97')]));
      assertJson(await buyer.c.json('get_expired_closeout_domains'), { GetExpiredCloseoutDomainsResponse: { ResponseCode: 0, Status: 'success', Size: 1, CloseoutDomains: [jsonItem('38.97')] } });
      await setClock(new Date(start.getTime() + DAY + 3600_000));
      assertJson(await buyer.c.json('get_expired_closeout_domains', { domain: 'closeme.com' }), { GetExpiredCloseoutDomainsResponse: { ResponseCode: 0, Status: 'success', Size: 1, CloseoutDomains: [jsonItem('35.21')] } });
      await setClock(new Date(start.getTime() + 3 * DAY + 5 * 3600_000));
      assertBody(await buyer.c.xml('get_expired_closeout_domains', { domain: 'closeme.com' }), xmlList([item('27.67')]));
      assertJson(await buyer.c.json('get_expired_closeout_domains', { domain: 'other.com' }), { GetExpiredCloseoutDomainsResponse: { ResponseCode: 0, Status: 'success', Size: 0, CloseoutDomains: [] } });

      const mixedC = (text: string) => ({
        xml: xmlError('BuyExpiredCloseoutDomain', 'ResponseCode', true, text),
        json: `{"BuyExpiredCloseoutDomainResponse":{"ResponseCode":"-1","Status":"error","Error":"${text}"}}`,
      });
      await refused(seller.c, 'buy_expired_closeout_domain', { domain: 'closeme.com' }, mixedC('this domain is still in your account, renew it instead'));
      await refused(buyer.c, 'buy_expired_closeout_domain', { domain: 'second.com' }, mixedC('this domain is not an expired closeout domain'));
      // Bought: the closeout price and a year's renewal, the registration the buyer's and active until a year after its expiry.
      const before = await usd(buyer);
      assertBody(await buyer.c.xml('buy_expired_closeout_domain', { domain: 'closeme.com', currency: 'USD' }), xmlOk('BuyExpiredCloseoutDomain', 'ResponseCode', true));
      assert.equal(before - (await usd(buyer)), 2767 + 1299);
      const bought = await engine.run(getDomain, { name: 'closeme.com' }, { actor: buyer.actor });
      assert.deepEqual([bought.state, bought.expiresAt.getTime()], ['active', new Date(Date.UTC(expiry.getUTCFullYear() + 1, expiry.getUTCMonth(), expiry.getUTCDate(), expiry.getUTCHours(), expiry.getUTCMinutes(), expiry.getUTCSeconds(), expiry.getUTCMilliseconds())).getTime()]);
      assert.equal(await holderOf('closeme.com', buyer), 200);
      assertBody(await buyer.c.xml('get_expired_closeout_domains'), xmlList([]));
      await refused(other.c, 'buy_expired_closeout_domain', { domain: 'closeme.com' }, mixedC('this domain has already been sold'));
      assert.deepEqual(await verifyBalances(t.services.store.db), []);
    });

    test('backorder with one requester: listed with its cutoff, caught at release on the moved clock, registered to the requester and charged', async () => {
      const { release, day } = await heldBySeller('dropping.com');

      assertBody(await buyer.c.xml('add_backorder_request', { domain: 'dropping.com,spare-drop.com' }), xmlError('AddBackorderRequest', 'SuccessCode', false, 'spare-drop.com is available, register it instead'));
      assertBody(await buyer.c.xml('add_backorder_request', { domain: 'dropping.com' }), xmlOk('AddBackorderRequest', 'SuccessCode', false));
      assertJson(await buyer.c.json('add_backorder_request', { domain: 'pushed.com' }), { AddBackorderRequestResponse: { ResponseCode: '0', Status: 'success' } });
      const legacy = (root: string, text: string) => ({ xml: xmlError(root, 'SuccessCode', false, text), json: `{"${root}Response":{"ResponseCode":"-1","Status":"error","Error":"${text}"}}` });
      await refused(buyer.c, 'add_backorder_request', { domain: 'dropping.com' }, legacy('AddBackorderRequest', 'dropping.com is already in your backorder request list'));
      await refused(seller.c, 'add_backorder_request', { domain: 'dropping.com' }, legacy('AddBackorderRequest', 'dropping.com is already in your account'));
      await refused(buyer.c, 'add_backorder_request', { domain: Array.from({ length: 101 }, (_, i) => `n${i}.com`).join(',') }, legacy('AddBackorderRequest', 'too many domain values: at most 100 per request'));
      await refused(buyer.c, 'delete_backorder_request', { domain: 'pushed.com,second.com' }, legacy('DeleteBackorderRequest', 'second.com is not in your backorder request list'));
      assertBody(await buyer.c.xml('delete_backorder_request', { domain: 'pushed.com' }), xmlOk('DeleteBackorderRequest', 'SuccessCode', false));

      const cutoff = String(release.getTime() - DAY);
      const listXml = (status: string, time: string) => `${DECL}<BackorderRequestListResponse>\n  <BackorderRequestListHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </BackorderRequestListHeader>\n  <BackorderRequestListContent>\n    <BackorderRequestList>\n      <BackorderRequest>\n        <DomainName>dropping.com</DomainName>\n        <CutoffTime>${time}</CutoffTime>\n        <BackorderRequestStatus>${status}</BackorderRequestStatus>\n      </BackorderRequest>\n    </BackorderRequestList>\n  </BackorderRequestListContent>\n</BackorderRequestListResponse>\n`;
      assertBody(await buyer.c.xml('backorder_request_list', { startDate: day, endDate: day }), listXml('Active', cutoff));
      assertJson(await buyer.c.json('backorder_request_list', { startDate: day, endDate: day }), {
        BackorderRequestListResponse: { ResponseCode: 0, Status: 'success', BackorderRequestList: [{ DomainName: 'dropping.com', CutoffTime: cutoff, BackorderRequestStatus: 'Active' }] },
      });
      assertBody(await buyer.c.csv('backorder_request_list', { startDate: day, endDate: day }), `ok,success,Domain,CutoffTime,BackorderRequestStatus,dropping.com,${cutoff},Active\n`);
      assertBody(await buyer.c.xml('backorder_request_list', { startDate: '2015-01-01', endDate: '2015-5-20' }),
        `${DECL}<BackorderRequestListResponse>\n  <BackorderRequestListHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </BackorderRequestListHeader>\n  <BackorderRequestListContent>\n    <BackorderRequestList/>\n  </BackorderRequestListContent>\n</BackorderRequestListResponse>\n`);
      assertBody(await buyer.c.xml('backorder_request_list', { startDate: day }), xmlError('BackorderRequestList', 'SuccessCode', true, 'missing endDate param'));

      // Past the cutoff the request can no longer be deleted.
      await setClock(new Date(release.getTime() - DAY + 60_000));
      await refused(buyer.c, 'delete_backorder_request', { domain: 'dropping.com' }, legacy('DeleteBackorderRequest', 'the cutoff time of dropping.com has passed, its backorder request can not be deleted'));
      // Released: the sweeper registers the name for the requester at the register price.
      await setClock(new Date(release.getTime() + 60_000));
      await sweep();
      assert.equal(await holderOf('dropping.com', buyer), 200);
      // (The clock passed the expiry of the buyer's other domains too: their auto-renewals are charged beside.)
      const orders = await t.services.store.db.selectFrom('orders as o').innerJoin('order_items as i', 'i.order_id', 'o.id')
        .select(['o.kind', 'o.status', 'o.amount_minor']).where('o.account_id', '=', buyer.id).where('i.domain_name', '=', 'dropping.com').execute();
      assert.deepEqual(orders, [{ kind: 'register', status: 'completed', amount_minor: 1099 }]);
      const charged = await t.services.store.db.selectFrom('ledger_entries as l').innerJoin('order_items as i', 'i.order_id', 'l.order_id')
        .select(['l.kind', 'l.amount_minor']).where('l.account_id', '=', buyer.id).where('i.domain_name', '=', 'dropping.com').execute();
      assert.deepEqual(charged, [{ kind: 'charge', amount_minor: 1099 }]);
      assertBody(await buyer.c.xml('backorder_request_list', { startDate: day, endDate: day }), listXml('Won', '0'));
      assert.deepEqual(await verifyBalances(t.services.store.db), []);
    });

    test('backorder with two requesters: a backorder auction among them opens at release; the winner registers the name', async () => {
      const { release, day } = await heldBySeller('contested.com');
      assertBody(await buyer.c.xml('add_backorder_request', { domain: 'contested.com' }), xmlOk('AddBackorderRequest', 'SuccessCode', false));
      assertBody(await other.c.xml('add_backorder_request', { domain: 'contested.com' }), xmlOk('AddBackorderRequest', 'SuccessCode', false));
      const status = async (who: Client): Promise<unknown> =>
        (JSON.parse((await who.json('backorder_request_list', { startDate: day, endDate: day })).text) as { BackorderRequestListResponse: { BackorderRequestList: unknown[] } })
          .BackorderRequestListResponse.BackorderRequestList;

      await setClock(new Date(release.getTime() + 60_000));
      await sweep();
      const [auction] = await t.services.store.db.selectFrom('auctions').selectAll().where('domain_name', '=', 'contested.com').execute();
      assert.ok(auction);
      assert.deepEqual([auction.kind, auction.status, auction.start_price_minor, auction.ends_at.getTime() - auction.starts_at.getTime()], ['backorder', 0, 1099, 3 * DAY]);
      const participants = await t.services.store.db.selectFrom('auction_participants').select('account_id').where('auction_id', '=', auction.id).orderBy('account_id').execute();
      assert.deepEqual(participants.map((p) => p.account_id), [buyer.id, other.id].sort((x, y) => x - y));
      assert.deepEqual(await status(buyer.c), [{ DomainName: 'contested.com', CutoffTime: '0', BackorderRequestStatus: 'In Auction' }]);
      assert.equal(await holderOf('contested.com', buyer), 400);

      // Only the requesters bid; the higher one wins at close and owns the name.
      assertBody(await other.c.xml('place_backorder_auction_bid', { domain: 'contested.com', bid_amount: '15.00', currency: 'usd' }), `<PlaceBakcorderAuctionBidResponse>\n  <PlaceBackorderAuctionBidHeader>\n    <SuccessCode>0</SuccessCode>\n    <Status>success</Status>\n  </PlaceBackorderAuctionBidHeader>\n</PlaceBakcorderAuctionBidResponse>\n`);
      await setClock(new Date(auction.ends_at.getTime() + 60_000));
      await sweep();
      assert.equal(await holderOf('contested.com', other), 200);
      assert.deepEqual(await status(other.c), [{ DomainName: 'contested.com', CutoffTime: '0', BackorderRequestStatus: 'Won' }]);
      assert.deepEqual(await status(buyer.c), [{ DomainName: 'contested.com', CutoffTime: '0', BackorderRequestStatus: 'Lost' }]);
      assert.deepEqual(await verifyBalances(t.services.store.db), []);
    });

    test('an expired auction that ends without bids puts the name in closeout until its auto-renew grace ends', async () => {
      await engine.run(registerDomain, { name: 'unsold.com', autoRenew: false, periodMonths: 12 }, { actor: seller.actor });
      const expiry = (await engine.run(getDomain, { name: 'unsold.com' }, { actor: seller.actor })).expiresAt;
      await setClock(new Date(expiry.getTime() + 30 * DAY + 3600_000));
      await sweep();
      const [auction] = await t.services.store.db.selectFrom('auctions').selectAll().where('domain_name', '=', 'unsold.com').execute();
      assert.ok(auction);
      assert.equal(auction.kind, 'expired');
      assertJson(await buyer.c.json('get_expired_closeout_domains', { domain: 'unsold.com' }), { GetExpiredCloseoutDomainsResponse: { ResponseCode: 0, Status: 'success', Size: 0, CloseoutDomains: [] } });
      await setClock(new Date(auction.ends_at.getTime() + 3600_000));
      await sweep();
      // .com: 45 days of auto-renew grace, sooner than 14 days after the close.
      const graceEnd = expiry.getTime() + 45 * DAY;
      assertJson(await buyer.c.json('get_expired_closeout_domains', { domain: 'unsold.com' }), {
        GetExpiredCloseoutDomainsResponse: {
          ResponseCode: 0, Status: 'success', Size: 1, CloseoutDomains: [{
            closeoutItem: {
              domainName: 'unsold.com', domainNameUtf: 'unsold.com', currentPrice: '38.97', isIdn: false, endTimeStamp: graceEnd,
              renewalPrice: '12.99', expiredRevenue: '0.00', estibotAppraisal: '-1', inboundLinks: -1, monthlyVisitors: -1, currency: 'usd',
            },
          }],
        },
      });
      // Past the grace the closeout is over: the registration goes on to redemption.
      await setClock(new Date(graceEnd + 60_000));
      assertJson(await buyer.c.json('get_expired_closeout_domains'), { GetExpiredCloseoutDomainsResponse: { ResponseCode: 0, Status: 'success', Size: 0, CloseoutDomains: [] } });
      assert.equal((await engine.run(getDomain, { name: 'unsold.com' }, { actor: seller.actor })).state, 'redemption');
    });
  });
}
