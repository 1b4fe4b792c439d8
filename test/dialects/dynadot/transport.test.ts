/**
 * Dynadot transport over real HTTP (spec §1–§3, §17): the four paths, GET
 * and POST (form and multipart), the generic `Response` envelope for a
 * missing or wrong key and an unknown command, bodies that are refused,
 * and is_processing in its three formats.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { api3, assertBody, dynadotAccount, type Client } from './support.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot transport`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let c: Client;

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      c = (await dynadotAccount(engine, t.url)).c;
    });
    after(() => t.close());

    test('is_processing: XML, JSON and CSV as the document prints them (no Status, no declaration)', async () => {
      assertBody(await c.xml('is_processing'), '<Response>\n  <ResponseHeader>\n    <ResponseCode>0</ResponseCode>\n    <ResponseMsg>no</ResponseMsg>\n  </ResponseHeader>\n</Response>\n');
      assertBody(await c.json('is_processing'), '{"Response":{"ResponseCode":"0","ResponseMsg":"no"}}');
      assertBody(await c.csv('is_processing'), 'ok,no\n');
      const r = await api3(t.url, 'csv', { key: c.key, command: 'is_processing' });
      assertBody(r, 'ok,no\n');
    });

    test('a missing or wrong key, a missing or unknown command: the generic Response envelope, HTTP 200', async () => {
      assertBody(await api3(t.url, 'json', { command: 'is_processing' }), '{"Response":{"ResponseCode":"-1","Error":"missing key param"}}');
      assertBody(await api3(t.url, 'json', { key: 'nope', command: 'is_processing' }), '{"Response":{"ResponseCode":"-1","Error":"invalid key"}}');
      assertBody(await api3(t.url, 'xml', { key: 'nope', command: 'is_processing' }),
        '<Response>\n  <ResponseHeader>\n    <ResponseCode>-1</ResponseCode>\n    <Error>invalid key</Error>\n  </ResponseHeader>\n</Response>\n');
      assertBody(await api3(t.url, 'json', { key: c.key }), '{"Response":{"ResponseCode":"-1","Error":"missing command param"}}');
      assertBody(await api3(t.url, 'json', { key: c.key, command: 'make_coffee' }), '{"Response":{"ResponseCode":"-1","Error":"invalid command: make_coffee"}}');
      assertBody(await api3(t.url, 'html', { key: 'nope', command: 'is_processing' }), 'error,invalid key\n');
    });

    test('POST with a form or a multipart body, and parameters split between query and body', async () => {
      assertBody(await api3(t.url, 'json', { key: c.key, command: 'is_processing' }, { post: true }), '{"Response":{"ResponseCode":"0","ResponseMsg":"no"}}');
      const form = new FormData();
      form.append('key', c.key);
      form.append('command', 'is_processing');
      const req = new Request('http://x/', { method: 'POST', body: form });
      const body = Buffer.from(await req.arrayBuffer());
      const r = await api3(t.url, 'json', {}, { rawBody: body, headers: { 'content-type': req.headers.get('content-type')! } });
      assertBody(r, '{"Response":{"ResponseCode":"0","ResponseMsg":"no"}}');
    });

    test('a parameter the command does not understand is refused in its envelope; one sent empty counts as absent', async () => {
      assertBody(await c.json('get_account_balance', { foo: 'bar' }),
        '{"GetAccountBalanceResponse":{"ResponseCode":-1,"Status":"error","Error":"unknown parameter foo for the get_account_balance command"}}');
      assertBody(await c.json('get_account_balance', { domain0: 'x.com' }),
        '{"GetAccountBalanceResponse":{"ResponseCode":-1,"Status":"error","Error":"unknown parameter domain0 for the get_account_balance command"}}');
      const ok = await c.json('get_account_balance', { foo: '' });
      assert.match(ok.text, /^\{"GetAccountBalanceResponse":\{"ResponseCode":0,"Status":"success"/);
    });

    test('bodies it cannot read: the generic envelope, nothing else', async () => {
      const json = await api3(t.url, 'json', {}, { rawBody: '{"key":"x"}', headers: { 'content-type': 'application/json' } });
      assertBody(json, '{"Response":{"ResponseCode":"-1","Error":"unsupported request body: send parameters in the query string or as a form"}}');
      const big = await api3(t.url, 'json', {}, { rawBody: `key=${'x'.repeat(300 * 1024)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assertBody(big, '{"Response":{"ResponseCode":"-1","Error":"the request body is larger than 262144 bytes"}}');
    });

    test('other paths are not Dynadot\'s', async () => {
      const r = await api3(t.url, 'xml', {}).then(() => fetch(`${t.url}/api3.txt?key=x&command=is_processing`));
      assert.equal(r.status, 404);
    });
  });
}
