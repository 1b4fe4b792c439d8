/**
 * Dynadot account, order and misc commands over HTTP (spec §15.7, §15.13,
 * §15.14): account_info, get_account_balance, order_list, get_order_status,
 * get_whois_stats, get_reseller_hold_status, set_reseller_hold_status. Whole
 * bodies in XML and JSON against fixtures/, every refusal in the command's
 * own envelope, and refusals change nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createContact, deleteDomain, getOrder, recordWhoisLookup, registerDomain, renewDomain, setDefaultSetting, SYSTEM,
  type Engine, type OrderView,
} from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { snapshotTables, MONEY_AND_DOMAIN_TABLES } from '../../support/snapshot.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { depositFunds } from '../../../src/core/flows/accounts/index.ts';
import { OPERATOR } from '../../../src/core/context.ts';
import { assertBody, dynadotAccount, fixture, ms, type Client, type Reply } from './support.ts';

const PROFILE = { firstName: 'testname', lastName: 'test', phone: '+1.5555555233', address: '1 test road', city: 'Los Angeles', state: 'CA', postcode: '90000', country: 'US' };
const TABLES = [...MONEY_AND_DOMAIN_TABLES, 'reseller_holds', 'whois_lookups'];

const dollars = (minor: number) => (minor / 100).toFixed(2);
const slash = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '/');
const dayMs = (d: Date) => String(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** The command's own error envelope, new generation, in both formats. */
async function assertNewError(c: Client, command: string, root: string, params: Record<string, string>, error: string, code = 'ResponseCode'): Promise<void> {
  assertBody(await c.xml(command, params), fixture('new-error.xml', { ROOT: root, CODE: code, ERROR: error.replace(/&/g, '&amp;').replace(/</g, '&lt;') }));
  assertBody(await c.json(command, params), fixture('new-error.json', { ROOT: root, ERROR: error.replace(/"/g, '\\"') }));
}

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot account, order and misc commands`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
    });
    after(() => t.close());

    test('account_info: profile, since, spending, balance, level and defaults as the example prints them', async () => {
      const a = await dynadotAccount(engine, t.url, PROFILE);
      const vars = { EMAIL: a.email, SINCE: '', TOTAL: '$0.00', LEVEL: 'Regular Pricing', BALANCE: '$1000.00', REGISTRANT: 0, ADMIN: 0, TECH: 0, BILLING: 0, NS_TYPE: 'Dynadot DNS', WITH_ADS: 'no' };
      const since = (await engine.run(getOrder, { number: (await engine.store.db.selectFrom('orders').select('number').where('account_id', '=', a.id).executeTakeFirstOrThrow()).number }, { actor: a.actor })).createdAt;
      const created = (await engine.store.db.selectFrom('accounts').select('created_at').where('id', '=', a.id).executeTakeFirstOrThrow()).created_at;
      vars.SINCE = ms(created);
      assert.ok(since >= created);
      assertBody(await a.c.xml('account_info'), fixture('account_info.xml', vars));
      assertBody(await a.c.json('account_info'), fixture('account_info.json', vars));

      // Spending and defaults move with the account.
      const reg = await engine.run(registerDomain, { name: 'info-spent.com' }, { actor: a.actor, source: 'dynadot' });
      const cost = (await engine.run(getOrder, { number: reg.orderNumber }, { actor: a.actor })).amountMinor;
      const contact = await engine.run(createContact, { name: 'Jack Slater', email: 'jack@example.com', phone: '+1.5555555555', address1: '1 main st', city: 'LA', postcode: '90000', country: 'US' }, { actor: a.actor });
      await engine.run(setDefaultSetting, { key: 'contacts', value: { registrant: contact.id, admin: contact.id, tech: contact.id, billing: contact.id } }, { actor: a.actor });
      await engine.run(setDefaultSetting, { key: 'service', value: { parking: { withAds: true } } }, { actor: a.actor });
      const after = { ...vars, TOTAL: `$${dollars(cost)}`, BALANCE: `$${dollars(100_000 - cost)}`, REGISTRANT: contact.id, ADMIN: contact.id, TECH: contact.id, BILLING: contact.id, NS_TYPE: 'Dynadot Parking', WITH_ADS: 'yes' };
      assertBody(await a.c.xml('account_info'), fixture('account_info.xml', after));
      assertBody(await a.c.json('account_info'), fixture('account_info.json', after));
      await engine.run(setDefaultSetting, { key: 'nameServers', value: ['ns1.example.net', 'ns2.example.net'] }, { actor: a.actor });
      assertBody(await a.c.json('account_info'), fixture('account_info.json', { ...after, NS_TYPE: 'Name Servers', WITH_ADS: 'no' }));

      const bulk = await dynadotAccount(engine, t.url, { ...PROFILE, level: 'super_bulk' });
      const since2 = (await engine.store.db.selectFrom('accounts').select('created_at').where('id', '=', bulk.id).executeTakeFirstOrThrow()).created_at;
      assertBody(await bulk.c.json('account_info'), fixture('account_info.json', { ...vars, EMAIL: bulk.email, SINCE: ms(since2), LEVEL: 'Super Bulk Pricing' }));
    });

    test('account_info and get_account_balance take no CSV form', async () => {
      const a = await dynadotAccount(engine, t.url);
      assertBody(await a.c.csv('account_info'), 'error,the account_info command is only available in XML and JSON\n');
      assertBody(await a.c.csv('get_account_balance'), 'error,the get_account_balance command is only available in XML and JSON\n');
    });

    test('get_account_balance: the account currency first, then the others; on-hold money left out', async () => {
      const a = await dynadotAccount(engine, t.url);
      await engine.run(depositFunds, { accountId: a.id, amount: '300.00', currency: 'EUR' }, { actor: OPERATOR });
      assertBody(await a.c.xml('get_account_balance'), fixture('get_account_balance.xml', { USD: '1000.00' }));
      assertBody(await a.c.json('get_account_balance'), fixture('get_account_balance.json', { USD: '1000.00' }));
      const reg = await engine.run(registerDomain, { name: 'balance-spent.com' }, { actor: a.actor });
      const cost = (await engine.run(getOrder, { number: reg.orderNumber }, { actor: a.actor })).amountMinor;
      assertBody(await a.c.json('get_account_balance'), fixture('get_account_balance.json', { USD: dollars(100_000 - cost) }));
    });

    describe('orders', () => {
      let a: Awaited<ReturnType<typeof dynadotAccount>>;
      let reg: OrderView;
      let gone: OrderView;
      let renew: OrderView;
      let vars: Record<string, string>;

      before(async () => {
        a = await dynadotAccount(engine, t.url);
        const view = (number: string) => engine.run(getOrder, { number }, { actor: a.actor });
        reg = await view((await engine.run(registerDomain, { name: 'test.com' }, { actor: a.actor, source: 'dynadot' })).orderNumber);
        gone = await view((await engine.run(registerDomain, { name: 'test1.net' }, { actor: a.actor, source: 'dynadot' })).orderNumber);
        await engine.run(deleteDomain, { name: 'test1.net' }, { actor: a.actor });
        gone = await view(gone.number);
        renew = await view((await engine.run(renewDomain, { name: 'test.com', periodMonths: 24 }, { actor: a.actor, source: 'dynadot' })).orderNumber!);
        vars = {
          REG_ID: reg.number, REG_MS: ms(reg.createdAt), REG_DAY: slash(reg.createdAt), REG_COST: dollars(reg.amountMinor),
          GONE_ID: gone.number, GONE_MS: ms(gone.createdAt), GONE_DAY: slash(gone.createdAt), GONE_COST: dollars(gone.amountMinor),
          RENEW_ID: renew.number, RENEW_MS: ms(renew.createdAt), RENEW_DAY: slash(renew.createdAt), RENEW_COST: dollars(renew.amountMinor),
        };
      });

      test('order_list by date range: newest first, items, paid after refunds; deposits are not listed', async () => {
        const today = slash(engine.clock.now());
        const params = { search_by: 'date_range', start_date: today, end_date: today };
        assertBody(await a.c.xml('order_list', params), fixture('order_list.xml', vars));
        assertBody(await a.c.json('order_list', params), fixture('order_list.json', vars));
        // The examples' camelCase spellings, payment methods, unpadded dates.
        const d = engine.clock.now();
        const camel = { searchBy: 'date_range', startDate: `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`, endDate: today, paymentMethod: 'account_balance,credit_card' };
        assertBody(await a.c.json('order_list', camel), fixture('order_list.json', vars));
        assertBody(await a.c.xml('order_list', { ...params, payment_method: 'paypal' }), fixture('order_list-empty.xml'));
        assertBody(await a.c.json('order_list', { ...params, payment_method: 'paypal' }), fixture('order_list-empty.json'));
        const before = slash(new Date(engine.clock.now().getTime() - 3 * 86_400_000));
        assertBody(await a.c.json('order_list', { search_by: 'date_range', start_date: before, end_date: before }), fixture('order_list-empty.json'));
      });

      test('order_list by domain and by order id; another account sees none of them', async () => {
        const byDomain = JSON.parse((await a.c.json('order_list', { search_by: 'domain', domain: 'test.com' })).text) as { OrderListResponse: { OrderList: { OrderId: string }[] } };
        assert.deepEqual(byDomain.OrderListResponse.OrderList.map((o) => o.OrderId), [renew.number, reg.number]);
        const byId = JSON.parse((await a.c.json('order_list', { searchBy: 'order_id', order_id: gone.number })).text) as typeof byDomain;
        assert.deepEqual(byId.OrderListResponse.OrderList.map((o) => o.OrderId), [gone.number]);
        const b = await dynadotAccount(engine, t.url);
        assertBody(await b.c.json('order_list', { search_by: 'order_id', order_id: gone.number }), fixture('order_list-empty.json'));
        assertBody(await b.c.json('order_list', { search_by: 'domain', domain: 'test.com' }), fixture('order_list-empty.json'));
      });

      test('order_list refusals: missing and invalid parameters', async () => {
        const today = slash(engine.clock.now());
        const cases: [Record<string, string>, string][] = [
          [{}, 'missing search_by param'],
          [{ search_by: 'everything' }, 'invalid search_by: "everything"'],
          [{ searchBy: 'sometimes' }, 'invalid searchBy: "sometimes"'],
          [{ search_by: 'date_range', end_date: today }, 'missing start_date param'],
          [{ search_by: 'date_range', start_date: today }, 'missing end_date param'],
          [{ search_by: 'date_range', start_date: '2024/02/30', end_date: today }, 'invalid start_date: "2024/02/30"'],
          [{ search_by: 'date_range', start_date: today, endDate: 'yesterday' }, 'invalid endDate: "yesterday"'],
          [{ search_by: 'date_range', start_date: '2024/02/01', end_date: '2024/01/01' }, 'the end date is before the start date'],
          [{ search_by: 'date_range', start_date: '2022/01/01', end_date: '2024/01/01' }, 'a date range can cover at most 366 days'],
          [{ search_by: 'date_range', start_date: today, end_date: today, payment_method: 'account_balance,gold_bars' }, 'invalid payment_method: "gold_bars"'],
          [{ search_by: 'domain' }, 'missing domain param'],
          [{ search_by: 'order_id' }, 'missing order_id param'],
          [{ search_by: 'order_id', order_id: 'x1' }, 'invalid order_id: "x1"'],
        ];
        for (const [params, error] of cases) await assertNewError(a.c, 'order_list', 'OrderList', params, error);
      });

      test('get_order_status: the order and its items; another account\'s or an unknown order is not found; changes nothing', async () => {
        const one = { ID: renew.number, STATUS: 'Completed', TYPE: 'domain renewal', NAME: 'test.com' };
        assertBody(await a.c.xml('get_order_status', { order_id: renew.number }), fixture('get_order_status.xml', one));
        assertBody(await a.c.json('get_order_status', { order_id: renew.number }), fixture('get_order_status.json', one));
        const cancelled = { ID: gone.number, STATUS: 'Cancelled', TYPE: 'domain', NAME: 'test1.net' };
        assertBody(await a.c.xml('get_order_status', { order_id: gone.number }), fixture('get_order_status.xml', cancelled));
        assertBody(await a.c.json('get_order_status', { order_id: gone.number }), fixture('get_order_status.json', cancelled));
        const b = await dynadotAccount(engine, t.url);
        const before = await snapshotTables(engine.store.db, TABLES);
        await assertNewError(b.c, 'get_order_status', 'GetOrderStatus', { order_id: renew.number }, 'could not find order in your account');
        await assertNewError(a.c, 'get_order_status', 'GetOrderStatus', { order_id: '999999999' }, 'could not find order in your account');
        await assertNewError(a.c, 'get_order_status', 'GetOrderStatus', {}, 'missing order_id param');
        await assertNewError(a.c, 'get_order_status', 'GetOrderStatus', { order_id: 'abc' }, 'invalid order_id: "abc"');
        assert.deepEqual(await snapshotTables(engine.store.db, TABLES), before);
      });
    });

    test('get_whois_stats: lookups per day of one of the account\'s domains; refusals', async () => {
      const a = await dynadotAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'whois-counted.com' }, { actor: a.actor });
      const now = engine.clock.now();
      const start = new Date(now.getTime() - 29 * 86_400_000);
      const vars = { DOMAIN: 'whois-counted.com', START: dayMs(start), END: dayMs(now) };
      assertBody(await a.c.xml('get_whois_stats', { domain: 'whois-counted.com' }), fixture('get_whois_stats-empty.xml', vars));
      assertBody(await a.c.json('get_whois_stats', { domain: 'whois-counted.com' }), fixture('get_whois_stats-empty.json', vars));
      const yesterday = new Date(now.getTime() - 86_400_000);
      await engine.run(recordWhoisLookup, { name: 'whois-counted.com' }, { actor: SYSTEM, now: yesterday });
      await engine.run(recordWhoisLookup, { name: 'whois-counted.com' }, { actor: SYSTEM, now: yesterday });
      await engine.run(recordWhoisLookup, { name: 'whois-counted.com' }, { actor: SYSTEM });
      const full = { ...vars, DAY1: dayMs(yesterday), DAY2: dayMs(now) };
      assertBody(await a.c.xml('get_whois_stats', { domain: 'whois-counted.com' }), fixture('get_whois_stats.xml', full));
      assertBody(await a.c.json('get_whois_stats', { domain: 'whois-counted.com' }), fixture('get_whois_stats.json', full));
      const range = { domain: 'whois-counted.com', start_date: slash(yesterday), end_date: slash(yesterday) };
      const one = JSON.parse((await a.c.json('get_whois_stats', range)).text) as { GetWhoisStatsResponse: Record<string, unknown> };
      assert.deepEqual(one.GetWhoisStatsResponse, {
        ResponseCode: 0, Status: 'success', Domain: 'whois-counted.com', StartDate: dayMs(yesterday), EndDate: dayMs(yesterday), TotalLookups: '2',
        WhoisStatList: [{ Date: dayMs(yesterday), Lookups: '2' }],
      });

      const b = await dynadotAccount(engine, t.url);
      const before = await snapshotTables(engine.store.db, TABLES);
      await assertNewError(b.c, 'get_whois_stats', 'GetWhoisStats', { domain: 'whois-counted.com' }, 'could not find domain in your account');
      await assertNewError(a.c, 'get_whois_stats', 'GetWhoisStats', {}, 'missing domain param');
      await assertNewError(a.c, 'get_whois_stats', 'GetWhoisStats', { domain: 'a.com,b.com' }, 'only one domain can be asked at a time');
      await assertNewError(a.c, 'get_whois_stats', 'GetWhoisStats', { domain: 'whois-counted.com', start_date: '2024/13/01' }, 'invalid start_date: "2024/13/01"');
      await assertNewError(a.c, 'get_whois_stats', 'GetWhoisStats', { domain: 'whois-counted.com', start_date: '2024/02/01', end_date: '2024/01/01' }, 'the end date is before the start date');
      await assertNewError(a.c, 'get_whois_stats', 'GetWhoisStats', { domain: 'whois-counted.com', start_date: '2020/02/01', end_date: '2024/01/01' }, 'a date range can cover at most 366 days');
      assert.deepEqual(await snapshotTables(engine.store.db, TABLES), before);
    });

    test('reseller hold: set and read back by a reseller; refusals change nothing', async () => {
      const r = await dynadotAccount(engine, t.url, { level: 'reseller' });
      await engine.run(registerDomain, { name: 'held-customer.com' }, { actor: r.actor });
      const get = async (format: 'xml' | 'json', hold: string): Promise<void> => {
        const reply: Reply = format === 'xml' ? await r.c.xml('get_reseller_hold_status', { domain: 'held-customer.com' }) : await r.c.json('get_reseller_hold_status', { domain: 'held-customer.com' });
        assertBody(reply, fixture(`get_reseller_hold_status.${format}`, { DOMAIN: 'held-customer.com', HOLD: hold }));
      };
      await get('xml', 'no');
      await get('json', 'no');
      assertBody(await r.c.xml('set_reseller_hold_status', { domain: 'held-customer.com', hold_status: 'yes' }), fixture('set_reseller_hold_status.xml'));
      await get('xml', 'yes');
      await get('json', 'yes');
      assertBody(await r.c.json('set_reseller_hold_status', { domain: 'HELD-customer.com', hold_status: 'no' }), fixture('set_reseller_hold_status.json'));
      await get('json', 'no');
      await r.c.json('set_reseller_hold_status', { domain: 'held-customer.com', hold_status: '1' });

      const regular = await dynadotAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'not-held.com' }, { actor: regular.actor });
      const before = await snapshotTables(engine.store.db, TABLES);
      const resellerOnly = 'this command is only available to reseller accounts';
      await assertNewError(regular.c, 'set_reseller_hold_status', 'SetResellerHoldStatus', { domain: 'not-held.com', hold_status: 'yes' }, resellerOnly);
      await assertNewError(regular.c, 'get_reseller_hold_status', 'GetResellerHoldStatus', { domain: 'not-held.com' }, resellerOnly);
      await assertNewError(r.c, 'set_reseller_hold_status', 'SetResellerHoldStatus', { domain: 'not-held.com', hold_status: 'yes' }, 'could not find domain in your account');
      await assertNewError(r.c, 'get_reseller_hold_status', 'GetResellerHoldStatus', { domain: 'not-held.com' }, 'could not find domain in your account');
      await assertNewError(r.c, 'set_reseller_hold_status', 'SetResellerHoldStatus', { domain: 'held-customer.com' }, 'missing hold_status param');
      await assertNewError(r.c, 'set_reseller_hold_status', 'SetResellerHoldStatus', { domain: 'held-customer.com', hold_status: 'maybe' }, 'invalid hold_status: "maybe"');
      await assertNewError(r.c, 'set_reseller_hold_status', 'SetResellerHoldStatus', { hold_status: 'yes' }, 'missing domain param');
      await assertNewError(r.c, 'get_reseller_hold_status', 'GetResellerHoldStatus', { domain: 'a.com,b.com' }, 'only one domain can be asked at a time');
      await assertNewError(r.c, 'set_reseller_hold_status', 'SetResellerHoldStatus', { domain: 'bad..name', hold_status: 'yes' }, 'invalid domain name format: bad..name');
      assert.deepEqual(await snapshotTables(engine.store.db, TABLES), before);
      await get('json', 'yes');
    });
  });
}
