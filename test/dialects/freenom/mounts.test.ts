/**
 * Configurable mounts over HTTP: the Freenom dialect built with its own
 * prefixes and Dot CF host names (freenomDialects), next to the default
 * mounts. Which edition answers is read from a PAID domain's list entry:
 * the Freenom edition shows `autorenew`, the Dot CF edition does not.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freenomDialects } from '../../../src/dialects/freenom/index.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { BACKENDS } from '../../support/backends.ts';
import { newAccount, type TestAccount } from '../../support/fixtures.ts';
import { assertError, assertFixture, call, creds, newContact, START } from './support.ts';

const CUSTOM = { prefix: '/registrar/freenom/v2', dotcfPrefix: '/registrar/cf/v2', dotcfHosts: ['API.Example.CF.', 'cf-api.example.net'] } as const;

for (const backend of BACKENDS) {
  describe(`${backend}: Freenom mounts from configuration`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let a: TestAccount;
    before(async () => {
      t = await startTestServer(backend, {
        configure: (app) => {
          for (const d of freenomDialects(CUSTOM)) app.register(d.plugin, { prefix: d.prefix });
        },
      });
      assert.equal((await ops(t.url, 'clock set', { at: START })).status, 200);
      a = await newAccount(t.services.engine, { depositEur: '100.00' });
      const owner = await newContact(`${t.url}${CUSTOM.prefix}`, a);
      const r = await call(`${t.url}${CUSTOM.prefix}`, '/domain/register', { ...creds(a), domainname: 'mounted.cf', domaintype: 'PAID', owner_id: owner }, { method: 'POST' });
      assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
    });
    after(async () => t?.close());

    /** The edition that answered domain/list at `prefix` for this Host header. */
    const editionAt = async (prefix: string, host?: string): Promise<string> => {
      const r = await call(`${t.url}${prefix}`, '/domain/list', creds(a), host === undefined ? {} : { headers: { host } });
      assert.equal(r.body.status, 'OK', r.text);
      const [entry] = r.body.domain as Record<string, string>[];
      assert.equal(entry?.domainname, 'mounted.cf');
      return 'autorenew' in entry ? 'freenom' : 'dotcf';
    };

    test('the custom Freenom prefix serves the Freenom edition, and the Dot CF edition to the configured Host names', async () => {
      assert.equal(await editionAt(CUSTOM.prefix), 'freenom');
      assert.equal(await editionAt(CUSTOM.prefix, 'api.example.cf'), 'dotcf');
      assert.equal(await editionAt(CUSTOM.prefix, 'API.EXAMPLE.CF.:8443'), 'dotcf');
      assert.equal(await editionAt(CUSTOM.prefix, 'cf-api.example.net'), 'dotcf');
      // The default host name is not one of this mount's.
      assert.equal(await editionAt(CUSTOM.prefix, 'api.dot.cf'), 'freenom');
    });

    test('the custom Dot CF prefix always serves the Dot CF edition', async () => {
      assert.equal(await editionAt(CUSTOM.dotcfPrefix), 'dotcf');
      assert.equal(await editionAt(CUSTOM.dotcfPrefix, 'api.freenom.com'), 'dotcf');
    });

    test('the default mounts keep their own host names', async () => {
      assert.equal(await editionAt('/v2', 'api.example.cf'), 'freenom');
      assert.equal(await editionAt('/v2', 'api.dot.cf'), 'dotcf');
      assert.equal(await editionAt('/dotcf/v2'), 'dotcf');
    });

    test('the whole wire surface moves with the prefix: XML, unknown functions, credentials', async () => {
      assertFixture(await call(`${t.url}${CUSTOM.dotcfPrefix}`, '/service/ping', {}, { xml: true }), 'ping.xml');
      assertFixture(await call(`${t.url}${CUSTOM.prefix}`, '/domain/nothing'), 'function-not-found.json');
      assertError(await call(`${t.url}${CUSTOM.dotcfPrefix}`, '/domain/list', { email: a.email, password: 'wrong' }, { xml: true }), 'Login credentials do not match any account');
      // Outside every mount: the server's own 404.
      const outside = await fetch(`${t.url}/registrar/v2/service/ping`);
      assert.equal(outside.status, 404);
      assert.deepEqual(await outside.json(), { error: 'not found' });
    });
  });
}

describe('Freenom mounts: invalid configuration', () => {
  test('prefixes must be paths and differ; host names must be DNS names', () => {
    assert.throws(() => freenomDialects({ prefix: 'v2' }), /invalid prefix "v2"/);
    assert.throws(() => freenomDialects({ prefix: '/v2/' }), /invalid prefix/);
    assert.throws(() => freenomDialects({ dotcfPrefix: '/a b' }), /invalid dotcfPrefix/);
    assert.throws(() => freenomDialects({ prefix: '/x/v2', dotcfPrefix: '/x/v2' }), /must differ/);
    assert.throws(() => freenomDialects({ dotcfHosts: ['api.dot.cf:8080'] }), /invalid Dot CF host name/);
    assert.throws(() => freenomDialects({ dotcfHosts: [''] }), /invalid Dot CF host name/);
  });

  test('an empty host list turns Host selection off', () => {
    const [, dotcf] = freenomDialects({ dotcfHosts: [] });
    assert.equal(dotcf!.usage({ baseUrl: 'http://h', email: 'e', password: 'p', apiKey: 'k', wapiPassword: 'w', pushUsername: 'u' })[0], '# the Dot CF edition');
  });
});
