/**
 * Freenom transport over a real socket: formats, the document's ping and
 * common-error examples, methods and the method override, parameters from
 * query and bodies (GET and DELETE included), bad bodies and credentials,
 * each in Freenom's envelope, never a 500, nothing changed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../support/backends.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import type { TestAccount } from '../../support/fixtures.ts';
import { assertError, assertFixture, call, creds, encode, OUTSIDE_NS, startFreenomServer, type FreenomTestServer } from './support.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: Freenom wire`, { timeout: 120_000 }, () => {
    let t: FreenomTestServer;
    let a: TestAccount;
    before(async () => {
      t = await startFreenomServer(backend);
      a = await t.account();
    });
    after(async () => t.close());

    test('service/ping: the documented examples, JSON by default and XML with .xml', async () => {
      const json = await call(t.v2, '/service/ping');
      assert.equal(json.contentType, 'application/json; charset=utf-8');
      assertFixture(json, 'ping.json');
      const skew = Math.abs(Date.parse(String(json.body.timestamp).replace(' UTC', 'Z').replace(' ', 'T')) - t.services.engine.clock.now().getTime());
      assert.ok(skew < 5000, 'the timestamp is the engine clock');
      const xml = await call(t.v2, '/service/ping', {}, { xml: true });
      assert.equal(xml.contentType, 'application/xml; charset=utf-8');
      assertFixture(xml, 'ping.xml');
      const head = await call(t.v2, '/service/ping', {}, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.text, '');
    });

    test('the three common errors of the document, in JSON and XML', async () => {
      for (const xml of [false, true]) {
        const ext = xml ? 'xml' : 'json';
        assertFixture(await call(t.v2, '/domain/teleport', {}, { xml }), `function-not-found.${ext}`);
        assertFixture(await call(t.v2, '/domain/list', { email: a.email, password: 'wrong' }, { xml }), `not-authorized.${ext}`);
        assertFixture(await call(t.v2, '/domain/getinfo', creds(a), { xml }), `invalid-data.${ext}`);
      }
    });

    test('unknown paths and methods are "Function not found"', async () => {
      for (const path of ['', '/', '/domain', '/domain/register/extra', '/service/ping.json', '/Service/Ping', '/domain/transfer']) {
        assertError(await call(t.v2, path), 'Function not found');
      }
      assertError(await call(t.v2, '/service/ping', {}, { method: 'OPTIONS' }), 'Function not found');
      assertError(await call(t.v2, '/service/ping', {}, { method: 'PATCH' }), 'Function not found');
    });

    test('each function has its method; the method parameter overrides the HTTP one', async () => {
      const before = await snapshotTables(t.services.store.db);
      const register = { ...creds(a), domainname: 'wire-method.tk', domaintype: 'FREE' };
      assertError(await call(t.v2, '/domain/register', register), 'Function not found: domain/register is called with method POST');
      assertError(await call(t.v2, '/domain/register', register, { method: 'PUT' }), 'Function not found: domain/register is called with method POST');
      assertError(await call(t.v2, '/domain/search', { domainname: 'x.tk', domaintype: 'FREE' }, { method: 'POST' }), 'Function not found: domain/search is called with method GET');
      assertError(await call(t.v2, '/domain/search', { domainname: 'x.tk', domaintype: 'FREE', method: 'patch' }), 'Invalid value for method: get, post, put or delete is required');
      assert.deepEqual(await snapshotTables(t.services.store.db), before);

      // A client that can only GET: method=post in the query string.
      const r = await call(t.v2, '/domain/register', { ...register, method: 'post' });
      assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
      // A client that can only POST: method=get / method=delete in the body.
      const s = await call(t.v2, '/domain/search', { domainname: 'wire-method.tk', domaintype: 'FREE', method: 'GET' }, { method: 'POST' });
      assert.equal(s.body.result, 'DOMAIN NOT AVAILABLE', s.text);
      const d = await call(t.v2, '/domain/delete', { ...creds(a), domainname: 'wire-method.tk', method: 'Delete' }, { method: 'POST' });
      assert.equal((d.body.domain as Record<string, string>[])[0]!.result, 'DOMAIN DELETED', d.text);
    });

    test('parameters from the query string, a form body, or both; on GET, POST and DELETE', async () => {
      const search = { domainname: 'wire-params.tk', domaintype: 'FREE' };
      for (const via of ['query', 'form', 'both'] as const) {
        const r = await call(t.v2, '/domain/search', search, { via });
        assert.equal(r.body.result, 'DOMAIN AVAILABLE', `${via}: ${r.text}`);
      }
      // Everything in the query string of a POST (p3x-freenom does this).
      const reg = await call(t.v2, '/domain/register', { ...creds(a), ...search }, { method: 'POST', via: 'query' });
      assert.equal(reg.body.result, 'DOMAIN REGISTERED', reg.text);
      // Credentials in the query, the rest in the body of a DELETE.
      const del = await call(t.v2, `/domain/delete?${encode(creds(a))}`, { domainname: 'wire-params.tk' }, { method: 'DELETE', via: 'form' });
      assert.equal((del.body.domain as Record<string, string>[])[0]!.status, 'DELETED', del.text);
      // The same value twice counts once; two different values are refused.
      const same = await call(t.v2, '/domain/search', { ...search, domaintype: ['FREE', 'FREE'] });
      assert.equal(same.body.status, 'OK', same.text);
      assertError(await call(t.v2, '/domain/search', { ...search, domaintype: ['FREE', 'PAID'] }), 'Invalid data: parameter domaintype may be given only once');
      const split = await call(t.v2, `/domain/search?${encode({ domaintype: 'FREE' })}`, { domainname: 'wire-params.tk', domaintype: 'FREE' }, { method: 'GET', via: 'form' });
      assert.equal(split.body.status, 'OK', split.text);
    });

    test('multipart and JSON bodies are read; an empty body of any type is no parameters', async () => {
      const form = new FormData();
      form.append('domainname', 'wire-multipart.tk');
      form.append('domaintype', 'FREE');
      const encoded = new Response(form);
      const body = Buffer.from(await encoded.arrayBuffer());
      const ct = encoded.headers.get('content-type')!;
      const m = await call(t.v2, '/domain/search?method=get', {}, { method: 'POST', rawBody: body, headers: { 'content-type': ct } });
      assert.equal(m.body.status, 'OK', m.text);
      assert.equal((m.body.domain as Record<string, string>[])[0]!.domainname, 'wire-multipart.tk');

      const j = await call(t.v2, '/domain/search?method=get', {}, {
        method: 'POST', rawBody: JSON.stringify({ domainname: 'wire-json.tk', domaintype: 'PAID' }), headers: { 'content-type': 'application/json' },
      });
      assert.equal((j.body.domain as Record<string, string>[])[0]!.domainname, 'wire-json.tk', j.text);
      const empty = await call(t.v2, '/service/ping', {}, { method: 'GET', rawBody: '', headers: { 'content-type': 'text/plain', 'content-length': '0' } });
      assert.equal(empty.body.result, 'PING REPLY');
    });

    test('bad bodies: malformed, unsupported, wrong types, oversize; JSON or XML envelope, nothing changed', async () => {
      const before = await snapshotTables(t.services.store.db);
      const post = (rawBody: string | Buffer, type: string, xml = false, method = 'POST') =>
        call(t.v2, '/domain/register', {}, { method, xml, rawBody, headers: { 'content-type': type } });
      assertError(await post('{"domainname": ', 'application/json'), 'Invalid data: malformed JSON body');
      assertError(await post('{"domainname": {"a": 1}}', 'application/json'), 'Invalid data: parameter domainname must be a text value');
      assertError(await post('[1,2]', 'application/json'), 'Invalid data: the body must be a set of named parameters');
      assertError(await post('domainname=x.tk', 'text/plain'), 'Invalid data: unsupported request body');
      assertError(await post('<a>1</a>', 'application/xml', true), 'Invalid data: unsupported request body');
      assertError(await post('--x\r\nbroken', 'multipart/form-data; boundary=zzz'), 'Invalid data: malformed multipart body');
      const big = `domainname=${'a'.repeat(70_000)}.tk`;
      assertError(await post(big, 'application/x-www-form-urlencoded'), 'Invalid data: the request body is larger than 65536 bytes');
      const bigXml = await post(big, 'application/x-www-form-urlencoded', true);
      assert.match(bigXml.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<response>\n {2}<status>error<\/status>\n {2}<error>Invalid data: the request body is larger than 65536 bytes<\/error>\n<\/response>/);
      assertError(await call(t.v2, '/domain/search', {}, { rawBody: big, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        'Invalid data: the request body is larger than 65536 bytes');
      assert.deepEqual(await snapshotTables(t.services.store.db), before);
    });

    test('a body on GET is read like any other', async () => {
      const r = await call(t.v2, '/domain/getinfo', { ...creds(a), domainname: 'nowhere.tk' }, { method: 'GET', via: 'form' });
      assertError(r, 'Domain nowhere.tk not found');
      const list = await call(t.v2, '/domain/list', creds(a), { method: 'GET', via: 'form' });
      assert.equal(list.body.status, 'OK', list.text);
    });

    test('credentials: missing, wrong, unknown account; search takes them optionally', async () => {
      assertError(await call(t.v2, '/domain/list', {}), 'Missing parameter: email');
      assertError(await call(t.v2, '/domain/list', { email: a.email }), 'Missing parameter: password');
      assertError(await call(t.v2, '/domain/list', { email: 'nobody@example.test', password: 'x' }), 'Login credentials do not match any account');
      assertError(await call(t.v2, '/domain/list', { email: a.email.toUpperCase(), password: `${a.password} ` }), 'Login credentials do not match any account');
      const ok = await call(t.v2, '/domain/list', { email: a.email.toUpperCase(), password: a.password });
      assert.equal(ok.body.status, 'OK', 'e-mail addresses match case-insensitively');
      const anonymous = await call(t.v2, '/domain/search', { domainname: 'wire-anon.tk', domaintype: 'PAID' });
      assert.equal(anonymous.body.result, 'DOMAIN AVAILABLE');
      assertError(await call(t.v2, '/domain/search', { domainname: 'wire-anon.tk', domaintype: 'PAID', email: a.email, password: 'nope' }), 'Login credentials do not match any account');
      assertError(await call(t.v2, '/service/ping', { test_mode: 'yes' }), 'Invalid value for test_mode: 1 (or 0) is required');
    });

    test('odd parameter values never cause a 500', async () => {
      const odd = ['', ' ', '-a-.tk', 'a..tk', `${'x'.repeat(300)}.tk`, 'ünïcödé.tk', 'a b.tk', '%00', '\u0000.tk', 'example', '1.2.3.4'];
      for (const domainname of odd) {
        const r = await call(t.v2, '/domain/search', { domainname, domaintype: 'FREE' });
        assert.equal(r.status, 200, r.text);
        assert.ok(r.body.status === 'OK' || r.body.status === 'error', r.text);
      }
      const proto = await call(t.v2, '/domain/search', Object.fromEntries([['__proto__', '1'], ['constructor', '2'], ['domainname', 'wire-proto.tk'], ['domaintype', 'FREE']]));
      assertError(proto, 'Invalid data: unknown parameter __proto__');
      const protoArray = await call(t.v2, '/domain/search', Object.fromEntries([['__proto__[]', '1'], ['domainname', 'wire-proto.tk'], ['domaintype', 'FREE']]));
      assertError(protoArray, 'Invalid data: unknown parameter __proto__');
      const reg = await call(t.v2, '/domain/register', { ...creds(a), domainname: 'wire-odd.tk', domaintype: 'PAID', owner_id: 'abc' }, { method: 'POST' });
      assertError(reg, 'Invalid value for owner_id: a contact id (positive number) is required');
      const ns = await call(t.v2, '/domain/register', { ...creds(a), domainname: 'wire-odd.tk', domaintype: 'FREE', nameserver: [OUTSIDE_NS[0], 'bad host'] }, { method: 'POST' });
      assertError(ns, /^Invalid value for nameserver: "bad host"/);
    });
  });
}
