/**
 * Freenom parameters as real clients send them (issue 18): PHP's array
 * forms exactly as http_build_query writes them (nameserver%5B0%5D=…,
 * nameserver%5B%5D=…) in query strings, form and multipart bodies, for the
 * parameters the tables mark Multiple; unknown parameters refused; the
 * repeated `period` of domain/upgrade; contact_statecode in ISO 3166-2 form.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../support/backends.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { assertError, call, creds, newContact, startFreenomServer, type FreenomTestServer, type Reply } from './support.ts';

/** PHP's urlencode (what http_build_query applies to keys and values): RFC 1738, space as '+', only [A-Za-z0-9._-] left as is. */
function urlencode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/** The credentials part of an http_build_query string. */
function credsQuery(a: TestAccount): string {
  return `email=${urlencode(a.email)}&password=${urlencode(a.password)}`;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const NS = ['ns1.dns-host.example', 'ns2.dns-host.example', 'ns3.dns-host.example'] as const;

/** A multipart body as PHP's curl writes it for CURLOPT_POSTFIELDS given an array ('nameserver[0]' => …). */
function multipart(fields: readonly (readonly [string, string])[]): { body: string; headers: Record<string, string> } {
  const boundary = '------------------------a1b2c3d4e5f60718';
  const body = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const backend of BACKENDS) {
  describe(`${backend}: Freenom parameters as clients send them`, { timeout: 120_000 }, () => {
    let t: FreenomTestServer;
    let a: TestAccount;
    before(async () => {
      t = await startFreenomServer(backend);
      a = await t.account();
    });
    after(async () => t.close());

    const raw = (path: string, method: string, body: string, headers: Record<string, string> = FORM) => call(t.v2, path, {}, { method, rawBody: body, headers });
    const nameservers = async (domainname: string): Promise<string[]> => {
      const r = await call(t.v2, '/domain/getinfo', { ...creds(a), domainname });
      return ((r.body.domain as Record<string, unknown>[])[0]!.nameserver as Record<string, string>[]).map((n) => n.hostname!);
    };
    /** A refused call changes nothing. */
    const unchanged = async (reply: Promise<Reply>, message: string) => {
      const before = await snapshotTables(t.services.store.db);
      assertError(await reply, message);
      assert.deepEqual(await snapshotTables(t.services.store.db), before);
    };

    test('domain/register: http_build_query\'s nameserver%5B0%5D, nameserver%5B1%5D in a form body delegate the domain', async () => {
      // http_build_query(['domainname' => 'php-arrays.tk', 'domaintype' => 'FREE', 'nameserver' => ['ns1…', 'ns2…'], 'email' => …, 'password' => …])
      const body = `domainname=php-arrays.tk&domaintype=FREE&nameserver%5B0%5D=ns1.dns-host.example&nameserver%5B1%5D=ns2.dns-host.example&${credsQuery(a)}`;
      const r = await raw('/domain/register', 'POST', body);
      assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
      assert.deepEqual(await nameservers('php-arrays.tk'), [NS[0], NS[1]]);
    });

    test('domain/modify: nameserver%5B%5D=… (PUT form), indexed keys in a multipart body and in the query string; a repeated index replaces', async () => {
      const put = await raw('/domain/modify', 'PUT', `domainname=php-arrays.tk&nameserver%5B%5D=ns3.dns-host.example&nameserver%5B%5D=ns1.dns-host.example&${credsQuery(a)}`);
      assert.equal(put.body.result, 'DOMAIN MODIFIED', put.text);
      assert.deepEqual(await nameservers('php-arrays.tk'), [NS[2], NS[0]]);

      const form = multipart([['domainname', 'php-arrays.tk'], ['nameserver[0]', NS[1]], ['nameserver[1]', NS[2]], ['email', a.email], ['password', a.password], ['method', 'PUT']]);
      const mp = await call(t.v2, '/domain/modify', {}, { method: 'POST', rawBody: form.body, headers: form.headers });
      assert.equal(mp.body.result, 'DOMAIN MODIFIED', mp.text);
      assert.deepEqual(await nameservers('php-arrays.tk'), [NS[1], NS[2]]);

      // PHP keeps the last value of a repeated index, at the index's first place.
      const query = `domainname=php-arrays.tk&nameserver%5B0%5D=ns9.dns-host.example&nameserver%5B1%5D=ns1.dns-host.example&nameserver%5B0%5D=ns2.dns-host.example&method=put&${credsQuery(a)}`;
      const q = await call(t.v2, `/domain/modify?${query}`, {}, { method: 'GET' });
      assert.equal(q.body.result, 'DOMAIN MODIFIED', q.text);
      assert.deepEqual(await nameservers('php-arrays.tk'), [NS[1], NS[0]]);

      // One value in the array form is one name server: the engine's minimum applies as to any list.
      await unchanged(raw('/domain/modify', 'PUT', `domainname=php-arrays.tk&nameserver%5B0%5D=ns3.dns-host.example&${credsQuery(a)}`), 'Between 2 and 13 nameservers are required; 1 given');
    });

    test('contact/getinfo: contact_id%5B0%5D, contact_id%5B1%5D in the query string (GET), answered in request order', async () => {
      const first = await newContact(t.v2, a, { contact_firstname: 'Prvni' });
      const second = await newContact(t.v2, a, { contact_firstname: 'Druhy' });
      const r = await call(t.v2, `/contact/getinfo?contact_id%5B0%5D=${second}&contact_id%5B1%5D=${first}&${credsQuery(a)}`);
      assert.equal(r.body.result, 'CONTACTS LISTED', r.text);
      assert.deepEqual((r.body.contact as Record<string, string>[]).map((c) => [c.contact_id, c.contact_firstname]), [[second, 'Druhy'], [first, 'Prvni']]);
    });

    test('unknown parameters and arrays of single-valued ones are refused, nothing changed; empty unknown ones count as absent', async () => {
      await unchanged(raw('/domain/modify', 'PUT', `domainname=php-arrays.tk&nameservers%5B0%5D=ns1.dns-host.example&nameservers%5B1%5D=ns3.dns-host.example&${credsQuery(a)}`),
        'Invalid data: unknown parameter nameservers');
      await unchanged(raw('/domain/modify', 'PUT', `domainname=php-arrays.tk&name_server=ns1.dns-host.example&${credsQuery(a)}`), 'Invalid data: unknown parameter name_server');
      await unchanged(raw('/domain/modify', 'PUT', `domainname=php-arrays.tk&nameserver%5B0%5D%5Bhost%5D=ns1.dns-host.example&${credsQuery(a)}`),
        'Invalid data: unknown parameter nameserver[0][host]');
      await unchanged(raw('/domain/modify', 'PUT', `domainname%5B0%5D=php-arrays.tk&idshield=enabled&${credsQuery(a)}`),
        'Invalid data: parameter domainname takes one value, not an array');
      // A parameter of another function.
      await unchanged(raw('/domain/renew', 'POST', `domainname=php-arrays.tk&nameserver%5B0%5D=ns1.dns-host.example&${credsQuery(a)}`), 'Invalid data: unknown parameter nameserver');
      assertError(await call(t.v2, '/domain/getinfo', { ...creds(a), domainname: 'php-arrays.tk', forward_mode: 'cloak' }), 'Invalid data: unknown parameter forward_mode');
      // Dot CF: its tables lack forward_mode and autorenew (ignored, so a Freenom client works), but an unknown name is refused there too.
      assertError(await call(t.dotcf, '/domain/getinfo', { ...creds(a), domainname: 'php-arrays.tk', colour: 'blue' }), 'Invalid data: unknown parameter colour');
      const dotcf = await call(t.dotcf, '/domain/modify', { ...creds(a), domainname: 'php-arrays.tk', autorenew: 'enabled', forward_mode: 'cloak' }, { method: 'PUT' });
      assert.equal(dotcf.body.result, 'DOMAIN MODIFIED', dotcf.text);

      // Public clients send every field of their blueprint, empty ones included, and credentials to ping.
      const blank = await raw('/domain/modify', 'PUT', `domainname=php-arrays.tk&forward_url=&nameserver=&owner_id=&unused_field=&test_mode=0&${credsQuery(a)}`);
      assert.equal(blank.body.result, 'DOMAIN MODIFIED', blank.text);
      assert.equal((await call(t.v2, '/service/ping', creds(a))).body.result, 'PING REPLY');
    });

    test('domain/upgrade: period is Multiple, the years of every value add up (period%5B%5D and repeated keys alike)', async () => {
      const balance = async () => (await t.services.store.db.selectFrom('balances').select('balance_minor').where('account_id', '=', a.id).where('currency', '=', 'EUR').executeTakeFirstOrThrow()).balance_minor;
      const expiry = async (domainname: string) => ((await call(t.v2, '/domain/getinfo', { ...creds(a), domainname })).body.domain as Record<string, string>[])[0]!.expirationdate;
      for (const name of ['php-up1.ml', 'php-up2.ml']) {
        assert.equal((await call(t.v2, '/domain/register', { ...creds(a), domainname: name, domaintype: 'FREE' }, { method: 'POST' })).body.result, 'DOMAIN REGISTERED');
      }
      const before = await balance();
      const r = await raw('/domain/upgrade', 'POST', `domainname=php-up1.ml&idshield=enabled&period%5B0%5D=1Y&period%5B1%5D=2Y&${credsQuery(a)}`);
      assert.equal(r.text, '{"domain":[{"domainname":"php-up1.ml","result":"DOMAIN UPGRADED","status":"UPGRADED"}],"status":"OK"}');
      assert.deepEqual([await expiry('php-up1.ml'), await balance()], ['20350415', before - 3 * 899]);
      const repeated = await raw('/domain/upgrade', 'POST', `domainname=php-up2.ml&idshield=enabled&period=1Y&period=1Y&${credsQuery(a)}`);
      assert.equal(repeated.body.status, 'OK', repeated.text);
      assert.deepEqual([await expiry('php-up2.ml'), await balance()], ['20340415', before - 5 * 899]);
      await unchanged(raw('/domain/upgrade', 'POST', `domainname=php-up1.ml&period%5B%5D=9Y&period%5B%5D=2Y&${credsQuery(a)}`), 'Domain php-up1.ml is not a free domain');
      assert.equal((await call(t.v2, '/domain/register', { ...creds(a), domainname: 'php-up3.ml', domaintype: 'FREE' }, { method: 'POST' })).body.result, 'DOMAIN REGISTERED');
      await unchanged(raw('/domain/upgrade', 'POST', `domainname=php-up3.ml&idshield=enabled&period%5B%5D=9Y&period%5B%5D=2Y&${credsQuery(a)}`),
        'Invalid value for period: 11Y is not allowed (allowed: 1Y, 2Y, 3Y, 4Y, 5Y, 6Y, 7Y, 8Y, 9Y, 10Y)');
    });

    test('contact_statecode: the ISO 3166-2 form the document names (FR-75C stays FR-75C), checked against ISO 3166-2', async () => {
      const paris = { contact_city: 'Paris', contact_zipcode: '75001', contact_countrycode: 'FR', contact_phone: '+33.140000000' };
      const statecode = async (id: string) => ((await call(t.v2, '/contact/getinfo', { ...creds(a), contact_id: id })).body.contact as Record<string, string>[])[0]!.contact_statecode;
      const prefixed = await newContact(t.v2, a, { ...paris, contact_statecode: 'FR-75C' });
      const bare = await newContact(t.v2, a, { ...paris, contact_statecode: '69' });
      assert.deepEqual([await statecode(prefixed), await statecode(bare)], ['FR-75C', 'FR-69']);
      const put = (fields: Record<string, string>) => call(t.v2, '/contact/register', { ...creds(a), ...fields }, { method: 'PUT' });
      const full = { contact_firstname: 'Jean', contact_lastname: 'Dupont', contact_address: '1 rue de Rivoli', contact_email: 'jean@example.fr', ...paris };
      await unchanged(put({ ...full, contact_statecode: 'XX' }), 'Invalid value for contact_statecode: FR-XX is not an ISO 3166-2 subdivision code of FR');
      await unchanged(put({ ...full, contact_statecode: 'FR-75' }), 'Invalid value for contact_statecode: FR-75 is not an ISO 3166-2 subdivision code of FR');
      await unchanged(put({ ...full, contact_statecode: 'CZ-10' }), 'Invalid value for contact_statecode: the subdivision belongs to CZ, not to the contact\'s country FR');
      await unchanged(put({ contact_id: prefixed, contact_countrycode: 'DE' }), 'Invalid value for contact_statecode: DE-75C is not an ISO 3166-2 subdivision code of DE');
      assert.equal((await put({ contact_id: prefixed, contact_countrycode: 'DE', contact_statecode: 'de-be' })).body.result, 'CONTACT UPDATED');
      assert.equal(await statecode(prefixed), 'DE-BE');
    });

    // Last: it moves the clock a year on.
    test('domain/restore applies to a PAID .tk expired into redemption (a deleted one is free at once, see domains.test.ts)', async () => {
      const r = await call(t.v2, '/domain/register', { ...creds(a), domainname: 'php-lapse.tk', domaintype: 'PAID', idshield: 'enabled', autorenew: 'disabled' }, { method: 'POST' });
      assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
      await t.advance('367d');
      const info = ((await call(t.v2, '/domain/getinfo', { ...creds(a), domainname: 'php-lapse.tk' })).body.domain as Record<string, string>[])[0]!;
      assert.deepEqual([info.status, info.expirationdate], ['CANCELLED', '20330115']);
      assert.equal((await call(t.v2, '/domain/search', { domainname: 'php-lapse.tk', domaintype: 'PAID' })).body.result, 'DOMAIN NOT AVAILABLE');
      const restored = await call(t.v2, '/domain/restore', { ...creds(a), domainname: 'php-lapse.tk' }, { method: 'POST' });
      assert.equal(restored.text, '{"domain":[{"domainname":"php-lapse.tk","result":"DOMAIN RESTORED","status":"RESTORED"}],"status":"OK"}');
      const after = ((await call(t.v2, '/domain/getinfo', { ...creds(a), domainname: 'php-lapse.tk' })).body.domain as Record<string, string>[])[0]!;
      assert.deepEqual([after.status, after.expirationdate], ['ACTIVE', '20340115']);
    });
  });
}
