/**
 * Dynadot domain commands over real HTTP (§15.1, §6, §7, §14, §17):
 * search, suggestion_search, register, bulk_register, delete, renew,
 * domain_info, list_domain, lock_domain / lock, tld_price. Whole bodies
 * against fixtures taken from the seed's examples, in XML and JSON; every
 * refusal in the command's envelope, and refusals change nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createContact, createFolder, getAccount, getDomain, listTldPrices, modifyDomain, moveDomainToFolder, registerDomain,
  type Engine, type TldPrice,
} from '../../../src/core/index.ts';
import { JACK } from '../../support/contacts.ts';
import { BACKENDS } from '../../support/backends.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { assertBody, dynadotAccount, fixture, ms, type Client, type Reply } from './support.ts';
import type { TestAccount } from '../../support/fixtures.ts';

type Account = TestAccount & { c: Client };

/** The XML and the JSON fixture of one case, filled alike. */
async function both(c: Client, command: string, params: Record<string, string | number>, name: string, vars: Record<string, string | number> = {}) {
  assertBody(await c.xml(command, params), fixture(`${name}.xml`, vars));
  assertBody(await c.json(command, params), fixture(`${name}.json`, vars));
}

/** Text inside a JSON string of a fixture, and inside an XML element. */
const jsonText = (s: string) => JSON.stringify(s).slice(1, -1);
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const legacyError = (root: string, error: string) => ({ ROOT: root, ERROR: jsonText(error) });
const legacyErrorXml = (root: string, error: string) => ({ ROOT: root, ERROR: xmlText(error) });

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot domain commands`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let a: Account;
    let bulk: Account;
    let reseller: Account;
    let other: Account;

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      a = await dynadotAccount(engine, t.url);
      bulk = await dynadotAccount(engine, t.url, { level: 'bulk' });
      reseller = await dynadotAccount(engine, t.url, { level: 'reseller' });
      other = await dynadotAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'taken-dd.com' }, { actor: other.actor });
    });
    after(() => t.close());

    const view = (acct: Account, name: string) => engine.run(getDomain, { name }, { actor: acct.actor });
    const usd = async (acct: Account) => (await engine.run(getAccount, {}, { actor: acct.actor })).balances.find((b) => b.currency === 'USD')?.balanceMinor ?? 0;
    const snapshot = () => snapshotTables(t.services.store.db);
    async function unchanged(fn: () => Promise<Reply>, expected: string): Promise<void> {
      const before = await snapshot();
      assertBody(await fn(), expected);
      assert.deepStrictEqual(await snapshot(), before, 'a refused request changed stored data');
    }

    // ───────── search ─────────

    test('search: two names with prices (bulk account), XML Results and JSON SearchResults', async () => {
      await both(bulk.c, 'search', { domain0: 'free-dd.com', domain1: 'free-dd.net', show_price: 1, currency: 'USD' }, 'search', { NAME0: 'free-dd.com', NAME1: 'free-dd.net' });
    });

    test('search: taken, unparsable and IDN names each answer in their own entry; no price without show_price', async () => {
      await both(bulk.c, 'search', { domain0: 'taken-dd.com', domain1: 'bad_name.com', domain2: 'café-dd.com', language2: 'spa' }, 'search-mixed',
        { TAKEN: 'taken-dd.com', IDN: 'café-dd.com' });
    });

    test('search: a regular account may send one name; missing names, stray languages and bad currencies are refused', async () => {
      assertBody(await a.c.json('search', { domain0: 'free-dd.com', show_price: 1 }),
        '{"SearchResponse":{"ResponseCode":"0","SearchResults":[{"DomainName":"free-dd.com","Available":"yes","Price":"10.99 in USD"}]}}');
      const cases: [Record<string, string | number>, string][] = [
        [{ domain0: 'a-dd.com', domain1: 'b-dd.com' }, 'your account can only search 1 domain per request'],
        [{}, 'missing domain0 param'],
        [{ domain0: 'a-dd.com', language1: 'spa' }, 'language1 has no matching domain1 param'],
        [{ domain0: 'a-dd.com', currency: 'XYZ' }, 'invalid currency: XYZ'],
        [{ domain0: 'a-dd.com', show_price: 'maybe' }, 'invalid show_price: "maybe"'],
        [{ domain100: 'a-dd.com' }, 'too many domain values: at most 100 per request'],
      ];
      for (const [params, error] of cases) {
        assertBody(await a.c.xml('search', params), fixture('legacy-error.xml', legacyErrorXml('Search', error)));
        assertBody(await a.c.json('search', params), fixture('legacy-error.json', legacyError('Search', error)));
      }
    });

    // ───────── suggestion_search ─────────

    test('suggestion_search: available names near the asked one, in order, with prices; taken ones left out', async () => {
      await engine.run(registerDomain, { name: 'getsugg-dd.com' }, { actor: other.actor });
      const tlds = (await engine.run(listTldPrices, { currency: 'USD' }, { actor: a.actor })).filter((p) => p.kind === 'paid' && p.tld !== 'com');
      const expected = [
        ...tlds.map((p) => [`sugg-dd.${p.tld}`, p.prices.register] as const),
        ...['mysugg-dd', 'thesugg-dd', 'trysugg-dd', 'sugg-ddonline', 'sugg-ddhq', 'sugg-ddapp', 'sugg-ddshop'].map((l) => [`${l}.com`, 1099] as const),
      ].slice(0, 20);
      const money = (m: number) => `${Math.floor(m / 100)}.${String(m % 100).padStart(2, '0')} in USD`;
      const xmlItems = expected.map(([n, p]) => `    <Suggestion>\n      <DomainName>${n}</DomainName>\n      <Available>yes</Available>\n      <Price>${money(p)}</Price>\n    </Suggestion>`).join('\n');
      const jsonItems = expected.map(([n, p]) => JSON.stringify({ DomainName: n, Available: 'yes', Price: money(p) })).join(',');
      assertBody(await a.c.xml('suggestion_search', { domain: 'sugg-dd.com', show_price: 1 }), fixture('suggestion_search.xml', { ITEMS: xmlItems }));
      assertBody(await a.c.json('suggestion_search', { domain: 'sugg-dd.com', show_price: 1 }), fixture('suggestion_search.json', { ITEMS: jsonItems }));
      assertBody(await a.c.json('suggestion_search', {}), fixture('legacy-error.json', legacyError('SuggestionSearch', 'missing domain param')));
      assertBody(await a.c.xml('suggestion_search', { domain: 'no/such' }), fixture('legacy-error.xml', legacyErrorXml('SuggestionSearch', 'invalid domain: "no/such"')));
    });

    // ───────── register ─────────

    test('register: XML and JSON as the seed prints them; the expiry is the duration away and the balance pays', async () => {
      const start = await usd(a);
      const r1 = await a.c.xml('register', { domain: 'reg-dd.net', duration: 3, currency: 'USD' });
      assert.equal(await usd(a), start - 3 * 1299);
      const d1 = await view(a, 'reg-dd.net');
      assertBody(r1, fixture('register.xml', { EXPIRATION: ms(d1.expiresAt) }));
      assert.equal(d1.expiresAt.getUTCFullYear() - d1.createdAt.getUTCFullYear(), 3);
      const r2 = await a.c.json('register', { domain: 'reg-dd.com', duration: 1 });
      assertBody(r2, fixture('register.json', { NAME: 'reg-dd.com', EXPIRATION: ms((await view(a, 'reg-dd.com')).expiresAt) }));
    });

    test('register: contacts by public number, not_available, premium consent, insufficient funds', async () => {
      const jack = await engine.run(createContact, JACK, { actor: a.actor });
      assertBody(await a.c.json('register', { domain: 'who-dd.com', duration: 1, registrant_contact: jack.id, billing_contact: jack.id }),
        fixture('register.json', { NAME: 'who-dd.com', EXPIRATION: ms((await view(a, 'who-dd.com')).expiresAt) }));
      const info = JSON.parse((await a.c.json('domain_info', { domain: 'who-dd.com' })).text) as { DomainInfoResponse: { DomainInfo: { Whois: unknown } } };
      assert.deepEqual(info.DomainInfoResponse.DomainInfo.Whois,
        { Registrant: { ContactId: String(jack.id) }, Admin: { ContactId: '0' }, Technical: { ContactId: '0' }, Billing: { ContactId: String(jack.id) } });

      await unchanged(() => a.c.xml('register', { domain: 'taken-dd.com', duration: 1 }), fixture('register-status.xml', { CODE: 1, STATUS: 'not_available' }));
      await unchanged(() => a.c.json('register', { domain: 'www.com', duration: 1 }), fixture('register-status.json', { CODE: 1, STATUS: 'not_available' }));
      await unchanged(() => a.c.json('register', { domain: 'cars.com', duration: 1 }),
        fixture('legacy-error.json', legacyError('Register', 'this domain is a premium domain, please use premium option')));
      await unchanged(() => a.c.xml('register', { domain: 'cars.com', duration: 1, premium: 1 }), fixture('register-status.xml', { CODE: -1, STATUS: 'insufficient_funds' }));
    });

    test('register: bad parameters, coupons and .at/.be options are refused in the envelope and change nothing', async () => {
      const jack = await engine.run(createContact, { ...JACK, organization: 'Slater Films' }, { actor: a.actor });
      const cases: [Record<string, string | number>, string][] = [
        [{ duration: 1 }, 'missing domain param'],
        [{ domain: 'x-dd.com' }, 'missing duration param'],
        [{ domain: 'x-dd.com', duration: 11 }, 'invalid duration: "11"'],
        [{ domain: 'x-dd.com', duration: 1, coupon: 'SAVE10' }, 'invalid coupon: "SAVE10" is not a valid coupon code'],
        [{ domain: 'x-dd.com', duration: 1, admin_contact: 'abc' }, 'invalid admin_contact: "abc"'],
        [{ domain: 'x-dd.com', duration: 1, technical_contact: 999999 }, 'could not find contact 999999 in your account'],
        [{ domain: 'x-dd.com', duration: 1, currency: 'XYZ' }, 'invalid currency: XYZ'],
        [{ domain: 'x-dd.com', duration: 1, option0: 'Jack Slater' }, 'option0 and option1 are only used for .at and .be domains'],
        [{ domain: 'x-dd.at', duration: 1, option0: 'Jack Slater' }, 'missing registrant_contact param'],
        [{ domain: 'x-dd.at', duration: 1, option0: 'John Doe', registrant_contact: jack.id }, 'option0 does not match the name of the registrant contact'],
        [{ domain: 'x-dd.be', duration: 1, option1: 'Other Ltd', registrant_contact: jack.id }, 'option1 does not match the organization of the registrant contact'],
        [{ domain: 'bad_name.com', duration: 1 }, 'invalid domain name format: bad_name.com'],
        [{ domain: 'x-dd.nosuchtld', duration: 1 }, 'the tld is not supported: nosuchtld'],
      ];
      for (const [params, error] of cases) {
        await unchanged(() => a.c.xml('register', params), fixture('legacy-error.xml', legacyErrorXml('Register', error)));
        await unchanged(() => a.c.json('register', params), fixture('legacy-error.json', legacyError('Register', error)));
      }
      assertBody(await a.c.json('register', { domain: 'opt-dd.at', duration: 1, option0: 'jack  slater', option1: 'Slater Films', registrant_contact: jack.id }),
        fixture('register.json', { NAME: 'opt-dd.at', EXPIRATION: ms((await view(a, 'opt-dd.at')).expiresAt) }));
    });

    // ───────── bulk_register ─────────

    test('bulk_register: one RegisterResult per name, a taken name does not stop the others', async () => {
      const r = await bulk.c.xml('bulk_register', { domain0: 'bulk0-dd.com', domain1: 'taken-dd.com', currency: 'USD' });
      assertBody(r, fixture('bulk_register.xml', { NAME0: 'bulk0-dd.com', EXPIRATION0: ms((await view(bulk, 'bulk0-dd.com')).expiresAt), NAME1: 'taken-dd.com' }));
      const j = await bulk.c.json('bulk_register', { domain0: 'bulk1-dd.com', domain1: 'bulk0-dd.com' });
      assertBody(j, fixture('bulk_register.json', { NAME0: 'bulk1-dd.com', EXPIRATION0: ms((await view(bulk, 'bulk1-dd.com')).expiresAt), NAME1: 'bulk0-dd.com' }));
      const broke = await dynadotAccount(engine, t.url, { deposits: { USD: '5.00' } });
      assertBody(await broke.c.json('bulk_register', { domain0: 'poor-dd.com', domain1: 'bad_name.com' }),
        '{"BulkRegisterResponse":{"ResponseCode":0,"Status":"success","BulkRegister":[{"DomainName":"poor-dd.com","Expiration":"-","Result":"error","Message":"insufficient_funds"},{"DomainName":"bad_name.com","Expiration":"-","Result":"error","Message":"invalid domain name format: bad_name.com"}]}}');
      await unchanged(() => bulk.c.json('bulk_register', {}), fixture('new-error.json', { ROOT: 'BulkRegister', ERROR: 'missing domain0 param' }));
      await unchanged(() => bulk.c.xml('bulk_register', { domain0: 'c-dd.com', coupon: 'X' }),
        fixture('new-error.xml', { ROOT: 'BulkRegister', CODE: 'ResponseCode', ERROR: 'invalid coupon: "X" is not a valid coupon code' }));
    });

    // ───────── domain_info, lock, list_domain ─────────

    test('domain_info: the seed\'s Domain element in XML and JSON; another account\'s domain is not found', async () => {
      await engine.run(registerDomain, { name: 'info-dd.com', parking: { withAds: true }, renewOption: 'reset', locked: true }, { actor: a.actor });
      const d = await view(a, 'info-dd.com');
      await both(a.c, 'domain_info', { domain: 'info-dd.com' }, 'domain_info', { NAME: 'info-dd.com', EXPIRATION: ms(d.expiresAt), REGISTRATION: ms(d.createdAt) });
      assertBody(await a.c.xml('domain_info', { domain: 'taken-dd.com' }),
        fixture('new-error.xml', { ROOT: 'DomainInfo', CODE: 'ResponseCode', ERROR: 'could not find domain in your account' }));
      assertBody(await a.c.json('domain_info', {}), fixture('new-error.json', { ROOT: 'DomainInfo', ERROR: 'missing domain param' }));
    });

    test('lock_domain and lock: the transfer lock is set; errors in LockDomainResponse', async () => {
      await engine.run(registerDomain, { name: 'lock-dd.com' }, { actor: a.actor });
      assertBody(await a.c.xml('lock_domain', { domain: 'lock-dd.com' }), fixture('lock_domain.xml'));
      assert.equal((await view(a, 'lock-dd.com')).locked, true);
      await engine.run(modifyDomain, { name: 'lock-dd.com', locked: false }, { actor: a.actor });
      assertBody(await a.c.json('lock', { domain: 'lock-dd.com' }), fixture('lock_domain.json'));
      assert.equal((await view(a, 'lock-dd.com')).locked, true);
      await unchanged(() => a.c.json('lock_domain', { domain: 'taken-dd.com' }), fixture('legacy-error.json', legacyError('LockDomain', 'could not find domain in your account')));
      await unchanged(() => a.c.xml('lock', {}), fixture('legacy-error.xml', legacyErrorXml('LockDomain', 'missing domain param')));
    });

    test('list_domain: every domain with the domain_info fields, one DomainInfo in XML, MainDomains in JSON; paging and sorting', async () => {
      const acct = await dynadotAccount(engine, t.url);
      assertBody(await acct.c.xml('list_domain'), fixture('list_domain-empty.xml'));
      assertBody(await acct.c.json('list_domain'), fixture('list_domain-empty.json'));
      const c1 = await engine.run(createContact, JACK, { actor: acct.actor });
      const c2 = await engine.run(createContact, { ...JACK, name: 'Dana Slater' }, { actor: acct.actor });
      await engine.run(registerDomain, { name: 'list0-dd.com', parking: { withAds: true }, renewOption: 'reset', locked: true }, { actor: acct.actor });
      await engine.run(registerDomain, {
        name: 'list1-dd.com', nameServers: ['ns1.example.net', 'ns2.example.net'], privacy: 'full', note: 'keep & renew', periodMonths: 24,
        contacts: { registrant: c1.id, admin: c2.id, tech: c1.id, billing: c2.id },
      }, { actor: acct.actor });
      const folder = await engine.run(createFolder, { name: 'Shop' }, { actor: acct.actor });
      await engine.run(moveDomainToFolder, { name: 'list1-dd.com', folderId: folder.id }, { actor: acct.actor });
      const d0 = await view(acct, 'list0-dd.com');
      const d1 = await view(acct, 'list1-dd.com');
      const vars = {
        NAME0: 'list0-dd.com', EXPIRATION0: ms(d0.expiresAt), REGISTRATION0: ms(d0.createdAt),
        NAME1: 'list1-dd.com', EXPIRATION1: ms(d1.expiresAt), REGISTRATION1: ms(d1.createdAt),
        C1: c1.id, C2: c2.id, FOLDER: folder.id,
      };
      await both(acct.c, 'list_domain', {}, 'list_domain', vars);

      const names = async (params: Record<string, string | number>) =>
        ((await acct.c.obj('list_domain', params)).ListDomainInfoResponse as { MainDomains: { Name: string }[] }).MainDomains.map((m) => m.Name);
      assert.deepEqual(await names({ count_per_page: 1, page_index: 2 }), ['list1-dd.com']);
      assert.deepEqual(await names({ count_per_page: 1, page_index: 3 }), []);
      assert.deepEqual(await names({ sort: 'name_desc' }), ['list1-dd.com', 'list0-dd.com']);
      assert.deepEqual(await names({ sort: 'expiration_desc', count_per_page: 1 }), ['list1-dd.com']);
      assert.deepEqual(await names({ sort: 'expiration_asc' }), ['list0-dd.com', 'list1-dd.com']);

      assertBody(await acct.c.json('list_domain', { customer_id: 'c-1' }),
        fixture('new-error.json', { ROOT: 'ListDomainInfo', ERROR: 'the customer_id param is only available to reseller accounts' }));
      assertBody(await acct.c.xml('list_domain', { sort: 'size' }),
        fixture('new-error.xml', { ROOT: 'ListDomainInfo', CODE: 'ResponseCode', ERROR: 'invalid sort: "size"' }));
      assertBody(await acct.c.json('list_domain', { count_per_page: 0 }), fixture('new-error.json', { ROOT: 'ListDomainInfo', ERROR: jsonText('invalid count_per_page: "0"') }));

      // A reseller filters by its customers.
      await engine.run(registerDomain, { name: 'cust-dd.com', customerId: 'c-7' }, { actor: reseller.actor });
      await engine.run(registerDomain, { name: 'nocust-dd.com' }, { actor: reseller.actor });
      const rnames = async (params: Record<string, string | number>) =>
        ((await reseller.c.obj('list_domain', params)).ListDomainInfoResponse as { MainDomains: { Name: string }[] }).MainDomains.map((m) => m.Name);
      assert.deepEqual(await rnames({ customer_id: 'c-7' }), ['cust-dd.com']);
      assert.deepEqual(await rnames({}), ['cust-dd.com', 'nocust-dd.com']);
    });

    // ───────── tld_price ─────────

    test('tld_price: every TLD priced in the currency, header PriceLevel and Currency; unknown currencies refused', async () => {
      const item = (ext: 'xml' | 'json', p: TldPrice) => fixture(`tld_price-item.${ext}`, {
        TLD: p.tld, USAGE: p.kind === 'free' ? 'Free and paid registrations' : 'General',
        REGISTER: money(p.prices.register), RENEW: money(p.prices.renew), TRANSFER: money(p.prices.transfer),
        GRACE_RENEW: p.graceDays.autoRenew, GRACE_DELETE: p.graceDays.add, IDN: p.idn ? 'Yes' : 'No',
      });
      const money = (m: number) => `${Math.floor(m / 100)}.${String(m % 100).padStart(2, '0')}`;
      for (const [acct, level, param, currency] of [[a, 'Regular Pricing', {}, 'USD'], [bulk, 'Bulk Pricing', { currency: 'eur' }, 'EUR']] as const) {
        const list = await engine.run(listTldPrices, { currency }, { actor: acct.actor });
        assertBody(await acct.c.xml('tld_price', param), fixture('tld_price.xml', { LEVEL: level, CURRENCY: currency, ITEMS: list.map((p) => item('xml', p)).join('\n') }));
        assertBody(await acct.c.json('tld_price', param), fixture('tld_price.json', { LEVEL: level, CURRENCY: currency, ITEMS: list.map((p) => item('json', p)).join(',') }));
      }
      // .com as the policy file states it, in the seed's shape.
      const com = JSON.parse((await a.c.json('tld_price')).text).TldPriceResponse.TldPrice.find((x: { Tld: string }) => x.Tld === '.com');
      assert.deepEqual(com, {
        Tld: '.com', Usage: 'General', Price: { Unit: '(Price/1 year)', Register: '10.99', Renew: '12.99', Transfer: '10.99' },
        Privacy: 'Yes', GracePeriod: { Unit: '(Grace Period/days)', Renew: '45', Delete: '5' }, IDN: 'Yes', Restrictions: '--',
      });
      assertBody(await a.c.xml('tld_price', { currency: 'cny' }), fixture('tld_price-error.xml', { ERROR: 'invalid currency: CNY' }));
      assertBody(await a.c.json('tld_price', { currency: 'gbp' }), fixture('tld_price-error.json', { ERROR: jsonText('invalid currency: "gbp"') }));
    });

    // ───────── renew, delete (these move the clock: last) ─────────

    test('renew: XML and JSON, price_check, the year guard; refusals charge nothing', async () => {
      await engine.run(registerDomain, { name: 'renew-dd.com' }, { actor: a.actor });
      const before = await view(a, 'renew-dd.com');
      const year = before.expiresAt.getUTCFullYear();
      await unchanged(() => a.c.xml('renew', { domain: 'renew-dd.com', duration: 2, price_check: 1 }), fixture('renew-price_check.xml', { PRICE: '25.98 in USD' }));
      await unchanged(() => a.c.json('renew', { domain: 'renew-dd.com', duration: 1, price_check: 1, currency: 'EUR' }), fixture('renew-price_check.json', { PRICE: '11.99 in EUR', NAME: 'renew-dd.com' }));
      const errors: [Record<string, string | number>, string][] = [
        [{ domain: 'renew-dd.com', duration: 1, year: year + 1 }, `invalid year: the domain currently expires in ${year}`],
        [{ domain: 'renew-dd.com', duration: 1, year: 'soon' }, 'invalid year: "soon"'],
        [{ domain: 'renew-dd.com' }, 'missing duration param'],
        [{ domain: 'renew-dd.com', duration: 1, coupon: 'testcoupon' }, 'invalid coupon: "testcoupon" is not a valid coupon code'],
        [{ domain: 'taken-dd.com', duration: 1 }, 'could not find domain in your account'],
        [{ domain: 'renew-dd.com', duration: 10 }, 'this domain can not be renewed: beyond the maximum registration period'],
      ];
      for (const [params, error] of errors) {
        await unchanged(() => a.c.xml('renew', params), fixture('legacy-error.xml', legacyErrorXml('Renew', error)));
        await unchanged(() => a.c.json('renew', params), fixture('legacy-error.json', legacyError('Renew', error)));
      }
      const poor = await dynadotAccount(engine, t.url, { deposits: { USD: '11.00' } });
      await engine.run(registerDomain, { name: 'poor-renew-dd.com' }, { actor: poor.actor });
      await unchanged(() => poor.c.xml('renew', { domain: 'poor-renew-dd.com', duration: 1 }),
        '<RenewResponse>\n  <RenewHeader>\n    <SuccessCode>-1</SuccessCode>\n    <Status>insufficient_funds</Status>\n  </RenewHeader>\n</RenewResponse>\n');

      const r = await a.c.xml('renew', { domain: 'renew-dd.com', duration: 1, year });
      const after1 = await view(a, 'renew-dd.com');
      assert.equal(after1.expiresAt.getUTCFullYear(), year + 1);
      assertBody(r, fixture('renew.xml', { EXPIRATION: ms(after1.expiresAt) }));
      const j = await a.c.json('renew', { domain: 'RENEW-dd.com', duration: 2 });
      assertBody(j, fixture('renew.json', { NAME: 'renew-dd.com', EXPIRATION: ms((await view(a, 'renew-dd.com')).expiresAt) }));
    });

    test('delete: inside the add grace the registration is undone and refunded; after it grace_expired; locked domains refused', async () => {
      await engine.run(registerDomain, { name: 'del0-dd.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'del1-dd.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'del-locked-dd.com', locked: true }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'del-renewed-dd.com' }, { actor: a.actor });
      assertBody(await a.c.json('renew', { domain: 'del-renewed-dd.com', duration: 1 }),
        fixture('renew.json', { NAME: 'del-renewed-dd.com', EXPIRATION: ms((await view(a, 'del-renewed-dd.com')).expiresAt) }));
      const b0 = await usd(a);
      assertBody(await a.c.xml('delete', { domain: 'del0-dd.com' }), fixture('delete.xml'));
      assertBody(await a.c.json('delete', { domain: 'del1-dd.com' }), fixture('delete.json', { NAME: 'del1-dd.com' }));
      assert.equal(await usd(a), b0 + 2 * 1099, 'both registrations are refunded');
      assertBody(await a.c.xml('search', { domain0: 'del0-dd.com' }),
        '<Results>\n  <SearchResponse>\n    <SearchHeader>\n      <SuccessCode>0</SuccessCode>\n      <DomainName>del0-dd.com</DomainName>\n      <Available>yes</Available>\n    </SearchHeader>\n  </SearchResponse>\n</Results>\n');
      await unchanged(() => a.c.json('delete', { domain: 'del-locked-dd.com' }), fixture('legacy-error.json', legacyError('Delete', 'Please unlock your domain firstly.')));
      await unchanged(() => a.c.xml('delete', { domain: 'del-renewed-dd.com' }), fixture('delete-grace_expired.xml'));
      await unchanged(() => a.c.json('delete', { domain: 'taken-dd.com' }), fixture('legacy-error.json', legacyError('Delete', 'could not find domain in your account')));
      await unchanged(() => a.c.json('delete', {}), fixture('legacy-error.json', legacyError('Delete', 'missing domain param')));

      await engine.run(registerDomain, { name: 'del-late-dd.com' }, { actor: a.actor });
      assert.equal((await ops(t.url, 'clock advance', { duration: '6d' })).status, 200);
      await unchanged(() => a.c.xml('delete', { domain: 'del-late-dd.com' }), fixture('delete-grace_expired.xml'));
      await unchanged(() => a.c.json('delete', { domain: 'del-late-dd.com' }), fixture('delete-grace_expired.json'));
    });

    test('renew of a domain in redemption: refused with no_renew_if_late_renew_fee_needed, else restored and renewed', async () => {
      await engine.run(registerDomain, { name: 'late-dd.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'late2-dd.com' }, { actor: a.actor });
      await engine.run(modifyDomain, { name: 'late-dd.com', renewOption: 'donot' }, { actor: a.actor });
      await engine.run(modifyDomain, { name: 'late2-dd.com', renewOption: 'donot' }, { actor: a.actor });
      const old = await view(a, 'late-dd.com');
      assert.equal((await ops(t.url, 'clock advance', { duration: '420d' })).status, 200);
      assert.equal((await view(a, 'late-dd.com')).state, 'redemption');
      await unchanged(() => a.c.xml('renew', { domain: 'late-dd.com', duration: 1, no_renew_if_late_renew_fee_needed: 1 }),
        fixture('legacy-error.xml', legacyErrorXml('Renew', 'this domain needs a late renew fee to be renewed, it was not renewed')));
      const r = await a.c.json('renew', { domain: 'late-dd.com', duration: 2 });
      const now = await view(a, 'late-dd.com');
      assert.equal(now.state, 'active');
      assert.equal(now.expiresAt.getUTCFullYear(), old.expiresAt.getUTCFullYear() + 2);
      assertBody(r, fixture('renew.json', { NAME: 'late-dd.com', EXPIRATION: ms(now.expiresAt) }));
      const r2 = await a.c.xml('renew', { domain: 'late2-dd.com', duration: 1 });
      assertBody(r2, fixture('renew.xml', { EXPIRATION: ms((await view(a, 'late2-dd.com')).expiresAt) }));
    });
  });
}
